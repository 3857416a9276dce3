import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { REGISTRY_BATCH_QUEUE, SYSTEM_ACTOR } from '@koperasi/contracts';
import {
  CONTEXT_KEYS,
  currentActor,
  IdempotentCommands,
  QueueDirectory,
  SERVICE_CONFIG,
  UnitOfWork,
  type CommandContext,
  type Tx,
} from '@koperasi/platform';
import { DataSource, In } from 'typeorm';
import type { RegistryConfig } from '../config';
import { officeDate } from '../common/dates';
import { EVALUATION_JOB, batchJobId } from '../batch/batch-jobs';
import { StatusHistoryEntry } from '../cooperatives/status-history.entity';
import {
  evaluationAlreadyCompleted,
  evaluationInProgress,
  evaluationNotFound,
  fiscalYearNotClosed,
  fiscalYearTooOld,
} from './evaluation.errors';
import { toEvaluationView } from './dto/evaluation.dto';
import { evaluableYears, evaluationReason, evaluationWindow } from './evaluation-rule';
import { EvaluationChunk, EvaluationRun, EvaluationRunCooperative } from './evaluation-run.entity';
import {
  COUNT_CHUNK,
  DEACTIVATE_CHUNK,
  INSERT_HISTORY,
  LIST_CANDIDATES,
  LIST_CHANGED,
  LOCK_CANDIDATES,
  PLAN_CHUNKS,
  RUN_COOPERATIVES_PAGE,
  type DeactivatedRow,
  type RunCooperativeRow,
} from './evaluation.sql';

const PG_UNIQUE_VIOLATION = '23505';

/**
 * Serialises, per fiscal year, starting a real run with completing one: a completed real run of a
 * year is never followed by a second (checked under this lock), even when both happen at once.
 */
async function lockFiscalYear(tx: Tx, fiscalYear: number): Promise<void> {
  await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('registry.evaluation'), $1)`, [fiscalYear]);
}

/** The annual evaluation (domain §3): planned into id-range chunks, each applied in one transaction. */
@Injectable()
export class EvaluationService implements OnApplicationBootstrap {
  private readonly logger = new Logger(EvaluationService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly cls: ClsService,
    private readonly queues: QueueDirectory,
    private readonly commands: IdempotentCommands,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /** Creates the run (its Idempotency-Key answer saved in the same commit), then queues its job. */
  async start(command: CommandContext, fiscalYear: number, dryRun: boolean): Promise<object> {
    const currentYear = Number(officeDate(new Date(), this.config.OFFICE_UTC_OFFSET_MINUTES).slice(0, 4));
    const years = evaluableYears(currentYear, this.config.EVALUATION_MAX_YEARS_BACK);
    if (fiscalYear > years.latest) throw fiscalYearNotClosed(fiscalYear, currentYear);
    if (fiscalYear < years.earliest) throw fiscalYearTooOld(fiscalYear, years.earliest);
    try {
      return await this.commands.run(
        command,
        202,
        async (tx) => {
          if (!dryRun) {
            await lockFiscalYear(tx, fiscalYear);
            const done = await tx.manager.findOneBy(EvaluationRun, { fiscalYear, dryRun: false, state: 'COMPLETED' });
            if (done) throw evaluationAlreadyCompleted(fiscalYear, done.id);
          }
          const created = await tx.manager.save(
            tx.manager.create(EvaluationRun, {
              fiscalYear,
              dryRun,
              inactiveAfterYears: this.config.INACTIVE_AFTER_FISCAL_YEARS,
              state: 'QUEUED',
              startedBy: (currentActor() ?? SYSTEM_ACTOR).id,
            }),
          );
          await tx.audit({
            action: 'evaluation.started',
            entityType: 'EvaluationRun',
            entityId: created.id,
            after: { fiscalYear, dryRun },
          });
          return toEvaluationView(created);
        },
        (view) => this.enqueue(view.id),
      );
    } catch (error) {
      if ((error as { driverError?: { code?: string } }).driverError?.code === PG_UNIQUE_VIOLATION) {
        const open = await this.dataSource
          .getRepository(EvaluationRun)
          .findOneBy({ fiscalYear, dryRun: false, state: In(['QUEUED', 'RUNNING']) });
        throw evaluationInProgress(fiscalYear, open?.id);
      }
      throw error;
    }
  }

  async get(id: string): Promise<EvaluationRun> {
    const run = await this.dataSource.getRepository(EvaluationRun).findOneBy({ id });
    if (!run) throw evaluationNotFound(id);
    return run;
  }

  list(fiscalYear: number | undefined, limit: number, offset: number): Promise<[EvaluationRun[], number]> {
    return this.dataSource.getRepository(EvaluationRun).findAndCount({
      where: fiscalYear === undefined ? {} : { fiscalYear },
      order: { createdAt: 'DESC' },
      take: limit,
      skip: offset,
    });
  }

  async changes(id: string, limit: number, offset: number): Promise<[StatusHistoryEntry[], number]> {
    await this.get(id);
    return this.dataSource
      .getRepository(StatusHistoryEntry)
      .findAndCount({ where: { evaluationRunId: id }, order: { id: 'ASC' }, take: limit, skip: offset });
  }

  /** The cooperatives a run set INACTIVE, or a dry run would have, by name. */
  async cooperatives(id: string, limit: number, offset: number): Promise<[RunCooperativeRow[], number]> {
    await this.get(id);
    const total = await this.dataSource.getRepository(EvaluationRunCooperative).countBy({ runId: id });
    return [await this.dataSource.query(RUN_COOPERATIVES_PAGE, [id, limit, offset]), total];
  }

  /** Runs every chunk still pending, as the actor who started the run; resumes where a crash stopped it. */
  async execute(runId: string): Promise<EvaluationRun> {
    const run = await this.get(runId);
    if (run.state === 'COMPLETED') return run;
    return this.cls.run(async () => {
      this.cls.set(CONTEXT_KEYS.actor, { id: run.startedBy });
      try {
        await this.plan(runId);
        while (await this.processNextChunk(runId)) {
          // one chunk per transaction until none is pending
        }
        return await this.finish(runId);
      } catch (error) {
        await this.dataSource.getRepository(EvaluationRun).update({ id: runId }, { error: (error as Error).message });
        throw error;
      }
    });
  }

  /** Splits the registry into id ranges once; a re-run after a crash finds the plan already made. */
  async plan(runId: string): Promise<void> {
    await this.uow.run(async (tx) => {
      const [run] = await tx.manager.query(`SELECT chunks_total FROM evaluation_runs WHERE id = $1 FOR UPDATE`, [
        runId,
      ]);
      if (run.chunks_total !== null) return;
      await tx.manager.query(PLAN_CHUNKS, [runId, this.config.EVALUATION_CHUNK_SIZE]);
      await tx.manager.query(
        `UPDATE evaluation_runs SET state = 'RUNNING', started_at = now(),
           total = (SELECT count(*) FROM cooperatives),
           chunks_total = (SELECT count(*) FROM evaluation_chunks WHERE run_id = $1)
         WHERE id = $1`,
        [runId],
      );
    });
  }

  /** Applies the rule to the next pending chunk in one transaction; false when none is left. */
  async processNextChunk(runId: string): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const [chunk] = await tx.manager.query(
        `SELECT chunk_no, lower_id, upper_id FROM evaluation_chunks WHERE run_id = $1 AND state = 'PENDING'
         ORDER BY chunk_no LIMIT 1 FOR UPDATE SKIP LOCKED`,
        [runId],
      );
      if (!chunk) return false;
      const run = await tx.manager.findOneByOrFail(EvaluationRun, { id: runId });
      const window = evaluationWindow(run.fiscalYear, run.inactiveAfterYears);
      const range = [chunk.lower_id, chunk.upper_id];
      const changed = run.dryRun
        ? (await tx.manager.query(LIST_CANDIDATES, [...range, window.from, run.id]))[0].n
        : await this.deactivate(tx, run, range, window);
      const [{ total, active }] = await tx.manager.query(COUNT_CHUNK, range);
      const outcome = {
        processed: total,
        becameInactive: changed,
        keptActive: run.dryRun ? active - changed : active,
        notActive: total - active - (run.dryRun ? 0 : changed),
      };
      await tx.manager.update(
        EvaluationChunk,
        { runId, chunkNo: chunk.chunk_no },
        { state: 'DONE', completedAt: new Date(), ...outcome },
      );
      await tx.manager.query(
        `UPDATE evaluation_runs SET chunks_done = chunks_done + 1, processed = processed + $2, became_inactive = became_inactive + $3,
           kept_active = kept_active + $4, not_active = not_active + $5 WHERE id = $1`,
        [runId, outcome.processed, outcome.becameInactive, outcome.keptActive, outcome.notActive],
      );
      return true;
    });
  }

  private async deactivate(
    tx: Tx,
    run: EvaluationRun,
    range: unknown[],
    window: { from: number; to: number },
  ): Promise<number> {
    const at = new Date();
    const reason = evaluationReason(run.fiscalYear, window);
    await tx.manager.query(LOCK_CANDIDATES, [...range, window.from]);
    const [rows] = (await tx.manager.query(DEACTIVATE_CHUNK, [...range, window.from, at])) as [
      DeactivatedRow[],
      number,
    ];
    if (rows.length === 0) return 0;
    await tx.manager.query(INSERT_HISTORY, [
      rows.map((row) => row.id),
      at,
      reason,
      run.startedBy,
      run.id,
      officeDate(at, this.config.OFFICE_UTC_OFFSET_MINUTES),
    ]);
    await tx.manager.query(LIST_CHANGED, [run.id, rows.map((row) => row.id)]);
    await tx.publishAll(
      'registry.cooperative-status-changed.v1',
      rows.map((row) => ({
        cooperativeId: row.id,
        name: row.name,
        legalEntityNumber: row.legal_entity_number,
        nik: row.nik,
        kecamatan: row.kecamatan,
        kelurahan: row.kelurahan,
        type: row.type,
        status: 'INACTIVE' as const,
        cooperativeVersion: row.version,
        from: 'ACTIVE' as const,
        to: 'INACTIVE' as const,
        reason,
        changedAt: at.toISOString(),
        triggeringEventId: null,
      })),
    );
    await tx.auditAll(
      rows.map((row) => ({
        action: 'cooperative.status-changed',
        entityType: 'Cooperative',
        entityId: row.id,
        before: { status: 'ACTIVE' },
        after: { status: 'INACTIVE', evaluationRunId: run.id },
        reason,
      })),
    );
    return rows.length;
  }

  private async finish(runId: string): Promise<EvaluationRun> {
    await this.uow.run(async (tx) => {
      const run = await tx.manager.findOneByOrFail(EvaluationRun, { id: runId });
      await lockFiscalYear(tx, run.fiscalYear);
      await tx.manager.query(
        `UPDATE evaluation_runs SET state = 'COMPLETED', finished_at = now(), error = NULL
         WHERE id = $1 AND state <> 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM evaluation_chunks WHERE run_id = $1 AND state = 'PENDING')`,
        [runId],
      );
    });
    const run = await this.get(runId);
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
    return run;
  }

  /** Marks a run failed for good (the job ran out of attempts); its finished chunks stay done. */
  async fail(runId: string, message: string): Promise<void> {
    await this.dataSource
      .getRepository(EvaluationRun)
      .update(
        { id: runId, state: In(['QUEUED', 'RUNNING']) },
        { state: 'FAILED', error: message, finishedAt: new Date() },
      );
  }

  async enqueue(runId: string): Promise<void> {
    const queue = this.queues.get(REGISTRY_BATCH_QUEUE);
    const jobId = batchJobId(EVALUATION_JOB, runId);
    const existing = await queue.getJob(jobId);
    if (existing && (await existing.isFailed())) await existing.retry();
    else if (!existing || (await existing.isCompleted())) {
      if (existing) await existing.remove();
      await queue.add(EVALUATION_JOB, { id: runId }, { jobId });
    }
  }

  /** Redis may have lost the job (flush, crash): the database says which runs are unfinished. */
  async onApplicationBootstrap(): Promise<void> {
    const open = await this.dataSource.getRepository(EvaluationRun).findBy({ state: In(['QUEUED', 'RUNNING']) });
    for (const run of open) await this.enqueue(run.id);
    if (open.length > 0) this.logger.log({ runs: open.map((run) => run.id) }, 'Resuming unfinished evaluations');
  }
}
