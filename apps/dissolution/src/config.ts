import { baseEnvSchema } from '@koperasi/platform';
import type { z } from 'zod';

export const dissolutionEnvSchema = baseEnvSchema.extend({
  PORT: baseEnvSchema.shape.PORT.default(3003),
});

export type DissolutionConfig = z.infer<typeof dissolutionEnvSchema>;
