import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, UnitOfWork, unprocessable, UserDirectory, type AuthenticatedUser } from '@koperasi/platform';
import type { MentoringConfig } from '../config';
import { ASSIGNABLE_ROLES } from './case-types';
import { CaseWork } from './case-work.service';
import { Case } from './case.entity';
import type { BulkReassignBody } from './dto/case-commands.dto';

export type BulkOutcome = 'WOULD_REASSIGN' | 'REASSIGNED' | 'SKIPPED';

export interface BulkResult {
  caseId: string;
  fromAssigneeId: string | null;
  toAssigneeId: string | null;
  outcome: BulkOutcome;
  problem?: 'CASE_NOT_FOUND' | 'CASE_CLOSED' | 'NOT_ASSIGNED_TO_SOURCE';
}

/**
 * Moves a departing officer's open cases to others, in turn. The dry run answers the plan; the
 * real run moves each case in its own transaction and reports each case, so one case changed
 * meanwhile does not stop the others.
 */
@Injectable()
export class BulkReassign {
  private readonly logger = new Logger(BulkReassign.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly work: CaseWork,
    private readonly users: UserDirectory,
    @Inject(SERVICE_CONFIG) private readonly config: MentoringConfig,
  ) {}

  async run(user: AuthenticatedUser, body: BulkReassignBody) {
    if (body.to.some((target) => target.id === body.fromAssigneeId)) {
      throw unprocessable('BULK_TARGET_IS_SOURCE', 'The cases cannot be moved to the officer they are taken from', {
        fromAssigneeId: body.fromAssigneeId,
      });
    }
    // Every receiving officer must be able to take cases before anything moves, dry run included.
    for (const target of body.to)
      await this.users.requireAssignable(this.dataSource.manager, target.id, ASSIGNABLE_ROLES);
    const candidates = await this.candidates(body);
    const results: BulkResult[] = [];
    let turn = 0;
    for (const item of candidates) {
      if ('problem' in item) {
        results.push({
          caseId: item.id,
          fromAssigneeId: item.assigneeId,
          toAssigneeId: null,
          outcome: 'SKIPPED',
          problem: item.problem,
        });
        continue;
      }
      const target = body.to[turn++ % body.to.length];
      results.push(
        body.dryRun
          ? { caseId: item.id, fromAssigneeId: body.fromAssigneeId, toAssigneeId: target.id, outcome: 'WOULD_REASSIGN' }
          : await this.moveOne(user, item.id, body, target),
      );
    }
    const summary = { total: results.length, reassigned: 0, wouldReassign: 0, skipped: 0 };
    for (const result of results) {
      if (result.outcome === 'REASSIGNED') summary.reassigned++;
      else if (result.outcome === 'WOULD_REASSIGN') summary.wouldReassign++;
      else summary.skipped++;
    }
    this.logger.log({ fromAssigneeId: body.fromAssigneeId, dryRun: body.dryRun, ...summary }, 'Bulk reassignment');
    return { dryRun: body.dryRun, summary, results };
  }

  private async candidates(
    body: BulkReassignBody,
  ): Promise<
    ({ id: string } | { id: string; assigneeId: string | null; problem: NonNullable<BulkResult['problem']> })[]
  > {
    const max = this.config.BULK_REASSIGN_MAX_CASES;
    if (!body.caseIds) {
      const rows: { id: string }[] = await this.dataSource.query(
        `SELECT id FROM cases WHERE assignee_id = $1 AND status <> 'CLOSED' ORDER BY due_at, id LIMIT $2`,
        [body.fromAssigneeId, max + 1],
      );
      if (rows.length > max) throw tooMany(max);
      return rows;
    }
    const ids = [...new Set(body.caseIds)];
    if (ids.length > max) throw tooMany(max);
    const found = await this.dataSource
      .getRepository(Case)
      .find({ where: ids.map((id) => ({ id })), select: { id: true, status: true, assigneeId: true } });
    const byId = new Map(found.map((row) => [row.id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      if (!row) return { id, assigneeId: null, problem: 'CASE_NOT_FOUND' as const };
      if (row.status === 'CLOSED') return { id, assigneeId: row.assigneeId, problem: 'CASE_CLOSED' as const };
      if (row.assigneeId !== body.fromAssigneeId)
        return { id, assigneeId: row.assigneeId, problem: 'NOT_ASSIGNED_TO_SOURCE' as const };
      return { id };
    });
  }

  private moveOne(
    user: AuthenticatedUser,
    caseId: string,
    body: BulkReassignBody,
    target: { id: string },
  ): Promise<BulkResult> {
    return this.uow.run(async (tx) => {
      const current = await tx.manager.findOne(Case, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
      if (!current || current.status === 'CLOSED' || current.assigneeId !== body.fromAssigneeId) {
        const problem = !current
          ? 'CASE_NOT_FOUND'
          : current.status === 'CLOSED'
            ? 'CASE_CLOSED'
            : 'NOT_ASSIGNED_TO_SOURCE';
        return {
          caseId,
          fromAssigneeId: current?.assigneeId ?? null,
          toAssigneeId: null,
          outcome: 'SKIPPED' as const,
          problem,
        };
      }
      await this.work.assignLocked(tx, user, current, { assigneeId: target.id, reason: body.reason });
      return { caseId, fromAssigneeId: body.fromAssigneeId, toAssigneeId: target.id, outcome: 'REASSIGNED' as const };
    });
  }
}

const tooMany = (max: number) =>
  unprocessable('BULK_TOO_MANY_CASES', `A bulk reassignment may move at most ${max} cases; pass caseIds in batches`, {
    max,
  });
