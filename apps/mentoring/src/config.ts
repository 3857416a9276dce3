import { baseEnvSchema } from '@koperasi/platform';
import type { z } from 'zod';

export const mentoringEnvSchema = baseEnvSchema.extend({
  PORT: baseEnvSchema.shape.PORT.default(3002),
});

export type MentoringConfig = z.infer<typeof mentoringEnvSchema>;
