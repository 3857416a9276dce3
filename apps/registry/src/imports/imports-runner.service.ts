import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import {
  CONTEXT_KEYS,
  describeDatabaseError,
  DomainError,
  PeriodicTasks,
  QueueDirectory,
  SERVICE_CONFIG,
  UnitOfWork,
  type Tx,
} from '@koperasi/platform';
import { DataSource, In, QueryFailedError } from 'typeorm';
import type { RegistryConfig } from '../config';
import { BATCH_RESUME_PERIOD_MS, IMPORT_CHUNK_JOB, IMPORT_JOB, ensureQueued } from '../batch/batch-jobs';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { CooperativesService } from '../cooperatives/cooperatives.service';
import { cooperativeNotFound } from '../cooperatives/cooperatives.errors';
import type { RegisterCooperativeDto } from '../cooperatives/dto/cooperative-fields.dto';
import { RatsService } from '../rats/rats.service';
import type { RatRowDto, RowError } from './csv-columns';
import { ImportRun, type ImportKind } from './import-run.entity';

/** The first data line of a file (line 1 is the header): chunk n holds lines FIRST_LINE + n * size onwards. */
const FIRST_LINE = 2;

interface StagedRow {
  line: number;
  value: Record<string, unknown>;
}

interface ChunkOutcome {
  imported: number;
  failures: RowError[];
}

/**
 * Applies staged imports as jobs any replica may take: a planning job fixes the chunk size and
 * queues one job per chunk of lines still staged; each chunk job applies and deletes its rows in
 * one transaction, and the one that leaves no row behind completes the import.
 */
@Injectable()
export class ImportsRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportsRunner.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly cls: ClsService,
    private readonly queues: QueueDirectory,
    private readonly periodic: PeriodicTasks,
    private readonly cooperatives: CooperativesService,
    private readonly rats: RatsService,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {}

  async enqueue(id: string): Promise<void> {
    await ensureQueued(this.queues.get(REGISTRY_BATCH_QUEUE), [{ name: IMPORT_JOB, data: { id } }]);
  }

  /** Fixes the chunk size once (a repeat keeps it), then queues a job for each chunk with rows left. */
  async plan(id: string): Promise<void> {
    const [run] = await this.dataSource
      .query(
        `UPDATE import_runs SET chunk_size = coalesce(chunk_size, $2), state = 'RUNNING'
       WHERE id = $1 AND state IN ('QUEUED', 'RUNNING') RETURNING chunk_size`,
        [id, this.config.IMPORT_CHUNK_SIZE],
      )
      .then(([rows]: [{ chunk_size: number }[]]) => rows);
    if (!run) return;
    const chunks: { chunk_no: number }[] = await this.dataSource.query(
      `SELECT DISTINCT (line - ${FIRST_LINE}) / $2 AS chunk_no FROM import_rows WHERE import_id = $1 ORDER BY 1`,
      [id, run.chunk_size],
    );
    if (chunks.length === 0) {
      await this.uow.run((tx) => this.completeIfDone(tx, id));
      return;
    }
    await ensureQueued(
      this.queues.get(REGISTRY_BATCH_QUEUE),
      chunks.map((chunk) => ({ name: IMPORT_CHUNK_JOB, data: { id, chunkNo: chunk.chunk_no } })),
    );
  }

  /**
   * Applies one chunk's staged rows and deletes them, in one transaction, as the actor who started
   * the import; a row refused by a business rule or by the database (a value out of range) is left
   * out and reported. A chunk already applied (its job ran twice) finds no rows and does nothing.
   */
  async processChunk(id: string, chunkNo: number): Promise<boolean> {
    const run = await this.dataSource.getRepository(ImportRun).findOneBy({ id });
    if (!run || run.state !== 'RUNNING' || run.chunkSize === null) return false;
    const from = FIRST_LINE + chunkNo * run.chunkSize;
    const completed = await this.cls.run(() => {
      this.cls.set(CONTEXT_KEYS.actor, { id: run.startedBy });
      return this.uow.run(async (tx) => {
        const chunk: StagedRow[] = await tx.manager.query(
          `SELECT line, value FROM import_rows WHERE import_id = $1 AND line >= $2 AND line < $3
           ORDER BY line FOR UPDATE`,
          [id, from, from + run.chunkSize!],
        );
        if (chunk.length === 0) return false;
        const { imported, failures } =
          (run.kind === 'COOPERATIVES' && (await this.registerChunk(tx, chunk))) ||
          (await this.applyOneByOne(tx, run.kind, chunk));
        await tx.manager.query('DELETE FROM import_rows WHERE import_id = $1 AND line >= $2 AND line < $3', [
          id,
          from,
          from + run.chunkSize!,
        ]);
        // Chunks finish in any order: the failures are kept in row order.
        await tx.manager.query(
          `UPDATE import_runs SET next_row = next_row + $2, imported = imported + $3,
             failures = (SELECT coalesce(jsonb_agg(f ORDER BY (f ->> 'row')::int), '[]'::jsonb)
                         FROM jsonb_array_elements(failures || $4::jsonb) AS f)
           WHERE id = $1`,
          [id, chunk.length, imported, JSON.stringify(failures)],
        );
        return this.completeIfDone(tx, id);
      });
    });
    if (completed) {
      const done = await this.dataSource.getRepository(ImportRun).findOneByOrFail({ id });
      this.logger.log(
        { importId: id, kind: done.kind, imported: done.imported, failed: done.failures.length },
        'Import finished',
      );
    }
    return completed;
  }

  /**
   * Completes the import when no staged row is left. Run after the import's row is updated: its
   * lock orders the chunks' commits, so this statement sees every other chunk's deletes and
   * exactly one chunk finds none left.
   */
  private async completeIfDone(tx: Tx, id: string): Promise<boolean> {
    const [rows] = await tx.manager.query(
      `UPDATE import_runs SET state = 'COMPLETED', finished_at = now(), error = NULL
       WHERE id = $1 AND state <> 'COMPLETED' AND NOT EXISTS (SELECT 1 FROM import_rows WHERE import_id = $1)
       RETURNING id`,
      [id],
    );
    return rows.length > 0;
  }

  /**
   * Registers a chunk's cooperatives in a few statements; undefined when the database refused the
   * batch for one row's value (the chunk is then applied one by one to find it).
   */
  private async registerChunk(tx: Tx, chunk: StagedRow[]): Promise<ChunkOutcome | undefined> {
    await tx.manager.query('SAVEPOINT import_chunk');
    try {
      const results = await this.cooperatives.registerAllIn(
        tx,
        chunk.map((row) => row.value as unknown as RegisterCooperativeDto),
      );
      await tx.manager.query('RELEASE SAVEPOINT import_chunk');
      const failures = results.flatMap((result, index) =>
        result instanceof DomainError ? [{ row: chunk[index].line, column: null, message: rowRefusal(result)! }] : [],
      );
      return { imported: chunk.length - failures.length, failures };
    } catch (error) {
      if (!rowRefusal(error)) throw error;
      await tx.manager.query('ROLLBACK TO SAVEPOINT import_chunk');
      return undefined;
    }
  }

  /** Each row in its own savepoint: a row refused by a business rule or the database is rolled back alone. */
  private async applyOneByOne(tx: Tx, kind: ImportKind, chunk: StagedRow[]): Promise<ChunkOutcome> {
    const failures: RowError[] = [];
    let imported = 0;
    for (const row of chunk) {
      await tx.manager.query('SAVEPOINT import_row');
      try {
        await this.applyRow(tx, kind, row.value);
        await tx.manager.query('RELEASE SAVEPOINT import_row');
        imported += 1;
      } catch (error) {
        const refusal = rowRefusal(error);
        if (!refusal) throw error;
        await tx.manager.query('ROLLBACK TO SAVEPOINT import_row');
        failures.push({ row: row.line, column: null, message: refusal });
      }
    }
    return { imported, failures };
  }

  private async applyRow(tx: Tx, kind: ImportKind, value: Record<string, unknown>): Promise<void> {
    if (kind === 'COOPERATIVES') {
      await this.cooperatives.registerIn(tx, value as unknown as RegisterCooperativeDto);
      return;
    }
    const { legalEntityNumber, ...rat } = value as unknown as RatRowDto;
    const cooperative = await tx.manager.findOne(Cooperative, { select: { id: true }, where: { legalEntityNumber } });
    if (!cooperative) throw cooperativeNotFound(legalEntityNumber);
    await this.rats.recordIn(tx, cooperative.id, rat);
  }

  async noteError(id: string, message: string): Promise<void> {
    await this.dataSource.getRepository(ImportRun).update({ id }, { error: message });
  }

  async fail(id: string, message: string): Promise<void> {
    await this.dataSource
      .getRepository(ImportRun)
      .update({ id, state: In(['QUEUED', 'RUNNING']) }, { state: 'FAILED', error: message, finishedAt: new Date() });
  }

  /** Redis may have lost the jobs (flush, crash): each unfinished import is planned again, which queues its chunks. */
  async resume(): Promise<number> {
    const open = await this.dataSource
      .getRepository(ImportRun)
      .find({ select: { id: true }, where: { state: In(['QUEUED', 'RUNNING']) } });
    for (const run of open) await this.plan(run.id);
    return open.length;
  }

  async onApplicationBootstrap(): Promise<void> {
    const resumed = await this.resume();
    if (resumed > 0) this.logger.log({ imports: resumed }, 'Resuming unfinished imports');
    this.periodic.schedule('registry.import-resume', BATCH_RESUME_PERIOD_MS, () => this.resume());
  }
}

/** Why one row was refused when applied, or undefined when the error is not the row's fault. */
function rowRefusal(error: unknown): string | undefined {
  if (error instanceof DomainError) return `${error.code}: ${error.message}`;
  // Only data errors (class 22) and constraint violations (23) are the row's own fault.
  const driverError = error instanceof QueryFailedError ? (error.driverError as { code?: string }) : undefined;
  if (!driverError?.code || !/^2[23]/.test(driverError.code)) return undefined;
  const described = describeDatabaseError(driverError, {});
  return described && `${described.code}: ${described.message}`;
}
