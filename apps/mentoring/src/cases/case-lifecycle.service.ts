import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AUDIT_LOG_COLUMNS,
  NEW_TIMER_COLUMNS,
  SERVICE_CONFIG,
  newTimerRows,
  unnestSource,
  currentActor,
  currentWriteContext,
  type ArmedDeadline,
  type TimerRequest,
  type Tx,
  type WriteContext,
} from '@koperasi/platform';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import type { MentoringConfig } from '../config';
import { searchTextOf } from '../cooperatives/cooperative-read-model';
import { NOTIFICATION_COLUMNS, Notifier, notificationRows } from '../notifications/notifier';
import { CaseActivity } from './case-activity.entity';
import { isReactivationFailure } from './case-outcomes';
import { HISTORY_COLUMNS, changeRows, recordChange } from './case-records';
import { OPEN_STATUSES, transition } from './case-status';
import { CASE_TIMERS, DAY_MS, reminderAt } from './case-timers';
import { PRIORITY_RANK, type CaseType, type Priority } from './case-types';
import { Case } from './case.entity';
import { invalidTransition } from './cases.errors';

export interface OpenCaseInput {
  cooperativeId: string;
  type: CaseType;
  priority: Priority;
  reason: string;
  /** When the service level starts, if before the opening (a request received earlier, entered now). */
  slaStartsAt?: Date;
  /** Who opens it and in which flow, when not the current request or job (a batch of events). */
  context?: WriteContext;
}

export interface CloseCaseInput {
  outcome: string;
  reason: string;
  evidenceNotes?: string | null;
}

/** What opening a case answers, straight from the insert. */
export type OpenedCase = Pick<
  Case,
  'id' | 'cooperativeId' | 'type' | 'status' | 'priority' | 'dueAt' | 'assigneeId' | 'holdUntil' | 'outcome'
>;

/** What a case holds as it opens, besides what the input gives. */
const OPENING_STATE = { status: 'UNASSIGNED', assigneeId: null, holdUntil: null, outcome: null } as const;

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
    const [opened] = await this.openMany(tx, [input]);
    return opened ? tx.manager.findOneByOrFail(Case, { id: opened.id }) : null;
  }

  /**
   * Opens many cases in one statement, each with its checklist, SLA timers, history, audit and
   * supervisor notification. Skips those whose cooperative already has an open case of the type;
   * answers the cases it opened. Plain SQL throughout: this is the annual evaluation's hot path,
   * and a status change's alone.
   */
  async openMany(tx: Tx, inputs: OpenCaseInput[]): Promise<OpenedCase[]> {
    if (inputs.length === 0) return [];
    const opening = this.openingStatement(inputs, 1);
    const rows: { id: string }[] = await tx.manager.query(
      `WITH ${opening.with} SELECT id FROM inserted`,
      opening.params,
    );
    const { opened, deadlines } = opening.settle(rows.map((row) => row.id));
    tx.armAfterCommit(deadlines);
    return opened;
  }

  /**
   * openMany as WITH items of a larger statement, with parameters from `$first` on: `inserted`
   * holds the new cases (id, type, cooperative_id). A case takes its cooperative's kecamatan,
   * search text and name from `cooperatives`, the read model or a WITH item with its new rows
   * (`upserted`), and opens only where `when` holds of that row (`co`). `settle` answers, from the
   * ids of the cases opened, those cases and their timers to arm after the commit.
   */
  openingStatement(
    inputs: OpenCaseInput[],
    first: number,
    { cooperatives = 'cooperatives', when = 'true' } = {},
  ): {
    with: string;
    params: unknown[];
    settle: (openedIds: string[]) => { opened: OpenedCase[]; deadlines: ArmedDeadline[] };
  } {
    const current = currentWriteContext();
    const openedAt = new Date();
    const drafts = inputs.map((input) => {
      const dueAt = new Date(
        (input.slaStartsAt ?? openedAt).getTime() + this.config.CASE_SLA_DAYS[input.type] * DAY_MS,
      );
      const value: OpenedCase = {
        ...OPENING_STATE,
        id: randomUUID(),
        cooperativeId: input.cooperativeId,
        type: input.type,
        priority: input.priority,
        dueAt,
      };
      return { input, value, context: input.context ?? current };
    });
    const caseParams = [
      drafts.map(({ value }) => value.id),
      drafts.map(({ value }) => value.type),
      drafts.map(({ value }) => value.cooperativeId),
      drafts.map(({ value }) => value.priority),
      drafts.map(({ value }) => PRIORITY_RANK[value.priority]),
      drafts.map(({ value }) => value.dueAt),
      drafts.map(({ context }) => context.actor.id),
      drafts.map(({ input }) => input.reason),
      openedAt,
      ...this.checklistSteps(inputs),
    ];
    const timers = newTimerRows(
      drafts.flatMap(({ value, context }) => this.slaTimers(value, context.correlationId)),
      first + caseParams.length,
    );
    const changes = changeRows(
      drafts.map(({ input, value, context }) => ({
        input: {
          caseId: value.id,
          actorId: context.actor.id,
          action: 'OPENED',
          toStatus: value.status,
          reason: input.reason,
          details: { type: input.type, ...(input.slaStartsAt ? { slaStartsAt: input.slaStartsAt } : {}) },
        },
        before: null,
        after: value,
        context,
      })),
      first + caseParams.length + timers.params.length,
    );
    const notifications = notificationRows(
      drafts.map(({ input, value }) => ({
        recipient: { kind: 'ROLE' as const, id: 'supervisor' },
        input: {
          kind: 'CASE_OPENED' as const,
          caseId: value.id,
          cooperativeId: value.cooperativeId,
          params: { caseType: input.type, reason: input.reason, priority: input.priority },
        },
      })),
      first + caseParams.length + timers.params.length + changes.params.length,
      cooperatives,
    );
    const settle = (openedIds: string[]) => {
      const ids = new Set(openedIds);
      const opened = drafts.filter(({ value }) => ids.has(value.id)).map(({ value }) => value);
      if (opened.length > 0)
        this.logger.log(
          {
            cases: opened.map((value) => ({ caseId: value.id, type: value.type, cooperativeId: value.cooperativeId })),
          },
          'Cases opened',
        );
      return { opened, deadlines: timers.deadlines.filter((deadline) => ids.has(deadline.subjectId)) };
    };
    return {
      with: `inserted AS (
         INSERT INTO cases (id, type, cooperative_id, kecamatan, search_text, status, priority, priority_rank, due_at, opened_at, opened_by, opened_reason)
         SELECT i.id, i.type, i.cooperative_id, co.kecamatan, ${searchTextOf('co')}, '${OPENING_STATE.status}', i.priority, i.priority_rank, i.due_at, $${first + 8}, i.opened_by, i.opened_reason
         FROM ${unnestSource('i', 'id, type, cooperative_id, priority, priority_rank, due_at, opened_by, opened_reason', ['uuid', 'varchar', 'varchar', 'varchar', 'smallint', 'timestamptz', 'varchar', 'text'], first)}
         LEFT JOIN ${cooperatives} co ON co.id = i.cooperative_id
         WHERE ${when}
         ON CONFLICT (cooperative_id, type) WHERE status <> 'CLOSED' DO NOTHING
         RETURNING id, type, cooperative_id),
       checklist AS (
         INSERT INTO case_checklist_items (case_id, code, label, position)
         SELECT i.id, s.code, s.label, s.position
         FROM inserted i JOIN ${unnestSource('s', 'type, code, label, position', ['varchar', 'varchar', 'varchar', 'smallint'], first + 9)}
           ON s.type = i.type),
       timers AS (
         INSERT INTO deadlines (${NEW_TIMER_COLUMNS})
         SELECT timer_row.* FROM ${timers.sql} JOIN inserted ON inserted.id::text = timer_row.subject_id),
       history AS (
         INSERT INTO case_history (${HISTORY_COLUMNS})
         SELECT history_row.* FROM ${changes.history} JOIN inserted ON inserted.id = history_row.case_id),
       audit AS (
         INSERT INTO audit_log (${AUDIT_LOG_COLUMNS})
         SELECT audit_row.* FROM ${changes.audit} JOIN inserted ON inserted.id::text = audit_row.entity_id),
       notified AS (
         INSERT INTO notifications (${NOTIFICATION_COLUMNS})
         SELECT notification_row.* FROM ${notifications.sql} JOIN inserted ON inserted.id = notification_row.case_id)`,
      params: [...caseParams, ...timers.params, ...changes.params, ...notifications.params],
      settle,
    };
  }

  /** The checklist steps of the inputs' case types as (type, code, label, position) arrays. */
  private checklistSteps(inputs: OpenCaseInput[]): [CaseType[], string[], string[], number[]] {
    const steps = [...new Set(inputs.map((input) => input.type))].flatMap((type) =>
      (this.config.CASE_CHECKLISTS[type] ?? []).map((step, position) => ({ type, ...step, position })),
    );
    return [
      steps.map((step) => step.type),
      steps.map((step) => step.code),
      steps.map((step) => step.label),
      steps.map((step) => step.position),
    ];
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
    await recordChange(
      tx,
      {
        caseId: current.id,
        actorId: actorId(),
        action: 'CLOSED',
        fromStatus: before.status,
        toStatus: current.status,
        reason: input.reason,
        details: { outcome: input.outcome },
      },
      before,
      current,
    );
    if (isReactivationFailure(current.type, input.outcome)) {
      const activities = await tx.manager.find(CaseActivity, {
        where: { caseId: current.id },
        order: { occurredOn: 'ASC', createdAt: 'ASC' },
      });
      await tx.publish('mentoring.reactivation-failed.v1', {
        cooperativeId: current.cooperativeId,
        caseId: current.id,
        outcome: input.outcome,
        evidenceNotes: input.evidenceNotes ?? '',
        closedBy: current.closedBy ?? SYSTEM_ACTOR.id,
        closedAt: closedAt.toISOString(),
        activities: activities.map((activity) => ({
          kind: activity.kind,
          occurredOn: activity.occurredOn,
          author: activity.authorName,
          text: activity.text,
        })),
      });
    }
    if (current.assigneeId && current.assigneeId !== actorId()) {
      await this.notifier.toUser(tx, current.assigneeId, {
        kind: 'CASE_CLOSED',
        caseId: current.id,
        cooperativeId: current.cooperativeId,
        params: { caseType: current.type, outcome: input.outcome, reason: input.reason, by: actorId() },
      });
    }
    this.logger.log({ caseId: current.id, outcome: input.outcome }, 'Case closed');
    return current;
  }

  /** Sets the reminder and overdue timers from the case's due date. */
  async scheduleSla(tx: Tx, value: Case): Promise<void> {
    await tx.scheduleAll(this.slaTimers(value));
  }

  private slaTimers(value: Pick<Case, 'id' | 'dueAt'>, correlationId?: string | null): TimerRequest[] {
    const remindAt = reminderAt(value.dueAt, this.config.CASE_REMINDER_DAYS_BEFORE);
    return [
      ...(remindAt ? [{ kind: CASE_TIMERS.reminder, subjectId: value.id, dueAt: remindAt, correlationId }] : []),
      { kind: CASE_TIMERS.overdue, subjectId: value.id, dueAt: value.dueAt, correlationId },
    ];
  }
}
