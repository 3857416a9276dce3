import { Module } from '@nestjs/common';
import { PlatformModule } from '@koperasi/platform';
import { registryEnvSchema } from './config';
import { registryDatabase } from './registry.database';

@Module({
  imports: [PlatformModule.forService({ service: 'registry', database: registryDatabase, envSchema: registryEnvSchema })],
})
export class RegistryModule {}
