import { Module } from '@nestjs/common';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { ImportsModule } from '../imports/imports.module';
import { BatchProcessor } from './batch.processor';

@Module({
  imports: [EvaluationModule, ImportsModule],
  providers: [BatchProcessor],
})
export class BatchModule {}
