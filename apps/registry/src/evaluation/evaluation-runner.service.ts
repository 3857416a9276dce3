import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import {
  CONTEXT_KEYS,
  OutboxRelay,
  PeriodicTasks,
  QueueDirectory,
  SERVICE_CONFIG,
  UnitOfWork,
  type Tx,
} from '@koperasi/platform';
import { DataSource, In } from 'typeorm';
import type { RegistryConfig } from '../config';
import {
  BATCH_RESUME_PERIOD_MS,
  EVALUATION_CHUNK_JOB,
  EVALUATION_JOB,
  ensureQueued,
  type BatchJob,
} from '../batch/batch-jobs';
import { applyChunk, listCandidates } from './evaluation-chunk';
import { evaluationWindow } from './evaluation-rule';
import { EvaluationRun } from './evaluation-run.entity';
import { PLAN_CHUNKS } from './evaluation.sql';

/**
 * Serialises, per fiscal year, starting a real run with completing one: a completed real run of a
 * year is never followed by a second (checked under this lock), even when both happen at once.
 * Taken before the run's row is written, by everyone, so the two never wait for each other in turn.
 */
export async function lockFiscalYear(tx: Tx, fiscalYear: number): Promise<void> {
  await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('registry.evaluation'), $1)`, [fiscalYear]);
}

/**
 * Runs the annual evaluation as jobs any replica may take: a planning job splits the registry into
 * id-range chunks in one transaction and queues one job per chunk; each chunk job applies its
 * chunk in one transaction, and the one that applies the last chunk completes the run.
 */
@Injectable()
export class EvaluationRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(EvaluationRunner.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly cls: ClsService,
    private readonly queues: QueueDirectory,
    private readonly relay: OutboxRelay,
    private readonly periodic: PeriodicTasks,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /** Queues the run's planning job (after the run is committed). */
  async enqueue(runId: string): Promise<void> {
    await ensureQueued(this.queues.get(REGISTRY_BATCH_QUEUE), [{ name: EVALUATION_JOB, data: { id: runId } }]);
  }

  /**
   * Splits the registry into id ranges once (a repeat finds the plan made), then queues the pending
   * chunks. A planned run with no chunk pending is completed here: an empty registry, or a run
   * whose last chunk was counted by a version that completed runs in a separate step.
   */
  async plan(runId: string): Promise<void> {
    const run = await this.dataSource.getRepository(EvaluationRun).findOneByOrFail({ id: runId });
    if (run.state !== 'QUEUED' && run.state !== 'RUNNING') return;
    await this.uow.run(async (tx) => {
      await lockFiscalYear(tx, run.fiscalYear);
      const [locked] = await tx.manager.query(`SELECT chunks_total FROM evaluation_runs WHERE id = $1 FOR UPDATE`, [
        runId,
      ]);
      if (locked.chunks_total === null) {
        await tx.manager.query(PLAN_CHUNKS, [runId, this.config.EVALUATION_CHUNK_SIZE]);
        await tx.manager.query(
          `UPDATE evaluation_runs SET state = 'RUNNING', started_at = now(), total = (SELECT count(*) FROM cooperatives),
             chunks_total = (SELECT count(*) FROM evaluation_chunks WHERE run_id = $1)
           WHERE id = $1`,
          [runId],
        );
      }
      await tx.manager.query(
        `UPDATE evaluation_runs SET state = 'COMPLETED', finished_at = now(), error = NULL
         WHERE id = $1 AND state IN ('QUEUED', 'RUNNING')
           AND NOT EXISTS (SELECT 1 FROM evaluation_chunks WHERE run_id = $1 AND state = 'PENDING')`,
        [runId],
      );
    });
    await this.enqueueChunks(runId);
  }

  /**
   * Applies one chunk in one transaction, as the actor who started the run; a chunk already done
   * (its job ran twice) or of a run no longer running is left alone. Answers whether this chunk
   * completed the run: the run's row is updated under its lock, so exactly one chunk sees the last count.
   */
  async processChunk(runId: string, chunkNo: number): Promise<boolean> {
    const run = await this.dataSource.getRepository(EvaluationRun).findOneByOrFail({ id: runId });
    if (run.state !== 'RUNNING') return false;
    const completed = await this.cls.run(() => {
      this.cls.set(CONTEXT_KEYS.actor, { id: run.startedBy });
      return this.uow.run(async (tx) => {
        const [chunk] = await tx.manager.query(
          `SELECT lower_id, upper_id FROM evaluation_chunks
           WHERE run_id = $1 AND chunk_no = $2 AND state = 'PENDING' FOR UPDATE`,
          [runId, chunkNo],
        );
        if (!chunk) return false;
        const window = evaluationWindow(run.fiscalYear, run.inactiveAfterYears);
        const range: [string, string | null] = [chunk.lower_id, chunk.upper_id];
        const counts = run.dryRun
          ? await listCandidates(tx, run, range, window)
          : await applyChunk(tx, run, range, window, this.config.OFFICE_UTC_OFFSET_MINUTES);
        const outcome = {
          processed: counts.total,
          becameInactive: counts.changed,
          keptActive: counts.active - counts.changed,
          notActive: counts.total - counts.active,
        };
        await tx.manager.query(
          `UPDATE evaluation_chunks SET state = 'DONE', completed_at = now(), processed = $3, became_inactive = $4,
             kept_active = $5, not_active = $6 WHERE run_id = $1 AND chunk_no = $2`,
          [runId, chunkNo, outcome.processed, outcome.becameInactive, outcome.keptActive, outcome.notActive],
        );
        await lockFiscalYear(tx, run.fiscalYear);
        const [[updated]] = await tx.manager.query(
          `UPDATE evaluation_runs SET chunks_done = chunks_done + 1, processed = processed + $2,
             became_inactive = became_inactive + $3, kept_active = kept_active + $4, not_active = not_active + $5,
             state = CASE WHEN chunks_done + 1 = chunks_total THEN 'COMPLETED' ELSE state END,
             finished_at = CASE WHEN chunks_done + 1 = chunks_total THEN now() ELSE finished_at END,
             error = CASE WHEN chunks_done + 1 = chunks_total THEN NULL ELSE error END
           WHERE id = $1 RETURNING state`,
          [runId, outcome.processed, outcome.becameInactive, outcome.keptActive, outcome.notActive],
        );
        return updated.state === 'COMPLETED';
      });
    });
    if (!run.dryRun) this.relay.wake();
    if (completed) await this.logFinished(runId);
    return completed;
  }

  /** Notes the last attempt's error on the run; it stays running while its jobs have attempts left. */
  async noteError(runId: string, message: string): Promise<void> {
    await this.dataSource.getRepository(EvaluationRun).update({ id: runId }, { error: message });
  }

  /** Marks a run failed for good (a job ran out of attempts); its finished chunks stay done. */
  async fail(runId: string, message: string): Promise<void> {
    await this.dataSource
      .getRepository(EvaluationRun)
      .update(
        { id: runId, state: In(['QUEUED', 'RUNNING']) },
        { state: 'FAILED', error: message, finishedAt: new Date() },
      );
  }

  /** Redis may have lost the jobs (flush, crash): the database says which runs and chunks are unfinished. */
  async resume(): Promise<number> {
    const open = await this.dataSource.getRepository(EvaluationRun).findBy({ state: In(['QUEUED', 'RUNNING']) });
    for (const run of open) {
      if (run.chunksTotal === null) await this.enqueue(run.id);
      else await this.plan(run.id);
    }
    return open.length;
  }

  async onApplicationBootstrap(): Promise<void> {
    const resumed = await this.resume();
    if (resumed > 0) this.logger.log({ runs: resumed }, 'Resuming unfinished evaluations');
    this.periodic.schedule('registry.evaluation-resume', BATCH_RESUME_PERIOD_MS, () => this.resume());
  }

  private async enqueueChunks(runId: string): Promise<void> {
    const pending: { chunk_no: number }[] = await this.dataSource.query(
      `SELECT chunk_no FROM evaluation_chunks WHERE run_id = $1 AND state = 'PENDING' ORDER BY chunk_no`,
      [runId],
    );
    const jobs: BatchJob[] = pending.map((row) => ({
      name: EVALUATION_CHUNK_JOB,
      data: { id: runId, chunkNo: row.chunk_no },
    }));
    await ensureQueued(this.queues.get(REGISTRY_BATCH_QUEUE), jobs);
  }

  private async logFinished(runId: string): Promise<void> {
    const run = await this.dataSource.getRepository(EvaluationRun).findOneByOrFail({ id: runId });
    this.logger.log(
      {
        runId,
        fiscalYear: run.fiscalYear,
        dryRun: run.dryRun,
        becameInactive: run.becameInactive,
        processed: run.processed,
      },
      'Annual evaluation finished',
    );
  }
}
