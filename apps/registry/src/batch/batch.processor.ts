import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import { EVENT_JOB_ATTEMPTS, SERVICE_CONFIG } from '@koperasi/platform';
import type { RegistryConfig } from '../config';
import { EvaluationRunner } from '../evaluation/evaluation-runner.service';
import { ImportsRunner } from '../imports/imports-runner.service';
import { EVALUATION_CHUNK_JOB, EVALUATION_JOB, IMPORT_CHUNK_JOB, IMPORT_JOB, type BatchJobData } from './batch-jobs';

interface Runner {
  plan(id: string): Promise<unknown>;
  processChunk(id: string, chunkNo: number): Promise<boolean>;
  noteError(id: string, message: string): Promise<void>;
  fail(id: string, message: string): Promise<void>;
}

/**
 * Works the registry's long jobs on any replica: a run's planning job, then one job per chunk.
 * Their progress and resume points live in PostgreSQL.
 */
@Processor(REGISTRY_BATCH_QUEUE)
@Injectable()
export class BatchProcessor extends WorkerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly evaluation: EvaluationRunner,
    private readonly imports: ImportsRunner,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.BATCH_CONCURRENCY;
  }

  async process(job: Job<BatchJobData>): Promise<unknown> {
    const runner = this.runnerFor(job.name);
    const { id, chunkNo } = job.data;
    try {
      if (chunkNo === undefined) {
        await runner.plan(id);
        return { id, planned: true };
      }
      return { id, chunkNo, completedRun: await runner.processChunk(id, chunkNo) };
    } catch (error) {
      const message = (error as Error).message;
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? EVENT_JOB_ATTEMPTS)) await runner.fail(id, message);
      else await runner.noteError(id, message);
      throw error;
    }
  }

  private runnerFor(name: string): Runner {
    if (name === EVALUATION_JOB || name === EVALUATION_CHUNK_JOB) return this.evaluation;
    if (name === IMPORT_JOB || name === IMPORT_CHUNK_JOB) return this.imports;
    throw new UnrecoverableError(`Unknown batch job ${name}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.worker.close();
  }
}
