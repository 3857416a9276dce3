import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import { EVENT_JOB_ATTEMPTS } from '@koperasi/platform';
import { EvaluationService } from '../evaluation/evaluation.service';
import { ImportsService } from '../imports/imports.service';
import { EVALUATION_JOB, IMPORT_JOB, type BatchJobData } from './batch-jobs';

/** Works the registry's long jobs; their progress and resume points live in PostgreSQL. */
@Processor(REGISTRY_BATCH_QUEUE)
@Injectable()
export class BatchProcessor extends WorkerHost implements BeforeApplicationShutdown {
  constructor(
    private readonly evaluation: EvaluationService,
    private readonly imports: ImportsService,
  ) {
    super();
  }

  async process(job: Job<BatchJobData>): Promise<unknown> {
    const runner = this.runnerFor(job.name);
    try {
      const result = await runner.execute(job.data.id);
      return { id: job.data.id, state: result.state };
    } catch (error) {
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? EVENT_JOB_ATTEMPTS))
        await runner.fail(job.data.id, (error as Error).message);
      throw error;
    }
  }

  private runnerFor(name: string): {
    execute(id: string): Promise<{ state: string }>;
    fail(id: string, message: string): Promise<void>;
  } {
    if (name === EVALUATION_JOB) return this.evaluation;
    if (name === IMPORT_JOB) return this.imports;
    throw new UnrecoverableError(`Unknown batch job ${name}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
