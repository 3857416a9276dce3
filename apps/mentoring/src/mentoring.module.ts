import { Module } from '@nestjs/common';
import { PlatformModule } from '@koperasi/platform';
import { mentoringEnvSchema } from './config';
import { mentoringDatabase } from './mentoring.database';

@Module({
  imports: [PlatformModule.forService({ service: 'mentoring', database: mentoringDatabase, envSchema: mentoringEnvSchema })],
})
export class MentoringModule {}
