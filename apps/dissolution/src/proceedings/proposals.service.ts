import { Inject, Injectable } from '@nestjs/common';
import { conflict, notFound, SERVICE_CONFIG, unprocessable, type AuthenticatedUser, type Tx } from '@koperasi/platform';
import type { DissolutionConfig } from '../config';
import { Cooperative } from '../cooperatives/cooperative.entity';
import { officeToday } from './deadlines';
import type { CreateProceedingDto, EditProposalDto, ReasonDto, VersionedDto } from './dto/proceeding-commands.dto';
import { OBJECTION_WINDOW_TIMER } from './objection-window.deadline';
import { assertNoReviewFlag, assertNotFuture, assertNotProposer } from './proceeding-rules';
import { ProceedingStore } from './proceeding-store';
import { proceedingView, type ProceedingView } from './proceeding-view';
import { wasApproved } from './proceeding-step';
import { proceedingAlreadyOpen, supervisorRequired } from './proceedings.errors';

const ELIGIBLE_STATUSES = ['ACTIVE', 'INACTIVE'];

/** Steps 1-3 of domain.md section 5: the proposal, its four-eyes decision, and ending a proceeding early. */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly store: ProceedingStore,
    @Inject(SERVICE_CONFIG) private readonly config: DissolutionConfig,
  ) {}

  async open(tx: Tx, dto: CreateProceedingDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const cooperative = await tx.manager.findOne(Cooperative, { where: { cooperativeId: dto.cooperativeId } });
    if (!cooperative) throw notFound('Cooperative', dto.cooperativeId);
    if (cooperative.status && !ELIGIBLE_STATUSES.includes(cooperative.status)) {
      throw unprocessable(
        'COOPERATIVE_NOT_ELIGIBLE',
        `A cooperative that is ${cooperative.status} cannot be proposed for dissolution`,
        {
          status: cooperative.status,
        },
      );
    }
    const open = await this.store.findOpen(tx, dto.cooperativeId);
    if (open) throw proceedingAlreadyOpen(dto.cooperativeId, open.id);
    const proceeding = await this.store.open(
      tx,
      {
        cooperativeId: dto.cooperativeId,
        openedBy: user.id,
        grounds: dto.grounds ?? [],
        evidence: { mentoringHistory: [], documents: [] },
      },
      { action: 'proceeding.opened', details: { grounds: dto.grounds ?? [] } },
    );
    return this.view(proceeding);
  }

  async editProposal(tx: Tx, id: string, dto: EditProposalDto): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    const today = this.today();
    if (dto.fieldCheck) assertNotFuture('fieldCheck.checkedOn', dto.fieldCheck.checkedOn, today);
    if (dto.debtCheck) assertNotFuture('debtCheck.checkedOn', dto.debtCheck.checkedOn, today);
    const evidence = {
      ...proceeding.evidence,
      ...(dto.fieldCheck ? { fieldCheck: { ...dto.fieldCheck } } : {}),
      ...(dto.debtCheck ? { debtCheck: { ...dto.debtCheck } } : {}),
      ...(dto.documents ? { documents: dto.documents.map((doc) => ({ ...doc })) } : {}),
    };
    const grounds = dto.grounds ?? proceeding.grounds;
    const changed = await this.store.apply(
      tx,
      proceeding,
      'EDIT_PROPOSAL',
      { grounds, evidence },
      {
        action: 'proceeding.proposal-edited',
        details: { grounds, fieldCheck: dto.fieldCheck, debtCheck: dto.debtCheck, documents: dto.documents },
      },
    );
    return this.view(changed);
  }

  async propose(tx: Tx, id: string, dto: VersionedDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    if (proceeding.step === 'DRAFT') {
      const { fieldCheck, debtCheck } = proceeding.evidence;
      if (proceeding.grounds.length === 0)
        throw unprocessable('GROUNDS_REQUIRED', 'A proposal needs at least one ground');
      if (!fieldCheck) throw unprocessable('FIELD_CHECK_REQUIRED', 'A proposal needs the kelurahan field check');
      if (!debtCheck)
        throw unprocessable('DEBT_CHECK_REQUIRED', 'A proposal needs the check of debts to third parties');
      if (debtCheck.hasOutstandingDebts && !this.config.ALLOW_PROPOSAL_WITH_DEBTS) {
        throw unprocessable(
          'OUTSTANDING_DEBTS',
          'A cooperative with outstanding debts to third parties is not proposed',
          { debtCheck },
        );
      }
    }
    const changed = await this.store.apply(
      tx,
      proceeding,
      'PROPOSE',
      { proposedBy: user.id, proposedAt: new Date() },
      {
        action: 'proceeding.proposed',
        details: { grounds: proceeding.grounds, proposedBy: user.id },
      },
    );
    return this.view(changed);
  }

  async approve(tx: Tx, id: string, dto: VersionedDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertNotProposer(proceeding, user);
    if (proceeding.step === 'PROPOSED') assertNoReviewFlag(proceeding);
    const approvedAt = new Date();
    const changed = await this.store.apply(
      tx,
      proceeding,
      'APPROVE',
      { approvedBy: user.id, approvedAt },
      {
        action: 'proceeding.approved',
        details: { approvedBy: user.id },
      },
    );
    await tx.publish('dissolution.proceeding-approved.v1', {
      proceedingId: changed.id,
      cooperativeId: changed.cooperativeId,
      grounds: changed.grounds,
      approvedBy: user.id,
      approvedAt: approvedAt.toISOString(),
      expectedStatus: 'INACTIVE',
    });
    return this.view(changed);
  }

  async reject(tx: Tx, id: string, dto: ReasonDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    assertNotProposer(proceeding, user);
    const changed = await this.store.apply(
      tx,
      proceeding,
      'REJECT',
      { closedReason: dto.reason, closedBy: user.id },
      {
        action: 'proceeding.rejected',
        reason: dto.reason,
      },
    );
    await tx.publish('dissolution.proceeding-rejected.v1', {
      proceedingId: changed.id,
      cooperativeId: changed.cooperativeId,
      reason: dto.reason,
      rejectedBy: user.id,
    });
    return this.view(changed);
  }

  /** Officers may withdraw their own draft or proposal; after approval only a supervisor may. */
  async withdraw(tx: Tx, id: string, dto: ReasonDto, user: AuthenticatedUser): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    const approved = wasApproved(proceeding.step);
    if (approved && !user.roles.includes('supervisor')) throw supervisorRequired('WITHDRAW');
    const changed = await this.store.apply(
      tx,
      proceeding,
      'WITHDRAW',
      { closedReason: dto.reason, closedBy: user.id },
      {
        action: 'proceeding.withdrawn',
        reason: dto.reason,
        details: { wasApproved: approved },
      },
    );
    await tx.cancelDeadline(OBJECTION_WINDOW_TIMER, changed.id);
    await tx.publish('dissolution.proceeding-withdrawn.v1', {
      proceedingId: changed.id,
      cooperativeId: changed.cooperativeId,
      reason: dto.reason,
      wasApproved: approved,
      expectedStatus: approved ? 'IN_DISSOLUTION' : null,
    });
    return this.view(changed);
  }

  async clearReviewFlag(tx: Tx, id: string, dto: ReasonDto): Promise<ProceedingView> {
    const proceeding = await this.store.load(tx, id, dto.version);
    if (!proceeding.reviewFlag) throw conflict('NO_REVIEW_FLAG', 'The proceeding has no review flag to clear');
    const changed = await this.store.apply(
      tx,
      proceeding,
      'CLEAR_REVIEW_FLAG',
      { reviewFlag: null },
      {
        action: 'proceeding.review-flag-cleared',
        reason: dto.reason,
        details: { clearedFlag: proceeding.reviewFlag },
      },
    );
    return this.view(changed);
  }

  private today(): string {
    return officeToday(new Date(), this.config.OFFICE_UTC_OFFSET_MINUTES);
  }

  private view(proceeding: Parameters<typeof proceedingView>[0]): ProceedingView {
    return proceedingView(proceeding, this.today());
  }
}
