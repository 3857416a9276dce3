import { Module } from '@nestjs/common';
import { PlatformModule } from '@koperasi/platform';
import { dissolutionEnvSchema } from './config';
import { dissolutionDatabase } from './dissolution.database';

@Module({
  imports: [PlatformModule.forService({ service: 'dissolution', database: dissolutionDatabase, envSchema: dissolutionEnvSchema })],
})
export class DissolutionModule {}
