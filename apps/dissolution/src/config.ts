import { baseEnvSchema } from '@koperasi/platform';
import { z } from 'zod';

export const dissolutionEnvSchema = baseEnvSchema.extend({
  PORT: baseEnvSchema.shape.PORT.default(3003),
  /** The office's time zone as minutes ahead of UTC; statutory dates end at the office's midnight (WIB). */
  OFFICE_UTC_OFFSET_MINUTES: z.coerce.number().int().min(-720).max(840).default(420),
  /** Domain step 2 (M): a cooperative with debts to third parties is usually not proposed. */
  ALLOW_PROPOSAL_WITH_DEBTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export type DissolutionConfig = z.infer<typeof dissolutionEnvSchema>;
