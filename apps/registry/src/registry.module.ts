import { Module } from '@nestjs/common';
import { PlatformModule } from '@koperasi/platform';
import { registryEnvSchema } from './config';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { RatsModule } from './rats/rats.module';
import { registryDatabase } from './registry.database';

@Module({
  imports: [
    PlatformModule.forService({ service: 'registry', database: registryDatabase, envSchema: registryEnvSchema }),
    CooperativesModule,
    RatsModule,
  ],
})
export class RegistryModule {}
