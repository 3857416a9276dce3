import { Module } from '@nestjs/common';
import { EvaluationController } from './evaluation.controller';
import { EvaluationRunner } from './evaluation-runner.service';
import { EvaluationService } from './evaluation.service';

@Module({
  controllers: [EvaluationController],
  providers: [EvaluationService, EvaluationRunner],
  exports: [EvaluationService, EvaluationRunner],
})
export class EvaluationModule {}
