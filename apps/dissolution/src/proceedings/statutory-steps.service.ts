import { Injectable } from '@nestjs/common';
import { conflict, unprocessable, type AuthenticatedUser, type Tx } from '@koperasi/platform';
import { assertCooperativeStatus } from './cooperative-eligibility';
import { creditorClaimsDueOn, decreeDueOn, firstDayAfter, isInTime, objectionDueOn } from './deadlines';
import type {
  CreditorNoticeCorrectionDto,
  CreditorNoticeDto,
  DecreeDto,
  GazetteDto,
  NoticeDto,
  SettlementReportDto,
} from './dto/proceeding-commands.dto';
import { assertFactDate } from './fact-dates';
import { OBJECTION_WINDOW_TIMER } from './objection-window.deadline';
import { OfficeClock } from './office-clock';
import type { Proceeding } from './proceeding.entity';
import type { LiquidationFacts } from './proceeding-facts';
import { assertMayAct, assertNoReviewFlag, assertNotAuthor } from './proceeding-rules';
import { ProceedingStore } from './proceeding-store';
import { proceedingView, type ProceedingView } from './proceeding-view';

/**
 * Steps 4 and 7-10 of domain.md section 5: notice, decree, liquidation, gazette (objections are in
 * ObjectionsService). Every date: not in the future, not before the approval, not before the fact
 * it follows.
 */
@Injectable()
export class StatutoryStepsService {
  constructor(
    private readonly store: ProceedingStore,
    private readonly clock: OfficeClock,
  ) {}

  async recordNotice(tx: Tx, id: string, dto: NoticeDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertMayAct(proceeding, user);
    const today = this.clock.today();
    assertFactDate(proceeding, today, 'sentOn', dto.sentOn);
    assertFactDate(proceeding, today, 'receivedOn', dto.receivedOn, [
      { code: 'RECEIVED_BEFORE_SENT', field: 'sentOn', date: dto.sentOn },
    ]);
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
      { action: 'proceeding.notice-recorded', details: { notice } },
    );
    const windowEnds = objectionDueOn(dto.receivedOn);
    await tx.schedule(OBJECTION_WINDOW_TIMER, changed.id, this.clock.endOfDay(windowEnds), {
      objectionDueOn: windowEnds,
    });
    return this.view(changed);
  }

  async recordDecree(tx: Tx, id: string, dto: DecreeDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertNotAuthor(proceeding, user);
    if (proceeding.step === 'READY_FOR_DECREE') {
      assertNoReviewFlag(proceeding);
      await assertCooperativeStatus(tx, proceeding.cooperativeId, 'RECORD_DECREE');
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

  /** Once: the claim period runs from this notice. A later change is a correction, with a reason. */
  async recordCreditorNotice(
    tx: Tx,
    id: string,
    dto: CreditorNoticeDto,
    user: AuthenticatedUser,
  ): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertMayAct(proceeding, user);
    if (proceeding.step === 'DECREED' && proceeding.creditorNoticeOn) {
      throw conflict(
        'CREDITOR_NOTICE_ALREADY_RECORDED',
        'The creditor notice is recorded; correct it with POST /proceedings/{id}/creditor-notice/correction and a reason',
        { creditorNoticeOn: proceeding.creditorNoticeOn },
      );
    }
    this.assertCreditorNoticeDates(proceeding, dto);
    const liquidation = { ...proceeding.liquidation, ...this.creditorNoticeFacts(dto) };
    const changed = await this.store.apply(
      tx,
      proceeding,
      'RECORD_CREDITOR_NOTICE',
      { liquidation, creditorNoticeOn: dto.noticeOn },
      { action: 'proceeding.creditor-notice-recorded', details: { liquidation } },
    );
    return this.view(changed);
  }

  /** An explicit, audited correction of the creditor notice: the claim period moves only here. */
  async correctCreditorNotice(
    tx: Tx,
    id: string,
    dto: CreditorNoticeCorrectionDto,
    user: AuthenticatedUser,
  ): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertMayAct(proceeding, user);
    const previous = proceeding.liquidation;
    if (proceeding.step === 'DECREED') {
      if (!proceeding.creditorNoticeOn || !previous) {
        throw conflict('CREDITOR_NOTICE_REQUIRED', 'There is no creditor notice to correct; record it first');
      }
      this.assertCreditorNoticeDates(proceeding, dto);
    }
    const correction = {
      correctedBy: user.id,
      correctedAt: new Date().toISOString(),
      reason: dto.reason,
      previous: {
        creditorNoticeOn: previous?.creditorNoticeOn,
        liquidators: previous?.liquidators,
        liquidatorAppointedOn: previous?.liquidatorAppointedOn,
      },
    };
    const liquidation: LiquidationFacts = {
      ...previous,
      ...this.creditorNoticeFacts(dto),
      corrections: [...(previous?.corrections ?? []), correction],
    };
    const changed = await this.store.apply(
      tx,
      proceeding,
      'CORRECT_CREDITOR_NOTICE',
      { liquidation, creditorNoticeOn: dto.noticeOn },
      {
        action: 'proceeding.creditor-notice-corrected',
        reason: dto.reason,
        details: { previous: correction.previous, corrected: this.creditorNoticeFacts(dto) },
      },
    );
    return this.view(changed);
  }

  /** The liquidator's settlement report closes liquidation, dated after the creditors' claim period. */
  async recordSettlementReport(
    tx: Tx,
    id: string,
    dto: SettlementReportDto,
    user: AuthenticatedUser,
  ): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertMayAct(proceeding, user);
    if (proceeding.step === 'DECREED') {
      if (!proceeding.creditorNoticeOn) {
        throw unprocessable('CREDITOR_NOTICE_REQUIRED', 'Creditors must be notified and a liquidator appointed first');
      }
      const claimsClose = creditorClaimsDueOn(proceeding.creditorNoticeOn);
      if (isInTime(dto.reportedOn, claimsClose)) {
        throw unprocessable(
          'CLAIMS_PERIOD_OPEN',
          `Creditors may file claims until ${claimsClose} inclusive; the report may be dated ${firstDayAfter(claimsClose)} or later`,
          { creditorClaimsDueOn: claimsClose, earliest: firstDayAfter(claimsClose) },
        );
      }
      assertFactDate(proceeding, this.clock.today(), 'reportedOn', dto.reportedOn);
    }
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
    assertMayAct(proceeding, user);
    assertFactDate(proceeding, this.clock.today(), 'publishedOn', dto.publishedOn, [
      { code: 'BEFORE_SETTLEMENT', field: 'settlementReportedOn', date: proceeding.liquidation?.settlementReportedOn },
    ]);
    const gazette = { publishedOn: dto.publishedOn, ...(dto.gazetteRef ? { gazetteRef: dto.gazetteRef } : {}) };
    const changed = await this.store.apply(
      tx,
      proceeding,
      'PUBLISH_GAZETTE',
      { gazette, closedBy: user.id },
      { action: 'proceeding.gazette-published', details: { gazette } },
    );
    await tx.publish('dissolution.gazette-published.v1', {
      proceedingId: changed.id,
      cooperativeId: changed.cooperativeId,
      publishedOn: dto.publishedOn,
      expectedStatus: 'DISSOLVED',
    });
    return this.view(changed);
  }

  private creditorNoticeFacts(dto: CreditorNoticeDto) {
    return {
      creditorNoticeOn: dto.noticeOn,
      liquidators: [...dto.liquidators],
      liquidatorAppointedOn: dto.liquidatorAppointedOn,
    };
  }

  private assertCreditorNoticeDates(proceeding: Proceeding, dto: CreditorNoticeDto): void {
    const today = this.clock.today();
    const afterDecree = { code: 'BEFORE_DECREE', field: 'decreeDate', date: proceeding.decree?.date };
    assertFactDate(proceeding, today, 'noticeOn', dto.noticeOn, [afterDecree]);
    assertFactDate(proceeding, today, 'liquidatorAppointedOn', dto.liquidatorAppointedOn, [afterDecree]);
  }

  /**
   * The decree comes after the objection window has ended and after every decision on an objection,
   * and no later than 4 months after the notice was received (the last day included).
   */
  private assertDecreeDate(proceeding: Proceeding, date: string): void {
    const notice = proceeding.noticeReceivedOn;
    if (!notice) return;
    const deadline = decreeDueOn(notice);
    if (!isInTime(date, deadline)) {
      throw unprocessable(
        'DECREE_PAST_DEADLINE',
        `The decree must be dated no later than ${deadline}, 4 months after the notice was received on ${notice}`,
        { decreeDueOn: deadline, noticeReceivedOn: notice, date },
      );
    }
    const decisions = proceeding.objections.flatMap((item) => (item.decision ? [item.decision.decidedOn] : []));
    const earliest = [firstDayAfter(objectionDueOn(notice)), ...decisions].reduce((a, b) => (a > b ? a : b));
    if (date < earliest) {
      throw unprocessable(
        'DECREE_TOO_EARLY',
        `The decree may not be dated before ${earliest}: the objection window must have ended and every objection be decided`,
        { earliest, objectionDueOn: objectionDueOn(notice), date },
      );
    }
    assertFactDate(proceeding, this.clock.today(), 'date', date);
  }

  private view(proceeding: Proceeding): ProceedingView {
    return proceedingView(proceeding, this.clock.today());
  }
}
