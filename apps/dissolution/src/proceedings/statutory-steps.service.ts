import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, unprocessable, type AuthenticatedUser, type Tx } from '@koperasi/platform';
import type { DissolutionConfig } from '../config';
import { addDays, creditorClaimsDueOn, decreeDueOn, endOfOfficeDay, objectionDueOn, officeToday } from './deadlines';
import type {
  CreditorNoticeDto,
  DecreeDto,
  GazetteDto,
  NoticeDto,
  ObjectionDecisionDto,
  ObjectionDto,
  SettlementReportDto,
} from './dto/proceeding-commands.dto';
import { OBJECTION_WINDOW_TIMER } from './objection-window.deadline';
import type { Proceeding } from './proceeding.entity';
import { assertNoReviewFlag, assertNotFuture, assertNotProposer, assertOrder } from './proceeding-rules';
import { ProceedingStore } from './proceeding-store';
import { proceedingView, type ProceedingView } from './proceeding-view';

/** Steps 4-10 of domain.md section 5: notice, objection, decision, decree, liquidation, gazette. */
@Injectable()
export class StatutoryStepsService {
  constructor(
    private readonly store: ProceedingStore,
    @Inject(SERVICE_CONFIG) private readonly config: DissolutionConfig,
  ) {}

  async recordNotice(tx: Tx, id: string, dto: NoticeDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertOrder('RECEIVED_BEFORE_SENT', 'sentOn', dto.sentOn, 'receivedOn', dto.receivedOn);
    assertNotFuture('receivedOn', dto.receivedOn, this.today());
    const notice = {
      method: dto.method,
      sentOn: dto.sentOn,
      receivedOn: dto.receivedOn,
      recipient: dto.recipient,
      recordedBy: user.id,
    };
    const changed = await this.store.apply(
      tx,
      proceeding,
      'RECORD_NOTICE',
      { notice, noticeReceivedOn: dto.receivedOn },
      {
        action: 'proceeding.notice-recorded',
        details: { notice },
      },
    );
    const windowEnds = objectionDueOn(dto.receivedOn);
    await tx.schedule(
      OBJECTION_WINDOW_TIMER,
      changed.id,
      endOfOfficeDay(windowEnds, this.config.OFFICE_UTC_OFFSET_MINUTES),
      {
        objectionDueOn: windowEnds,
      },
    );
    return this.view(changed);
  }

  async recordObjection(tx: Tx, id: string, dto: ObjectionDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    if (proceeding.noticeReceivedOn) {
      assertOrder(
        'OBJECTION_BEFORE_NOTICE',
        'noticeReceivedOn',
        proceeding.noticeReceivedOn,
        'receivedOn',
        dto.receivedOn,
      );
      const due = objectionDueOn(proceeding.noticeReceivedOn);
      if (dto.receivedOn > due) {
        throw unprocessable(
          'OBJECTION_LATE',
          `An objection received on ${dto.receivedOn} is after the window that closed on ${due}`,
          {
            objectionDueOn: due,
          },
        );
      }
    }
    assertNotFuture('receivedOn', dto.receivedOn, this.today());
    const objection = {
      receivedOn: dto.receivedOn,
      filedBy: dto.filedBy,
      grounds: dto.grounds,
      documents: (dto.documents ?? []).map((doc) => ({ ...doc })),
      recordedBy: user.id,
    };
    const changed = await this.store.apply(
      tx,
      proceeding,
      'RECORD_OBJECTION',
      { objection, objectionReceivedOn: dto.receivedOn },
      {
        action: 'proceeding.objection-recorded',
        details: { objection },
      },
    );
    await tx.cancelDeadline(OBJECTION_WINDOW_TIMER, changed.id);
    return this.view(changed);
  }

  async decideObjection(
    tx: Tx,
    id: string,
    dto: ObjectionDecisionDto,
    user: AuthenticatedUser,
  ): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertNotProposer(proceeding, user);
    const decidedOn = dto.decidedOn ?? this.today();
    if (proceeding.objectionReceivedOn) {
      assertOrder(
        'DECISION_BEFORE_OBJECTION',
        'objectionReceivedOn',
        proceeding.objectionReceivedOn,
        'decidedOn',
        decidedOn,
      );
    }
    assertNotFuture('decidedOn', decidedOn, this.today());
    const decision = { outcome: dto.outcome, reason: dto.reason, decidedBy: user.id, decidedOn };
    const upheld = dto.outcome === 'UPHELD';
    const changed = await this.store.apply(
      tx,
      proceeding,
      upheld ? 'UPHOLD_OBJECTION' : 'DISMISS_OBJECTION',
      { objectionDecision: decision, ...(upheld ? { closedReason: dto.reason, closedBy: user.id } : {}) },
      {
        action: upheld ? 'proceeding.objection-upheld' : 'proceeding.objection-dismissed',
        reason: dto.reason,
        details: { decision },
      },
    );
    if (upheld) {
      await tx.publish('dissolution.objection-upheld.v1', {
        proceedingId: changed.id,
        cooperativeId: changed.cooperativeId,
        reason: dto.reason,
        decidedBy: user.id,
        expectedStatus: 'IN_DISSOLUTION',
      });
    }
    return this.view(changed);
  }

  async recordDecree(tx: Tx, id: string, dto: DecreeDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertNotProposer(proceeding, user);
    if (proceeding.step === 'READY_FOR_DECREE') {
      assertNoReviewFlag(proceeding);
      this.assertDecreeDate(proceeding, dto.date);
    }
    const decree = { number: dto.number, date: dto.date, recordedBy: user.id };
    const changed = await this.store.apply(
      tx,
      proceeding,
      'RECORD_DECREE',
      { decree },
      { action: 'proceeding.decree-recorded', details: { decree } },
    );
    await tx.publish('dissolution.decree-recorded.v1', {
      proceedingId: changed.id,
      cooperativeId: changed.cooperativeId,
      decreeNumber: dto.number,
      decreeDate: dto.date,
      expectedStatus: 'IN_DISSOLUTION',
    });
    return this.view(changed);
  }

  async recordCreditorNotice(tx: Tx, id: string, dto: CreditorNoticeDto): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    const decreeDate = proceeding.decree?.date;
    if (decreeDate) {
      assertOrder('BEFORE_DECREE', 'decreeDate', decreeDate, 'noticeOn', dto.noticeOn);
      assertOrder('BEFORE_DECREE', 'decreeDate', decreeDate, 'liquidatorAppointedOn', dto.liquidatorAppointedOn);
    }
    assertNotFuture('noticeOn', dto.noticeOn, this.today());
    assertNotFuture('liquidatorAppointedOn', dto.liquidatorAppointedOn, this.today());
    const liquidation = {
      ...proceeding.liquidation,
      creditorNoticeOn: dto.noticeOn,
      liquidators: [...dto.liquidators],
      liquidatorAppointedOn: dto.liquidatorAppointedOn,
    };
    const changed = await this.store.apply(
      tx,
      proceeding,
      'RECORD_CREDITOR_NOTICE',
      { liquidation, creditorNoticeOn: dto.noticeOn },
      {
        action: 'proceeding.creditor-notice-recorded',
        details: { liquidation },
      },
    );
    return this.view(changed);
  }

  /** The liquidator's settlement report closes liquidation, once the creditors' claim period has ended. */
  async recordSettlementReport(tx: Tx, id: string, dto: SettlementReportDto): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    if (proceeding.step === 'DECREED') {
      if (!proceeding.creditorNoticeOn) {
        throw unprocessable('CREDITOR_NOTICE_REQUIRED', 'Creditors must be notified and a liquidator appointed first');
      }
      const claimsClose = creditorClaimsDueOn(proceeding.creditorNoticeOn);
      if (dto.reportedOn < claimsClose) {
        throw unprocessable('CLAIMS_PERIOD_OPEN', `Creditors may file claims until ${claimsClose}`, {
          creditorClaimsDueOn: claimsClose,
        });
      }
    }
    assertNotFuture('reportedOn', dto.reportedOn, this.today());
    const liquidation = {
      ...proceeding.liquidation,
      settlementReportedOn: dto.reportedOn,
      settlementSummary: dto.summary,
    };
    const changed = await this.store.apply(
      tx,
      proceeding,
      'FINISH_LIQUIDATION',
      { liquidation },
      {
        action: 'proceeding.settlement-reported',
        details: { settlementReportedOn: dto.reportedOn, settlementSummary: dto.summary },
      },
    );
    return this.view(changed);
  }

  async recordGazette(tx: Tx, id: string, dto: GazetteDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    const reportedOn = proceeding.liquidation?.settlementReportedOn;
    if (reportedOn)
      assertOrder('BEFORE_SETTLEMENT', 'settlementReportedOn', reportedOn, 'publishedOn', dto.publishedOn);
    assertNotFuture('publishedOn', dto.publishedOn, this.today());
    const gazette = { publishedOn: dto.publishedOn, ...(dto.gazetteRef ? { gazetteRef: dto.gazetteRef } : {}) };
    const changed = await this.store.apply(
      tx,
      proceeding,
      'PUBLISH_GAZETTE',
      { gazette, closedBy: user.id },
      {
        action: 'proceeding.gazette-published',
        details: { gazette },
      },
    );
    await tx.publish('dissolution.gazette-published.v1', {
      proceedingId: changed.id,
      cooperativeId: changed.cooperativeId,
      publishedOn: dto.publishedOn,
      expectedStatus: 'DISSOLVED',
    });
    return this.view(changed);
  }

  /** The decree comes after the objection window (or the dismissal) and no later than 4 months after the notice. */
  private assertDecreeDate(proceeding: Proceeding, date: string): void {
    const notice = proceeding.noticeReceivedOn;
    if (!notice) return;
    const deadline = decreeDueOn(notice);
    if (date > deadline) {
      throw unprocessable(
        'DECREE_PAST_DEADLINE',
        `The decree must be dated no later than ${deadline}, 4 months after the notice was received on ${notice}`,
        {
          decreeDueOn: deadline,
          noticeReceivedOn: notice,
          date,
        },
      );
    }
    const windowEnd = objectionDueOn(notice);
    const earliest = proceeding.objectionDecision?.decidedOn ?? addDays(windowEnd, 1);
    if (date < earliest) {
      throw unprocessable(
        'DECREE_TOO_EARLY',
        `The decree may not be dated before ${earliest} (objection window or decision)`,
        { earliest, date },
      );
    }
    assertNotFuture('date', date, this.today());
  }

  private today(): string {
    return officeToday(new Date(), this.config.OFFICE_UTC_OFFSET_MINUTES);
  }

  private view(proceeding: Proceeding): ProceedingView {
    return proceedingView(proceeding, this.today());
  }
}
