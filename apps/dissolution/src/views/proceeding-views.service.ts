import { Inject, Injectable } from '@nestjs/common';
import { Brackets, DataSource } from 'typeorm';
import { AuditEntry, escapeLike, SERVICE_CONFIG, UserDirectory } from '@koperasi/platform';
import type { DissolutionConfig } from '../config';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { addDays, officeToday } from '../proceedings/deadlines';
import { Proceeding } from '../proceedings/proceeding.entity';
import { isClosed, PROCEEDING_STEPS } from '../proceedings/proceeding-step';
import { nextDueView, proceedingView } from '../proceedings/proceeding-view';
import { proceedingNotFound } from '../proceedings/proceedings.errors';
import { namesOfPeople, proceedingPeople } from './proceeding-people';
import type { PipelineFilterDto, ProceedingListQuery } from './dto/pipeline-query.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A closed proceeding is not waiting for anyone's review, whatever flag it ended with. */
const FLAGGED = 'p.review_flag IS NOT NULL AND p.closed_at IS NULL';
const NOT_FLAGGED = 'NOT (p.review_flag IS NOT NULL AND p.closed_at IS NULL)';

/** Read side: the pipeline, the filtered list with what is due next, the detail and the timeline. */
@Injectable()
export class ProceedingViews {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserDirectory,
    @Inject(SERVICE_CONFIG) private readonly config: DissolutionConfig,
  ) {}

  /** Counts by step (every step listed, zero included), with how many are overdue and flagged. */
  async pipeline(filter: PipelineFilterDto) {
    const today = this.today();
    const qb = this.dataSource
      .createQueryBuilder()
      .select('p.step', 'step')
      .addSelect('COUNT(*)::int', 'count')
      .addSelect('COUNT(*) FILTER (WHERE p.next_due_binding AND p.next_due_on < :today)::int', 'overdue')
      .addSelect('COUNT(*) FILTER (WHERE p.review_flag IS NOT NULL AND p.closed_at IS NULL)::int', 'flagged')
      .addSelect(`COUNT(*) FILTER (WHERE p.late_acts <> '[]'::jsonb)::int`, 'late')
      .from(Proceeding, 'p')
      .leftJoin(Cooperative, 'c', 'c.cooperative_id = p.cooperative_id')
      .groupBy('p.step')
      .setParameter('today', today);
    if (filter.kecamatan) qb.andWhere('lower(c.kecamatan) = lower(:kecamatan)', { kecamatan: filter.kecamatan });
    if (filter.flagged !== undefined) qb.andWhere(filter.flagged ? FLAGGED : NOT_FLAGGED);
    const rows: { step: string; count: number; overdue: number; flagged: number; late: number }[] =
      await qb.getRawMany();
    const byStep = new Map(rows.map((row) => [row.step, row]));
    const steps = PROCEEDING_STEPS.map((step) => ({
      step,
      count: byStep.get(step)?.count ?? 0,
      overdue: byStep.get(step)?.overdue ?? 0,
      flagged: byStep.get(step)?.flagged ?? 0,
      late: byStep.get(step)?.late ?? 0,
    }));
    return { today, steps, total: steps.reduce((sum, row) => sum + row.count, 0) };
  }

  async list(query: ProceedingListQuery) {
    const today = this.today();
    const qb = this.dataSource
      .createQueryBuilder(Proceeding, 'p')
      .leftJoinAndMapOne('p.cooperativeRow', Cooperative, 'c', 'c.cooperative_id = p.cooperative_id');
    if (!query.includeClosed && !(query.step && isClosed(query.step))) qb.andWhere('p.closed_at IS NULL');
    if (query.step) qb.andWhere('p.step = :step', { step: query.step });
    if (query.cooperativeId) qb.andWhere('p.cooperative_id = :cooperativeId', { cooperativeId: query.cooperativeId });
    if (query.kecamatan) qb.andWhere('lower(c.kecamatan) = lower(:kecamatan)', { kecamatan: query.kecamatan });
    if (query.q) {
      qb.andWhere(
        new Brackets((match) =>
          match.where('p.cooperative_id = :exactId', { exactId: query.q }).orWhere('c.name ILIKE :pattern', {
            pattern: `%${escapeLike(query.q!)}%`,
          }),
        ),
      );
    }
    if (query.overdue !== undefined) {
      qb.andWhere(
        query.overdue
          ? 'p.next_due_binding AND p.next_due_on < :today'
          : 'NOT (p.next_due_binding AND p.next_due_on IS NOT NULL AND p.next_due_on < :today)',
        { today },
      );
    }
    if (query.dueWithinDays !== undefined) {
      qb.andWhere('p.next_due_on BETWEEN :today AND :until', { today, until: addDays(today, query.dueWithinDays) });
    }
    if (query.flagged !== undefined) qb.andWhere(query.flagged ? FLAGGED : NOT_FLAGGED);
    const [rows, total] = await qb
      .orderBy('p.next_due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const items = rows.map((row) => {
      const cooperative = (row as Proceeding & { cooperativeRow?: Cooperative }).cooperativeRow;
      return {
        id: row.id,
        cooperativeId: row.cooperativeId,
        cooperativeName: cooperative?.name ?? null,
        kecamatan: cooperative?.kecamatan ?? null,
        step: row.step,
        version: row.version,
        grounds: row.grounds,
        nextDue: nextDueView(row, today),
        reviewFlag: row.reviewFlag,
        lateActs: row.lateActs,
        registryRefusal: row.registryRefusal,
        proposedAt: row.proposedAt,
        approvedOn: row.approvedOn,
        noticeReceivedOn: row.noticeReceivedOn,
        closedAt: row.closedAt,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      };
    });
    return { today, items, total, limit: query.limit, offset: query.offset };
  }

  async detail(id: string) {
    const proceeding = await this.find(id);
    const cooperative = await this.dataSource
      .getRepository(Cooperative)
      .findOne({ where: { cooperativeId: proceeding.cooperativeId } });
    const view = proceedingView(proceeding, this.today(), cooperative);
    const nameOf = await this.users.namesOf(proceedingPeople(proceeding));
    return { ...view, ...namesOfPeople(proceeding, nameOf) };
  }

  /** Every step, decision and document with actor and time, oldest first, from the audit trail. */
  async timeline(id: string) {
    const proceeding = await this.find(id);
    const entries = await this.dataSource.getRepository(AuditEntry).find({
      where: { entityType: 'Proceeding', entityId: proceeding.id },
      order: { at: 'ASC', id: 'ASC' },
    });
    const nameOf = await this.users.namesOf(entries.map((entry) => entry.actorId));
    return {
      proceedingId: proceeding.id,
      items: entries.map((entry) => ({
        at: entry.at,
        action: entry.action,
        actorId: entry.actorId,
        actorName: nameOf(entry.actorId, entry.actorName),
        fromStep: (entry.before as { step?: string } | null)?.step ?? null,
        toStep: (entry.after as { step?: string } | null)?.step ?? null,
        reason: entry.reason,
        details: entry.after,
      })),
    };
  }

  private async find(id: string): Promise<Proceeding> {
    const proceeding = UUID.test(id)
      ? await this.dataSource.getRepository(Proceeding).findOne({ where: { id } })
      : null;
    if (!proceeding) throw proceedingNotFound(id);
    return proceeding;
  }

  private today(): string {
    return officeToday(new Date(), this.config.OFFICE_TIME_ZONE);
  }
}
