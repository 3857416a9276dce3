import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { REGISTRY_BATCH_QUEUE, SYSTEM_ACTOR } from '@koperasi/contracts';
import {
  CONTEXT_KEYS,
  currentActor,
  describeDatabaseError,
  DomainError,
  IdempotentCommands,
  QueueDirectory,
  SERVICE_CONFIG,
  UnitOfWork,
  type CommandContext,
  type Tx,
} from '@koperasi/platform';
import { DataSource, In, QueryFailedError } from 'typeorm';
import type { RegistryConfig } from '../config';
import { officeDate } from '../common/dates';
import { IMPORT_JOB, batchJobId } from '../batch/batch-jobs';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { CooperativesService } from '../cooperatives/cooperatives.service';
import { cooperativeNotFound } from '../cooperatives/cooperatives.errors';
import type { RegisterCooperativeDto } from '../cooperatives/dto/cooperative-fields.dto';
import { RatsService } from '../rats/rats.service';
import type { RatRowDto, RowError } from './csv-columns';
import { toImportView } from './dto/import.dto';
import { ImportStaging } from './import-staging';
import { ImportRun, type ImportKind } from './import-run.entity';
import { importNotFound, nothingToImport, rowsInvalid } from './imports.errors';

interface StagedRow {
  line: number;
  value: Record<string, unknown>;
}

interface ChunkOutcome {
  imported: number;
  failures: RowError[];
}

/** An uploaded CSV file on disk (multer's disk storage; removed once the request is answered). */
export interface UploadedCsv {
  path: string;
  originalname?: string;
}

/**
 * CSV imports: the file streams into a staging table and is validated whole, in one transaction
 * (refused files leave nothing behind); a job then applies the staged rows in chunks.
 */
@Injectable()
export class ImportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly cls: ClsService,
    private readonly queues: QueueDirectory,
    private readonly commands: IdempotentCommands,
    private readonly staging: ImportStaging,
    private readonly cooperatives: CooperativesService,
    private readonly rats: RatsService,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /** Stages the file into a run (its Idempotency-Key answer saved in the same commit), then queues its job. */
  start(command: CommandContext, kind: ImportKind, file: UploadedCsv, validRowsOnly: boolean): Promise<object> {
    const today = officeDate(new Date(), this.config.OFFICE_UTC_OFFSET_MINUTES);
    return this.commands.run(
      command,
      202,
      async (tx) => {
        const created = await tx.manager.save(
          tx.manager.create(ImportRun, {
            kind,
            fileName: file.originalname?.slice(0, 300) ?? null,
            state: 'QUEUED',
            rowsInFile: 0,
            rejectedRows: [],
            failures: [],
            startedBy: (currentActor() ?? SYSTEM_ACTOR).id,
          }),
        );
        const staged = await this.staging.stage(tx, kind, created.id, file.path, today);
        if (staged.problemCount > 0 && !validRowsOnly)
          throw rowsInvalid(staged.problems, staged.problemCount, staged.rowsInFile, staged.validRows);
        if (staged.validRows === 0) throw nothingToImport(staged.problems);
        await tx.manager.query('DELETE FROM import_rows WHERE import_id = $1 AND errors IS NOT NULL', [created.id]);
        Object.assign(created, {
          rowsInFile: staged.rowsInFile,
          validRows: staged.validRows,
          rejectedRows: staged.problems,
          rejectedCount: staged.problemCount,
        });
        await tx.manager.save(created);
        await tx.audit({
          action: 'import.started',
          entityType: 'ImportRun',
          entityId: created.id,
          after: { kind, fileName: created.fileName, rows: staged.validRows, rejected: staged.problemCount },
        });
        return toImportView(created);
      },
      (view) => this.enqueue(view.id),
    );
  }

  async get(id: string): Promise<ImportRun> {
    const run = await this.dataSource.getRepository(ImportRun).findOne({ where: { id } });
    if (!run) throw importNotFound(id);
    return run;
  }

  async execute(id: string): Promise<ImportRun> {
    const run = await this.get(id);
    if (run.state === 'COMPLETED') return run;
    return this.cls.run(async () => {
      this.cls.set(CONTEXT_KEYS.actor, { id: run.startedBy });
      while (await this.applyNextChunk(id)) {
        // one chunk per transaction until every row is applied
      }
      await this.dataSource
        .getRepository(ImportRun)
        .update({ id }, { state: 'COMPLETED', finishedAt: new Date(), error: null });
      const done = await this.get(id);
      this.logger.log(
        { importId: id, kind: done.kind, imported: done.imported, failed: done.failures.length },
        'Import finished',
      );
      return done;
    });
  }

  /**
   * Applies the next chunk of staged rows and deletes them, in one transaction; a row refused by a
   * business rule or by the database (a value out of range) is left out and reported.
   */
  async applyNextChunk(id: string): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const run = await tx.manager.findOne(ImportRun, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run) return false;
      const chunk: StagedRow[] = await tx.manager.query(
        'SELECT line, value FROM import_rows WHERE import_id = $1 ORDER BY line LIMIT $2',
        [id, this.config.IMPORT_CHUNK_SIZE],
      );
      if (chunk.length === 0) return false;
      const { imported, failures } =
        (run.kind === 'COOPERATIVES' && (await this.registerChunk(tx, chunk))) ||
        (await this.applyOneByOne(tx, run.kind, chunk));
      await tx.manager.query('DELETE FROM import_rows WHERE import_id = $1 AND line = ANY($2::int[])', [
        id,
        chunk.map((row) => row.line),
      ]);
      await tx.manager.update(
        ImportRun,
        { id },
        {
          state: 'RUNNING',
          nextRow: run.nextRow + chunk.length,
          imported: run.imported + imported,
          failures: [...run.failures, ...failures],
        },
      );
      return true;
    });
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

  async fail(id: string, message: string): Promise<void> {
    await this.dataSource
      .getRepository(ImportRun)
      .update({ id, state: In(['QUEUED', 'RUNNING']) }, { state: 'FAILED', error: message, finishedAt: new Date() });
  }

  async enqueue(id: string): Promise<void> {
    const queue = this.queues.get(REGISTRY_BATCH_QUEUE);
    const jobId = batchJobId(IMPORT_JOB, id);
    const existing = await queue.getJob(jobId);
    if (existing && (await existing.isFailed())) await existing.retry();
    else if (!existing || (await existing.isCompleted())) {
      if (existing) await existing.remove();
      await queue.add(IMPORT_JOB, { id }, { jobId });
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    const open = await this.dataSource
      .getRepository(ImportRun)
      .find({ select: { id: true }, where: { state: In(['QUEUED', 'RUNNING']) } });
    for (const run of open) await this.enqueue(run.id);
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
