import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, UnitOfWork, UserDirectory, type AuthenticatedUser, type Tx } from '@koperasi/platform';
import type { MentoringConfig } from '../config';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { Notifier } from '../notifications/notifier';
import { CaseLifecycle } from './case-lifecycle.service';
import { isOfficerOutcome, isReactivationFailure, OFFICER_OUTCOMES } from './case-outcomes';
import { recordChange } from './case-records';
import { transition, type CaseAction } from './case-status';
import { CASE_TIMERS, officeMidnight } from './case-timers';
import { ASSIGNABLE_ROLES, PRIORITY_RANK, type CaseType, type Priority } from './case-types';
import { Case } from './case.entity';
import {
  alreadyClaimed,
  caseClosed,
  caseNotFound,
  checklistStepUnknown,
  cooperativeNotEligible,
  cooperativeUnknown,
  evidenceRequired,
  holdDateNotFuture,
  invalidTransition,
  notYourCase,
  openCaseExists,
  outcomeNotAllowed,
  receivedOnInFuture,
  staleVersion,
} from './cases.errors';
import { ChecklistItem } from './checklist-item.entity';
import { missedSlaNotice } from './sla/sla-notices';

const isSupervisor = (user: AuthenticatedUser) => user.roles.includes('supervisor');

/** A manual reactivation case is for a cooperative that is not active (never for an ACTIVE one). */
const REACTIVATION_STATUSES: readonly string[] = ['INACTIVE', 'IN_DISSOLUTION'];

/** What officers and supervisors do to a case; each use case is one transaction, audited. */
@Injectable()
export class CaseWork {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly lifecycle: CaseLifecycle,
    private readonly notifier: Notifier,
    private readonly users: UserDirectory,
    @Inject(SERVICE_CONFIG) private readonly config: MentoringConfig,
  ) {}

  /** Inside the caller's transaction (the HTTP command's, which keeps its Idempotency-Key answer with it). */
  async openManually(
    tx: Tx,
    input: { cooperativeId: string; type: CaseType; priority: Priority; reason: string; receivedOn?: string },
  ): Promise<Case> {
    const { receivedOn, ...opening } = input;
    const slaStartsAt = receivedOn ? officeMidnight(receivedOn, this.config.OFFICE_UTC_OFFSET_HOURS) : undefined;
    if (slaStartsAt && slaStartsAt.getTime() > Date.now()) throw receivedOnInFuture(receivedOn!);
    const cooperative = await tx.manager.findOneBy(Cooperative, { id: input.cooperativeId });
    if (!cooperative) throw cooperativeUnknown(input.cooperativeId);
    if (input.type === 'REACTIVATION' && !REACTIVATION_STATUSES.includes(cooperative.status ?? '')) {
      throw cooperativeNotEligible(input.cooperativeId, input.type, cooperative.status, REACTIVATION_STATUSES);
    }
    const created = await this.lifecycle.open(tx, { ...opening, slaStartsAt });
    if (!created) throw openCaseExists(input.cooperativeId, input.type);
    return created;
  }

  /** One conditional UPDATE: of two officers claiming at once, exactly one changes the row. */
  claim(user: AuthenticatedUser, caseId: string): Promise<Case> {
    return this.uow.run(async (tx) => {
      // For an UPDATE, TypeORM answers [rows, rowCount].
      const [, claimed]: [unknown[], number] = await tx.manager.query(
        `UPDATE cases SET status = 'ASSIGNED', assignee_id = $2, assignee_name = $3, assigned_at = now(), version = version + 1
         WHERE id = $1 AND status = 'UNASSIGNED' RETURNING id`,
        [caseId, user.id, user.name],
      );
      const current = await tx.manager.findOneBy(Case, { id: caseId });
      if (!current) throw caseNotFound(caseId);
      if (claimed === 0) {
        const nameOf = await this.users.namesOf([current.assigneeId]);
        throw alreadyClaimed(
          caseId,
          current.status,
          current.assigneeId,
          nameOf(current.assigneeId, current.assigneeName),
        );
      }
      await recordChange(
        tx,
        {
          caseId,
          actorId: user.id,
          action: 'CLAIMED',
          fromStatus: 'UNASSIGNED',
          toStatus: current.status,
          toAssigneeId: user.id,
        },
        { ...current, status: 'UNASSIGNED', assigneeId: null },
        current,
      );
      await this.tellMissedSla(tx, current);
      return current;
    });
  }

  assign(
    user: AuthenticatedUser,
    caseId: string,
    input: { assigneeId: string; reason: string; version?: number },
  ): Promise<Case> {
    return this.uow.run(async (tx) => this.assignLocked(tx, user, await this.lock(tx, caseId, input.version), input));
  }

  /**
   * Assigns a locked case to a user the directory knows as an active officer or supervisor; used
   * by single and bulk reassignment. The name shown is the directory's.
   */
  async assignLocked(
    tx: Tx,
    user: AuthenticatedUser,
    current: Case,
    input: { assigneeId: string; reason: string },
  ): Promise<Case> {
    const assignee = await this.users.requireAssignable(tx.manager, input.assigneeId, ASSIGNABLE_ROLES);
    const next = this.next(current, 'assign');
    const before = { ...current };
    Object.assign(current, {
      status: next,
      assigneeId: assignee.id,
      assigneeName: assignee.fullName,
      assignedAt: new Date(),
    });
    await tx.manager.save(current);
    await recordChange(
      tx,
      {
        caseId: current.id,
        actorId: user.id,
        action: before.assigneeId ? 'REASSIGNED' : 'ASSIGNED',
        fromStatus: before.status,
        toStatus: current.status,
        fromAssigneeId: before.assigneeId,
        toAssigneeId: input.assigneeId,
        reason: input.reason,
      },
      before,
      current,
    );
    const about = { caseId: current.id, cooperativeId: current.cooperativeId };
    await this.notifier.toUser(tx, input.assigneeId, {
      kind: 'CASE_ASSIGNED',
      ...about,
      params: { caseType: current.type, by: user.name, reason: input.reason },
    });
    if (before.assigneeId && before.assigneeId !== input.assigneeId) {
      await this.notifier.toUser(tx, before.assigneeId, {
        kind: 'CASE_UNASSIGNED',
        ...about,
        params: { caseType: current.type, assigneeName: current.assigneeName, reason: input.reason },
      });
    }
    if (before.assigneeId !== input.assigneeId) await this.tellMissedSla(tx, current);
    return current;
  }

  /** A reminder or escalation that fired before this assignee had the case reaches them now. */
  private async tellMissedSla(tx: Tx, current: Case): Promise<void> {
    const notice = missedSlaNotice(current);
    if (notice && current.assigneeId) await this.notifier.toUser(tx, current.assigneeId, notice);
  }

  setPriority(
    user: AuthenticatedUser,
    caseId: string,
    input: { priority: Priority; reason: string; version?: number },
  ): Promise<Case> {
    return this.uow.run(async (tx) => {
      const current = await this.lock(tx, caseId, input.version);
      if (current.status === 'CLOSED') throw caseClosed(caseId);
      const before = { ...current };
      Object.assign(current, { priority: input.priority, priorityRank: PRIORITY_RANK[input.priority] });
      await tx.manager.save(current);
      await recordChange(
        tx,
        {
          caseId,
          actorId: user.id,
          action: 'PRIORITY_CHANGED',
          reason: input.reason,
          details: { from: before.priority, to: input.priority },
        },
        before,
        current,
      );
      return current;
    });
  }

  hold(
    user: AuthenticatedUser,
    caseId: string,
    input: { until: string; reason: string; version?: number },
  ): Promise<Case> {
    return this.uow.run(async (tx) => {
      const current = await this.lockOwn(tx, user, caseId, input.version);
      const until = officeMidnight(input.until, this.config.OFFICE_UTC_OFFSET_HOURS);
      if (until.getTime() <= Date.now()) throw holdDateNotFuture(input.until);
      const next = this.next(current, 'hold');
      const before = { ...current };
      Object.assign(current, { status: next, holdUntil: until, holdReason: input.reason });
      await tx.manager.save(current);
      await tx.schedule(CASE_TIMERS.holdEnds, current.id, until);
      await recordChange(
        tx,
        {
          caseId,
          actorId: user.id,
          action: 'HELD',
          fromStatus: before.status,
          toStatus: next,
          reason: input.reason,
          details: { until: input.until },
        },
        before,
        current,
      );
      return current;
    });
  }

  release(user: AuthenticatedUser, caseId: string, reason: string, version?: number): Promise<Case> {
    return this.uow.run(async (tx) => {
      const current = await this.lockOwn(tx, user, caseId, version);
      await tx.cancelDeadline(CASE_TIMERS.holdEnds, caseId);
      return this.releaseLocked(tx, current, user.id, 'RELEASED', reason);
    });
  }

  /** The hold timer fired; a case no longer on hold (released or closed meanwhile) is left alone. */
  async returnFromHold(tx: Tx, caseId: string): Promise<void> {
    const current = await tx.manager.findOne(Case, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!current || current.status !== 'ON_HOLD') return;
    await this.releaseLocked(tx, current, 'system', 'RETURNED_FROM_HOLD', 'The hold date came');
    if (current.assigneeId) {
      await this.notifier.toUser(tx, current.assigneeId, {
        kind: 'CASE_BACK_FROM_HOLD',
        caseId,
        cooperativeId: current.cooperativeId,
        params: { caseType: current.type },
      });
    }
  }

  private async releaseLocked(tx: Tx, current: Case, actorId: string, action: string, reason: string): Promise<Case> {
    const next = this.next(current, 'release');
    const before = { ...current };
    Object.assign(current, { status: next, holdUntil: null, holdReason: null });
    await tx.manager.save(current);
    await recordChange(
      tx,
      { caseId: current.id, actorId, action, fromStatus: before.status, toStatus: next, reason },
      before,
      current,
    );
    return current;
  }

  close(
    user: AuthenticatedUser,
    caseId: string,
    input: { outcome: string; reason: string; evidenceNotes?: string; version?: number },
  ): Promise<Case> {
    return this.uow.run(async (tx) => {
      const current = await this.lockOwn(tx, user, caseId, input.version);
      if (!isOfficerOutcome(current.type, input.outcome))
        throw outcomeNotAllowed(current.type, input.outcome, OFFICER_OUTCOMES[current.type]);
      if (isReactivationFailure(current.type, input.outcome) && !input.evidenceNotes?.trim())
        throw evidenceRequired(input.outcome);
      this.next(current, 'close');
      return this.lifecycle.close(tx, current, input);
    });
  }

  reopen(user: AuthenticatedUser, caseId: string, reason: string, version?: number): Promise<Case> {
    return this.uow.run(async (tx) => {
      const current = await this.lock(tx, caseId, version);
      const next = this.next(current, 'reopen');
      const clash = await tx.manager.query(
        `SELECT 1 FROM cases WHERE cooperative_id = $1 AND type = $2 AND status <> 'CLOSED'`,
        [current.cooperativeId, current.type],
      );
      if (clash.length > 0) throw openCaseExists(current.cooperativeId, current.type);
      const before = { ...current };
      Object.assign(current, {
        status: next,
        outcome: null,
        closeReason: null,
        evidenceNotes: null,
        closedAt: null,
        closedBy: null,
      });
      await tx.manager.save(current);
      if (current.dueAt.getTime() > Date.now()) await this.lifecycle.scheduleSla(tx, current);
      await recordChange(
        tx,
        {
          caseId,
          actorId: user.id,
          action: 'REOPENED',
          fromStatus: before.status,
          toStatus: next,
          reason,
          details: { previousOutcome: before.outcome },
        },
        before,
        current,
      );
      if (current.assigneeId && current.assigneeId !== user.id) {
        await this.notifier.toUser(tx, current.assigneeId, {
          kind: 'CASE_REOPENED',
          caseId,
          cooperativeId: current.cooperativeId,
          params: { caseType: current.type, by: user.name, reason, previousOutcome: before.outcome },
        });
      }
      return current;
    });
  }

  setChecklistStep(user: AuthenticatedUser, caseId: string, code: string, done: boolean): Promise<ChecklistItem> {
    return this.uow.run(async (tx) => {
      const current = await this.lockOwn(tx, user, caseId);
      if (current.status === 'CLOSED') throw caseClosed(caseId);
      const step = await tx.manager.findOneBy(ChecklistItem, { caseId, code });
      if (!step) throw checklistStepUnknown(caseId, code);
      const before = { ...step };
      Object.assign(step, done ? { doneAt: new Date(), doneBy: user.id } : { doneAt: null, doneBy: null });
      await tx.manager.save(step);
      await recordChange(
        tx,
        {
          caseId,
          actorId: user.id,
          action: done ? 'CHECKLIST_DONE' : 'CHECKLIST_UNDONE',
          details: { code, before: before.doneAt },
        },
        current,
        current,
      );
      return step;
    });
  }

  /** The case, locked for the change; when the caller named the version it read, that must still be current. */
  async lock(tx: Tx, caseId: string, expectedVersion?: number): Promise<Case> {
    const current = await tx.manager.findOne(Case, { where: { id: caseId }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw caseNotFound(caseId);
    if (expectedVersion !== undefined && current.version !== expectedVersion)
      throw staleVersion(caseId, expectedVersion, current.version);
    return current;
  }

  /** Officers work only their own cases; supervisors may work any. */
  async lockOwn(tx: Tx, user: AuthenticatedUser, caseId: string, expectedVersion?: number): Promise<Case> {
    const current = await this.lock(tx, caseId, expectedVersion);
    if (!isSupervisor(user) && current.assigneeId !== user.id) throw notYourCase(caseId);
    return current;
  }

  private next(current: Case, action: CaseAction) {
    const result = transition(current, action);
    if (!result.ok) throw invalidTransition(current.id, action, current.status);
    return result.status;
  }
}
