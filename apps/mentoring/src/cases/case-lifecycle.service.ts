import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  SERVICE_CONFIG,
  currentActor,
  currentWriteContext,
  type TimerRequest,
  type Tx,
  type WriteContext,
} from '@koperasi/platform';
import { SYSTEM_ACTOR } from '@koperasi/contracts';
import type { MentoringConfig } from '../config';
import { searchTextOf } from '../cooperatives/cooperative-read-model';
import { Notifier } from '../notifications/notifier';
import { CaseActivity } from './case-activity.entity';
import { isReactivationFailure } from './case-outcomes';
import { recordChange, recordChanges } from './case-records';
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

interface OpenedRow {
  id: string;
  cooperative_id: string;
  type: CaseType;
  status: Case['status'];
  priority: Priority;
  due_at: Date;
  /** From the read model, for the notification. */
  cooperative_name: string | null;
}

const openedCase = (row: OpenedRow): OpenedCase => ({
  id: row.id,
  cooperativeId: row.cooperative_id,
  type: row.type,
  status: row.status,
  priority: row.priority,
  dueAt: row.due_at,
  assigneeId: null,
  holdUntil: null,
  outcome: null,
});

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
   * Opens many cases in four statements, each with its checklist, SLA timers, history, audit and
   * supervisor notification. Skips those whose cooperative already has an open case of the type;
   * answers the cases it opened. Plain SQL throughout: this is the annual evaluation's hot path,
   * and a status change's alone.
   */
  async openMany(tx: Tx, inputs: OpenCaseInput[]): Promise<OpenedCase[]> {
    if (inputs.length === 0) return [];
    const current = currentWriteContext();
    const contextOf = (input: OpenCaseInput) => input.context ?? current;
    const openedAt = new Date();
    const rows: OpenedRow[] = await tx.manager.query(
      `WITH inserted AS (
         INSERT INTO cases (type, cooperative_id, kecamatan, search_text, status, priority, priority_rank, due_at, opened_at, opened_by, opened_reason)
         SELECT i.type, i.cooperative_id, co.kecamatan, ${searchTextOf('co')}, 'UNASSIGNED', i.priority, i.priority_rank, i.due_at, $7, i.opened_by, i.opened_reason
         FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::smallint[], $5::timestamptz[], $6::varchar[], $8::text[])
           AS i (type, cooperative_id, priority, priority_rank, due_at, opened_by, opened_reason)
         LEFT JOIN cooperatives co ON co.id = i.cooperative_id
         ON CONFLICT (cooperative_id, type) WHERE status <> 'CLOSED' DO NOTHING
         RETURNING id, cooperative_id, type, status, priority, due_at),
       checklist AS (
         INSERT INTO case_checklist_items (case_id, code, label, position)
         SELECT i.id, s.code, s.label, s.position
         FROM inserted i JOIN unnest($9::varchar[], $10::varchar[], $11::varchar[], $12::smallint[])
           AS s (type, code, label, position) ON s.type = i.type)
       SELECT i.*, co.name AS cooperative_name FROM inserted i LEFT JOIN cooperatives co ON co.id = i.cooperative_id`,
      [
        inputs.map((input) => input.type),
        inputs.map((input) => input.cooperativeId),
        inputs.map((input) => input.priority),
        inputs.map((input) => PRIORITY_RANK[input.priority]),
        inputs.map(
          (input) =>
            new Date((input.slaStartsAt ?? openedAt).getTime() + this.config.CASE_SLA_DAYS[input.type] * DAY_MS),
        ),
        inputs.map((input) => contextOf(input).actor.id),
        openedAt,
        inputs.map((input) => input.reason),
        ...this.checklistSteps(inputs),
      ],
    );
    if (rows.length === 0) return [];
    const inputFor = new Map(inputs.map((input) => [`${input.cooperativeId}/${input.type}`, input]));
    const opened = rows.map((row) => ({
      value: openedCase(row),
      input: inputFor.get(`${row.cooperative_id}/${row.type}`)!,
      cooperativeName: row.cooperative_name,
    }));

    await tx.scheduleAll(opened.flatMap(({ value, input }) => this.slaTimers(value, contextOf(input).correlationId)));
    await recordChanges(
      tx,
      opened.map(({ value, input }) => ({
        input: {
          caseId: value.id,
          actorId: contextOf(input).actor.id,
          action: 'OPENED',
          toStatus: value.status,
          reason: input.reason,
          details: { type: input.type, ...(input.slaStartsAt ? { slaStartsAt: input.slaStartsAt } : {}) },
        },
        before: null,
        after: value,
        context: contextOf(input),
      })),
    );
    await this.notifier.toRoleAll(
      tx,
      'supervisor',
      opened.map(({ value, input, cooperativeName }) => ({
        kind: 'CASE_OPENED' as const,
        caseId: value.id,
        cooperativeId: value.cooperativeId,
        cooperativeName,
        params: { caseType: input.type, reason: input.reason, priority: input.priority },
      })),
    );
    this.logger.log(
      {
        cases: opened.map(({ value }) => ({ caseId: value.id, type: value.type, cooperativeId: value.cooperativeId })),
      },
      'Cases opened',
    );
    return opened.map(({ value }) => value);
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
