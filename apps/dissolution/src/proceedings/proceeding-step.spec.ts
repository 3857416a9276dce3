import { nextDue } from './next-due';
import {
  allowedActions,
  isBeforeDecree,
  isClosed,
  moveStep,
  PROCEEDING_ACTIONS,
  PROCEEDING_STEPS,
  wasApproved,
  type ProceedingStep,
} from './proceeding-step';

describe('proceeding state machine', () => {
  it('walks the full statutory path', () => {
    const path = [
      ['DRAFT', 'PROPOSE', 'PROPOSED'],
      ['PROPOSED', 'APPROVE', 'APPROVED'],
      ['APPROVED', 'RECORD_NOTICE', 'NOTICE_DELIVERED'],
      ['NOTICE_DELIVERED', 'CLOSE_OBJECTION_WINDOW', 'READY_FOR_DECREE'],
      ['READY_FOR_DECREE', 'RECORD_DECREE', 'DECREED'],
      ['DECREED', 'RECORD_CREDITOR_NOTICE', 'DECREED'],
      ['DECREED', 'FINISH_LIQUIDATION', 'LIQUIDATION_FINISHED'],
      ['LIQUIDATION_FINISHED', 'PUBLISH_GAZETTE', 'GAZETTED'],
    ] as const;
    for (const [from, action, to] of path) expect(moveStep(from, action)).toEqual({ ok: true, to });
  });

  it('routes an objection to review, then upheld (closed) or dismissed (ready for decree)', () => {
    expect(moveStep('NOTICE_DELIVERED', 'RECORD_OBJECTION')).toEqual({ ok: true, to: 'OBJECTION_UNDER_REVIEW' });
    expect(moveStep('OBJECTION_UNDER_REVIEW', 'UPHOLD_OBJECTION')).toEqual({ ok: true, to: 'OBJECTION_UPHELD' });
    expect(moveStep('OBJECTION_UNDER_REVIEW', 'DISMISS_OBJECTION')).toEqual({ ok: true, to: 'READY_FOR_DECREE' });
  });

  it('takes an objection received in the window until the decree, never after it', () => {
    expect(moveStep('READY_FOR_DECREE', 'RECORD_OBJECTION')).toEqual({ ok: true, to: 'OBJECTION_UNDER_REVIEW' });
    expect(moveStep('OBJECTION_UNDER_REVIEW', 'RECORD_OBJECTION')).toEqual({ ok: true, to: 'OBJECTION_UNDER_REVIEW' });
    expect(PROCEEDING_STEPS.filter((step) => moveStep(step, 'RECORD_OBJECTION').ok)).toEqual([
      'NOTICE_DELIVERED',
      'OBJECTION_UNDER_REVIEW',
      'READY_FOR_DECREE',
    ]);
  });

  it('corrects the creditor notice only during liquidation', () => {
    expect(PROCEEDING_STEPS.filter((step) => moveStep(step, 'CORRECT_CREDITOR_NOTICE').ok)).toEqual(['DECREED']);
  });

  it('allows withdrawal at every step before the decree and never after', () => {
    for (const step of PROCEEDING_STEPS) {
      const move = moveStep(step, 'WITHDRAW');
      expect(move.ok).toBe(isBeforeDecree(step));
    }
  });

  it('rejects only a proposal', () => {
    const rejectable = PROCEEDING_STEPS.filter((step) => moveStep(step, 'REJECT').ok);
    expect(rejectable).toEqual(['PROPOSED']);
  });

  it('refuses skipping steps and names what is allowed', () => {
    expect(moveStep('DRAFT', 'APPROVE')).toEqual({ ok: false, allowed: allowedActions('DRAFT') });
    expect(moveStep('APPROVED', 'RECORD_DECREE').ok).toBe(false);
    expect(moveStep('NOTICE_DELIVERED', 'RECORD_DECREE').ok).toBe(false);
    expect(moveStep('DECREED', 'PUBLISH_GAZETTE').ok).toBe(false);
    expect(moveStep('APPROVED', 'APPROVE').ok).toBe(false);
  });

  it('closed steps allow nothing', () => {
    for (const step of PROCEEDING_STEPS.filter(isClosed)) {
      for (const action of PROCEEDING_ACTIONS) expect(moveStep(step, action).ok).toBe(false);
    }
    expect(PROCEEDING_STEPS.filter(isClosed)).toEqual(['GAZETTED', 'OBJECTION_UPHELD', 'WITHDRAWN', 'REJECTED']);
  });

  it('knows which withdrawals must undo the approval', () => {
    const approved: ProceedingStep[] = ['APPROVED', 'NOTICE_DELIVERED', 'OBJECTION_UNDER_REVIEW', 'READY_FOR_DECREE'];
    expect(PROCEEDING_STEPS.filter(wasApproved)).toEqual(approved);
  });
});

describe('what is due next', () => {
  const facts = { noticeReceivedOn: '2025-10-31', objectionReceivedOn: null, creditorNoticeOn: null };

  it('is the window end, then the decree 4 months after the notice', () => {
    expect(nextDue({ ...facts, step: 'NOTICE_DELIVERED' })).toEqual({
      action: 'OBJECTION_WINDOW_CLOSES',
      dueOn: '2025-12-31',
      binding: false,
    });
    expect(nextDue({ ...facts, step: 'READY_FOR_DECREE' })).toEqual({
      action: 'RECORD_DECREE',
      dueOn: '2026-02-28',
      binding: true,
    });
  });

  it('is the decision 1 month after the objection', () => {
    expect(nextDue({ ...facts, objectionReceivedOn: '2025-12-31', step: 'OBJECTION_UNDER_REVIEW' })).toEqual({
      action: 'DECIDE_OBJECTION',
      dueOn: '2026-01-31',
      binding: true,
    });
  });

  it('is the creditors claim period after the creditor notice, and nothing once closed', () => {
    expect(nextDue({ ...facts, step: 'DECREED' })).toEqual({ action: 'NOTIFY_CREDITORS', dueOn: null, binding: false });
    expect(nextDue({ ...facts, creditorNoticeOn: '2026-03-31', step: 'DECREED' })?.dueOn).toBe('2026-06-30');
    expect(nextDue({ ...facts, step: 'GAZETTED' })).toBeNull();
  });
});
