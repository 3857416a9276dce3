import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, UserDirectory, type AuthenticatedUser } from '@koperasi/platform';
import type { DissolutionConfig } from '../config';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { officeToday } from '../proceedings/deadlines';
import { Proceeding } from '../proceedings/proceeding.entity';
import { APPROVAL_KIND_OF_STEP, APPROVAL_KINDS, APPROVAL_STEPS, type ApprovalStep } from './approval-kinds';
import type { ApprovalsQuery } from './dto/approvals-query.dto';

const DAY_MS = 86_400_000;

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);

/**
 * A supervisor's inbox: proposals awaiting approval, objections awaiting a decision and
 * proceedings ready for a decree, the nearest statutory deadline first (those without one last,
 * oldest first). Four-eyes is told, not only enforced: a proposal the caller made says so.
 */
@Injectable()
export class ApprovalsInbox {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UserDirectory,
    @Inject(SERVICE_CONFIG) private readonly config: DissolutionConfig,
  ) {}

  async list(user: AuthenticatedUser, query: ApprovalsQuery) {
    const today = officeToday(new Date(), this.config.OFFICE_TIME_ZONE);
    const steps = (query.kind ? [query.kind] : APPROVAL_KINDS).map((kind) => APPROVAL_STEPS[kind]);
    const qb = this.dataSource
      .createQueryBuilder(Proceeding, 'p')
      .leftJoinAndMapOne('p.cooperativeRow', Cooperative, 'c', 'c.cooperative_id = p.cooperative_id')
      .where('p.step IN (:...steps)', { steps })
      .andWhere('p.closed_at IS NULL');
    if (query.kecamatan) qb.andWhere('c.kecamatan = :kecamatan', { kecamatan: query.kecamatan });
    const [rows, total] = await qb
      .orderBy('p.next_due_on', 'ASC', 'NULLS LAST')
      .addOrderBy('p.updated_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(query.limit)
      .skip(query.offset)
      .getManyAndCount();
    const nameOf = await this.users.namesOf(rows.flatMap((row) => [row.proposedBy, row.approvedBy]));
    const items = rows.map((row) => {
      const cooperative = (row as Proceeding & { cooperativeRow?: Cooperative }).cooperativeRow;
      const daysLeft = row.nextDueOn ? daysBetween(today, row.nextDueOn) : null;
      return {
        kind: APPROVAL_KIND_OF_STEP[row.step as ApprovalStep],
        proceedingId: row.id,
        version: row.version,
        step: row.step,
        cooperativeId: row.cooperativeId,
        cooperativeName: cooperative?.name ?? null,
        kecamatan: cooperative?.kecamatan ?? null,
        dueOn: row.nextDueOn,
        daysLeft,
        overdue: daysLeft !== null && daysLeft < 0,
        binding: row.nextDueBinding,
        proposedBy: row.proposedBy,
        proposedByName: nameOf(row.proposedBy),
        proposedAt: row.proposedAt,
        approvedBy: row.approvedBy,
        approvedByName: nameOf(row.approvedBy),
        /** The caller proposed it: four-eyes lets someone else approve it. */
        proposedByYou: row.proposedBy === user.id,
      };
    });
    return { today, items, total, limit: query.limit, offset: query.offset };
  }
}
