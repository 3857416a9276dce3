import { baseEnvSchema } from '@koperasi/platform';
import { z } from 'zod';
import { isTimeZone } from './proceedings/deadlines';

export const dissolutionEnvSchema = baseEnvSchema.extend({
  PORT: baseEnvSchema.shape.PORT.default(3003),
  /** The office's IANA time zone: "today" and the end of a statutory day are the office's (WIB). */
  OFFICE_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Asia/Jakarta')
    .default('Asia/Jakarta'),
  /** Domain step 2 (M): a cooperative with debts to third parties is usually not proposed. */
  ALLOW_PROPOSAL_WITH_DEBTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((value) => value === 'true'),
});

export type DissolutionConfig = z.infer<typeof dissolutionEnvSchema>;
