import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { REGISTRY_BATCH_QUEUE, SYSTEM_ACTOR } from '@koperasi/contracts';
import {
  CONTEXT_KEYS,
  currentActor,
  DomainError,
  QueueDirectory,
  SERVICE_CONFIG,
  UnitOfWork,
  type Tx,
} from '@koperasi/platform';
import { DataSource, In } from 'typeorm';
import type { RegistryConfig } from '../config';
import { officeDate } from '../common/dates';
import { IMPORT_JOB, batchJobId } from '../batch/batch-jobs';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { CooperativesService } from '../cooperatives/cooperatives.service';
import { cooperativeNotFound } from '../cooperatives/cooperatives.errors';
import type { RegisterCooperativeDto } from '../cooperatives/dto/cooperative-fields.dto';
import { RatsService } from '../rats/rats.service';
import type { RatRowDto, RowError } from './csv-columns';
import { ImportValidation } from './import-validation';
import { ImportRun, type ImportKind } from './import-run.entity';
import { fileUnreadable, importNotFound, nothingToImport, rowsInvalid } from './imports.errors';

/** CSV imports: validated whole, then applied by a job in chunks; `next_row` is where a crashed job resumes. */
@Injectable()
export class ImportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ImportsService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly dataSource: DataSource,
    private readonly cls: ClsService,
    private readonly queues: QueueDirectory,
    private readonly validation: ImportValidation,
    private readonly cooperatives: CooperativesService,
    private readonly rats: RatsService,
    @Inject(SERVICE_CONFIG) private readonly config: RegistryConfig,
  ) {}

  async start(kind: ImportKind, content: string, fileName: string | null, validRowsOnly: boolean): Promise<ImportRun> {
    const checked = await this.validation.validate(
      kind,
      content,
      officeDate(new Date(), this.config.OFFICE_UTC_OFFSET_MINUTES),
    );
    if (checked.headerErrors.length > 0) throw fileUnreadable(checked.headerErrors);
    if (checked.errors.length > 0 && !validRowsOnly)
      throw rowsInvalid(checked.errors, checked.rowsInFile, checked.rows.length);
    if (checked.rows.length === 0) throw nothingToImport(checked.errors);
    const run = await this.uow.run(async (tx) => {
      const created = await tx.manager.save(
        tx.manager.create(ImportRun, {
          kind,
          fileName,
          state: 'QUEUED',
          rowsInFile: checked.rowsInFile,
          rows: checked.rows,
          rejectedRows: checked.errors,
          failures: [],
          startedBy: (currentActor() ?? SYSTEM_ACTOR).id,
        }),
      );
      await tx.audit({
        action: 'import.started',
        entityType: 'ImportRun',
        entityId: created.id,
        after: { kind, fileName, rows: checked.rows.length, rejected: checked.errors.length },
      });
      return created;
    });
    await this.enqueue(run.id);
    return run;
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

  /** Applies the next chunk of rows; a row refused by a business rule is rolled back alone and reported. */
  async applyNextChunk(id: string): Promise<boolean> {
    return this.uow.run(async (tx) => {
      const run = await tx.manager.findOne(ImportRun, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!run || run.nextRow >= run.rows.length) return false;
      const chunk = run.rows.slice(run.nextRow, run.nextRow + this.config.IMPORT_CHUNK_SIZE);
      const failures: RowError[] = [];
      let imported = 0;
      for (const row of chunk) {
        await tx.manager.query('SAVEPOINT import_row');
        try {
          await this.applyRow(tx, run.kind, row.value);
          await tx.manager.query('RELEASE SAVEPOINT import_row');
          imported += 1;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          await tx.manager.query('ROLLBACK TO SAVEPOINT import_row');
          failures.push({ row: row.line, column: null, message: `${error.code}: ${error.message}` });
        }
      }
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
