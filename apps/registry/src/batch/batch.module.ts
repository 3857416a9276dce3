import { Module } from '@nestjs/common';
import { EvaluationModule } from '../evaluation/evaluation.module';
import { BatchProcessor } from './batch.processor';

@Module({
  imports: [EvaluationModule],
  providers: [BatchProcessor],
})
export class BatchModule {}
