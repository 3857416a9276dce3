import { Injectable } from '@nestjs/common';
import { unprocessable, type AuthenticatedUser, type Tx } from '@koperasi/platform';
import { Notifications } from '../notifications/notifications.service';
import { isInTime, objectionDecisionDueOn, objectionDueOn } from './deadlines';
import type { ObjectionDecisionDto, ObjectionDto } from './dto/proceeding-commands.dto';
import { assertFactDate } from './fact-dates';
import { OBJECTION_DECISION_TIMER } from './objection-decision.deadline';
import { OBJECTION_WINDOW_TIMER } from './objection-window.deadline';
import { OfficeClock } from './office-clock';
import type { Proceeding } from './proceeding.entity';
import type { ObjectionDecisionFacts, ObjectionFacts, ObjectionRecord } from './proceeding-facts';
import { assertMayAct, assertNotAuthor } from './proceeding-rules';
import { ProceedingStore } from './proceeding-store';
import { proceedingView, type ProceedingView } from './proceeding-view';

const earliest = (dates: string[]) => dates.reduce((a, b) => (a < b ? a : b));
const latest = (dates: string[]) => dates.reduce((a, b) => (a > b ? a : b));
const pendingOf = (proceeding: Proceeding) => proceeding.objections.filter((objection) => !objection.decision);

/**
 * Steps 5-6 of domain.md section 5. What counts is the day an objection was received: one received
 * within two months of the notice is accepted whenever it is recorded, until the decree (after the
 * window's timer fired, it brings the proceeding back under review). A decision after its one-month
 * limit is accepted (refusing it would strand the proceeding) and marked late.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    private readonly store: ProceedingStore,
    private readonly clock: OfficeClock,
    private readonly notifications: Notifications,
  ) {}

  async record(tx: Tx, id: string, dto: ObjectionDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertMayAct(proceeding, user);
    const notice = proceeding.noticeReceivedOn;
    if (notice) {
      assertFactDate(proceeding, this.clock.today(), 'receivedOn', dto.receivedOn, [
        { code: 'OBJECTION_BEFORE_NOTICE', field: 'noticeReceivedOn', date: notice },
      ]);
      const due = objectionDueOn(notice);
      if (!isInTime(dto.receivedOn, due)) {
        throw unprocessable(
          'OBJECTION_LATE',
          `An objection received on ${dto.receivedOn} is after the window whose last day was ${due}`,
          { objectionDueOn: due },
        );
      }
    }
    const reopensReview = proceeding.step === 'READY_FOR_DECREE';
    const facts: ObjectionFacts = {
      receivedOn: dto.receivedOn,
      filedBy: dto.filedBy,
      grounds: dto.grounds,
      documents: (dto.documents ?? []).map((doc) => ({ ...doc })),
      recordedBy: user.id,
    };
    const objection: ObjectionRecord = {
      ...facts,
      recordedAt: new Date().toISOString(),
      afterWindowClosed: reopensReview,
      decision: null,
    };
    const pending = [...pendingOf(proceeding), objection];
    const changed = await this.store.apply(
      tx,
      proceeding,
      'RECORD_OBJECTION',
      {
        objection: facts,
        objections: [...proceeding.objections, objection],
        objectionReceivedOn: earliest(pending.map((item) => item.receivedOn)),
      },
      {
        action: 'proceeding.objection-recorded',
        details: { objection, reopensReview },
      },
    );
    await tx.cancelDeadline(OBJECTION_WINDOW_TIMER, changed.id);
    if (changed.nextDueOn) {
      await tx.schedule(OBJECTION_DECISION_TIMER, changed.id, this.clock.endOfDay(changed.nextDueOn), {
        objectionDecisionDueOn: changed.nextDueOn,
      });
    }
    await this.notifications.toRole(tx, 'supervisor', changed, 'OBJECTION_DECISION_DUE', {
      receivedOn: dto.receivedOn,
      filedBy: dto.filedBy,
      dueOn: changed.nextDueOn,
    });
    return proceedingView(changed, this.clock.today());
  }

  /** One decision answers every objection still pending (the office answers them in one letter). */
  async decide(tx: Tx, id: string, dto: ObjectionDecisionDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertNotAuthor(proceeding, user);
    const today = this.clock.today();
    const decidedOn = dto.decidedOn ?? today;
    const pending = pendingOf(proceeding);
    const received = pending.map((item) => item.receivedOn);
    assertFactDate(proceeding, today, 'decidedOn', decidedOn, [
      {
        code: 'DECISION_BEFORE_OBJECTION',
        field: 'objectionReceivedOn',
        date: received.length ? latest(received) : null,
      },
    ]);
    const dueOn = objectionDecisionDueOn(
      received.length ? earliest(received) : (proceeding.objectionReceivedOn ?? decidedOn),
    );
    const late = !isInTime(decidedOn, dueOn);
    const decision: ObjectionDecisionFacts = {
      outcome: dto.outcome,
      reason: dto.reason,
      decidedBy: user.id,
      decidedOn,
      dueOn,
      late,
    };
    const upheld = dto.outcome === 'UPHELD';
    const changed = await this.store.apply(
      tx,
      proceeding,
      upheld ? 'UPHOLD_OBJECTION' : 'DISMISS_OBJECTION',
      {
        objectionDecision: decision,
        objections: proceeding.objections.map((item) => (item.decision ? item : { ...item, decision })),
        lateActs: late
          ? [...proceeding.lateActs, { act: 'OBJECTION_DECISION', dueOn, doneOn: decidedOn, recordedBy: user.id }]
          : proceeding.lateActs,
        ...(upheld ? { closedReason: dto.reason, closedBy: user.id } : {}),
      },
      {
        action: upheld ? 'proceeding.objection-upheld' : 'proceeding.objection-dismissed',
        reason: dto.reason,
        details: { decision, late },
      },
    );
    await tx.cancelDeadline(OBJECTION_DECISION_TIMER, changed.id);
    if (upheld) {
      await tx.publish('dissolution.objection-upheld.v1', {
        proceedingId: changed.id,
        cooperativeId: changed.cooperativeId,
        reason: dto.reason,
        decidedBy: user.id,
        expectedStatus: 'IN_DISSOLUTION',
      });
    }
    return proceedingView(changed, today);
  }
}
