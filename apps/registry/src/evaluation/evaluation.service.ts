import { Inject, Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import { currentActor, IdempotentCommands, SERVICE_CONFIG, type CommandContext } from '@koperasi/platform';
import { DataSource, In } from 'typeorm';
import type { RegistryConfig } from '../config';
import { officeDate } from '../common/dates';
import { StatusHistoryEntry } from '../cooperatives/status-history.entity';
import {
  evaluationAlreadyCompleted,
  evaluationInProgress,
  evaluationNotFound,
  fiscalYearNotClosed,
  fiscalYearTooOld,
} from './evaluation.errors';
import { toEvaluationView } from './dto/evaluation.dto';
import { evaluableYears } from './evaluation-rule';
import { EvaluationRun, EvaluationRunCooperative } from './evaluation-run.entity';
import { EvaluationRunner, lockFiscalYear } from './evaluation-runner.service';
import { RUN_COOPERATIVES_PAGE, type RunCooperativeRow } from './evaluation.sql';

const PG_UNIQUE_VIOLATION = '23505';

/** The annual evaluation (domain §3): its runs, started here and run as batch jobs (EvaluationRunner). */
@Injectable()
export class EvaluationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: EvaluationRunner,
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
        (view) => this.runner.enqueue(view.id),
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
}
