import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG, currentActor, type Tx } from '@koperasi/platform';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import type { MentoringConfig } from '../config';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { Notifier } from '../notifications/notifier';
import { CaseActivity } from './case-activity.entity';
import { isReactivationFailure } from './case-outcomes';
import { recordChange } from './case-records';
import { OPEN_STATUSES, transition } from './case-status';
import { CASE_TIMERS, DAY_MS, reminderAt } from './case-timers';
import { PRIORITY_RANK, type CaseType, type Priority } from './case-types';
import { Case } from './case.entity';
import { invalidTransition } from './cases.errors';
import { ChecklistItem } from './checklist-item.entity';

export interface OpenCaseInput {
  cooperativeId: string;
  type: CaseType;
  priority: Priority;
  reason: string;
}

export interface CloseCaseInput {
  outcome: string;
  reason: string;
  evidenceNotes?: string | null;
}

const actorId = () => (currentActor() ?? SYSTEM_ACTOR).id;

/** Opening and closing cases: shared by the event consumers and the officers' HTTP actions. */
@Injectable()
export class CaseLifecycle {
  private readonly logger = new Logger(CaseLifecycle.name);

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: MentoringConfig,
    private readonly notifier: Notifier,
  ) {}

  /** Opens a case unless one of the type is already open for the cooperative (then answers null). */
  async open(tx: Tx, input: OpenCaseInput): Promise<Case | null> {
    const cooperative = await tx.manager.findOneBy(Cooperative, { id: input.cooperativeId });
    const openedAt = new Date();
    const dueAt = new Date(openedAt.getTime() + this.config.CASE_SLA_DAYS[input.type] * DAY_MS);
    const inserted: { id: string }[] = await tx.manager.query(
      `INSERT INTO cases (type, cooperative_id, kecamatan, status, priority, priority_rank, due_at, opened_at, opened_by, opened_reason)
       VALUES ($1, $2, $3, 'UNASSIGNED', $4, $5, $6, $7, $8, $9)
       ON CONFLICT (cooperative_id, type) WHERE status <> 'CLOSED' DO NOTHING
       RETURNING id`,
      [input.type, input.cooperativeId, cooperative?.kecamatan ?? null, input.priority, PRIORITY_RANK[input.priority], dueAt, openedAt, actorId(), input.reason],
    );
    if (inserted.length === 0) return null;
    const created = await tx.manager.findOneByOrFail(Case, { id: inserted[0].id });
    const steps = this.config.CASE_CHECKLISTS[input.type] ?? [];
    if (steps.length > 0) {
      await tx.manager.insert(
        ChecklistItem,
        steps.map((step, position) => ({ caseId: created.id, code: step.code, label: step.label, position })),
      );
    }
    await this.scheduleSla(tx, created);
    await recordChange(tx, { caseId: created.id, actorId: actorId(), action: 'OPENED', toStatus: created.status, reason: input.reason, details: { type: input.type } }, null, created);
    await this.notifier.toRole(tx, 'supervisor', {
      kind: 'CASE_OPENED',
      caseId: created.id,
      message: `${input.type} case opened for ${cooperative?.name ?? input.cooperativeId}: ${input.reason}`,
    });
    this.logger.log({ caseId: created.id, type: input.type, cooperativeId: input.cooperativeId }, 'Case opened');
    return created;
  }

  /** The open case of a type for a cooperative, locked for the rest of the transaction. */
  async findOpenForUpdate(tx: Tx, cooperativeId: string, types?: CaseType[]): Promise<Case[]> {
    const query = tx.manager
      .createQueryBuilder(Case, 'c')
      .setLock('pessimistic_write')
      .where('c.cooperative_id = :cooperativeId', { cooperativeId })
      .andWhere('c.status IN (:...open)', { open: OPEN_STATUSES });
    if (types) query.andWhere('c.type IN (:...types)', { types });
    return query.orderBy('c.opened_at').getMany();
  }

  /** Closes a locked open case; a failed reactivation publishes its event in the same transaction. */
  async close(tx: Tx, current: Case, input: CloseCaseInput): Promise<Case> {
    const next = transition(current, 'close');
    if (!next.ok) throw invalidTransition(current.id, 'close', current.status);
    const before = { ...current };
    const closedAt = new Date();
    Object.assign(current, {
      status: next.status,
      outcome: input.outcome,
      closeReason: input.reason,
      evidenceNotes: input.evidenceNotes ?? null,
      closedAt,
      closedBy: actorId(),
      holdUntil: null,
      holdReason: null,
    });
    await tx.manager.save(current);
    for (const kind of Object.values(CASE_TIMERS)) await tx.cancelDeadline(kind, current.id);
    await recordChange(tx, { caseId: current.id, actorId: actorId(), action: 'CLOSED', fromStatus: before.status, toStatus: current.status, reason: input.reason, details: { outcome: input.outcome } }, before, current);
    if (isReactivationFailure(current.type, input.outcome)) {
      const activities = await tx.manager.find(CaseActivity, { where: { caseId: current.id }, order: { occurredOn: 'ASC', createdAt: 'ASC' } });
      await tx.publish('mentoring.reactivation-failed.v1', {
        cooperativeId: current.cooperativeId,
        caseId: current.id,
        outcome: input.outcome,
        evidenceNotes: input.evidenceNotes ?? '',
        closedBy: current.closedBy ?? SYSTEM_ACTOR.id,
        closedAt: closedAt.toISOString(),
        activities: activities.map((activity) => ({ kind: activity.kind, occurredOn: activity.occurredOn, author: activity.authorName, text: activity.text })),
      });
    }
    if (current.assigneeId && current.assigneeId !== actorId()) {
      await this.notifier.toUser(tx, current.assigneeId, { kind: 'CASE_CLOSED', caseId: current.id, message: `Case closed as ${input.outcome}: ${input.reason}` });
    }
    this.logger.log({ caseId: current.id, outcome: input.outcome }, 'Case closed');
    return current;
  }

  /** Sets the reminder and overdue timers from the case's due date. */
  async scheduleSla(tx: Tx, value: Case): Promise<void> {
    const remindAt = reminderAt(value.dueAt, this.config.CASE_REMINDER_DAYS_BEFORE);
    if (remindAt) await tx.schedule(CASE_TIMERS.reminder, value.id, remindAt);
    await tx.schedule(CASE_TIMERS.overdue, value.id, value.dueAt);
  }
}
