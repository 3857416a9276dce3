import { baseEnvSchema } from '@koperasi/platform';
import type { z } from 'zod';

export const registryEnvSchema = baseEnvSchema.extend({
  PORT: baseEnvSchema.shape.PORT.default(3001),
});

export type RegistryConfig = z.infer<typeof registryEnvSchema>;
