import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import { currentActor, IdempotentCommands, SERVICE_CONFIG, type CommandContext } from '@koperasi/platform';
import { DataSource } from 'typeorm';
import type { RegistryConfig } from '../config';
import { officeDate } from '../common/dates';
import { toImportView } from './dto/import.dto';
import { ImportStaging } from './import-staging';
import { ImportRun, type ImportKind } from './import-run.entity';
import { ImportsRunner } from './imports-runner.service';
import { importNotFound, nothingToImport, rowsInvalid } from './imports.errors';

/** An uploaded CSV file on disk (the upload interceptor's disk storage; removed once the request is answered). */
export interface UploadedCsv {
  path: string;
  originalname?: string;
}

/**
 * CSV imports: the file streams into a staging table and is validated whole, in one transaction
 * (refused files leave nothing behind); jobs then apply the staged rows in chunks (ImportsRunner).
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly commands: IdempotentCommands,
    private readonly staging: ImportStaging,
    private readonly runner: ImportsRunner,
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
      (view) => this.runner.enqueue(view.id),
    );
  }

  async get(id: string): Promise<ImportRun> {
    const run = await this.dataSource.getRepository(ImportRun).findOne({ where: { id } });
    if (!run) throw importNotFound(id);
    return run;
  }
}
