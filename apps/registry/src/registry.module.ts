import { Module } from '@nestjs/common';
import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import { PlatformModule } from '@koperasi/platform';
import { AreasModule } from './areas/areas.module';
import { BatchModule } from './batch/batch.module';
import { registryEnvSchema } from './config';
import { CooperativesModule } from './cooperatives/cooperatives.module';
import { EvaluationModule } from './evaluation/evaluation.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { RatsModule } from './rats/rats.module';
import { registryDatabase } from './registry.database';
import { StatisticsModule } from './statistics/statistics.module';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'registry',
      database: registryDatabase,
      envSchema: registryEnvSchema,
      extraQueues: [REGISTRY_BATCH_QUEUE],
    }),
    AreasModule,
    CooperativesModule,
    RatsModule,
    EvaluationModule,
    HealthModule,
    StatisticsModule,
    ImportsModule,
    BatchModule,
  ],
})
export class RegistryModule {}
