import { tmpdir } from 'node:os';
import { baseEnvSchema } from '@koperasi/platform';
import { z } from 'zod';

export const registryEnvSchema = baseEnvSchema.extend({
  PORT: baseEnvSchema.shape.PORT.default(3001),
  /** Domain §3 (M): a cooperative with no RAT for this many fiscal years becomes INACTIVE. */
  INACTIVE_AFTER_FISCAL_YEARS: z.coerce.number().int().min(1).max(10).default(2),
  /** Domain §2 (H by law, cities set earlier): months after the fiscal year's end to hold the RAT. */
  RAT_DEADLINE_MONTHS: z.coerce.number().int().min(1).max(12).default(6),
  /** Domain §1 (M): NIK certificate validity in years, used when only the issue date is given. */
  NIK_CERTIFICATE_VALIDITY_YEARS: z.coerce.number().int().min(1).max(5).default(2),
  /** The office's time zone as minutes ahead of UTC (WIB); report periods and "today" use it. */
  OFFICE_UTC_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(420),
  /** How many closed fiscal years back the annual evaluation may be run (the last N). */
  EVALUATION_MAX_YEARS_BACK: z.coerce.number().int().min(1).max(50).default(10),
  /** Cooperatives per transaction in the annual evaluation. */
  EVALUATION_CHUNK_SIZE: z.coerce.number().int().min(1).max(100_000).default(10_000),
  /**
   * Chunk jobs (evaluation, imports) each replica works at once. Two lets one replica's chunks use
   * both of PostgreSQL's cores on a 2-core machine; the chunks of one run are disjoint.
   */
  BATCH_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  /** Largest CSV file an import accepts, in bytes (the upload stops there with 413). */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 * 1024 ** 3)
    .default(50 * 1024 ** 2),
  /** Where uploads wait while they are staged (removed once the request is answered). */
  IMPORT_UPLOAD_DIR: z.string().min(1).default(tmpdir()),
  /** Most data rows a CSV import accepts (a national registry file is about 200,000). */
  IMPORT_MAX_ROWS: z.coerce.number().int().min(1).max(10_000_000).default(500_000),
  /** CSV rows per transaction in an import. */
  IMPORT_CHUNK_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  DEFAULT_CITY: z.string().min(1).default('Palangka Raya'),
  DEFAULT_PROVINCE: z.string().min(1).default('Kalimantan Tengah'),
});

export type RegistryConfig = z.infer<typeof registryEnvSchema>;
