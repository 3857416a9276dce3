/** The steps of a government dissolution proceeding (domain.md section 5). */
export const PROCEEDING_STEPS = [
  'DRAFT',
  'PROPOSED',
  'APPROVED',
  'NOTICE_DELIVERED',
  'OBJECTION_UNDER_REVIEW',
  'READY_FOR_DECREE',
  'DECREED',
  'LIQUIDATION_FINISHED',
  'GAZETTED',
  'OBJECTION_UPHELD',
  'WITHDRAWN',
  'REJECTED',
] as const;
export type ProceedingStep = (typeof PROCEEDING_STEPS)[number];

/** Steps that end a proceeding; a cooperative may then get a new one. */
export const CLOSED_STEPS: readonly ProceedingStep[] = ['GAZETTED', 'OBJECTION_UPHELD', 'WITHDRAWN', 'REJECTED'];

export const PROCEEDING_ACTIONS = [
  'EDIT_PROPOSAL',
  'PROPOSE',
  'APPROVE',
  'REJECT',
  'WITHDRAW',
  'RECORD_NOTICE',
  'RECORD_OBJECTION',
  'CLOSE_OBJECTION_WINDOW',
  'UPHOLD_OBJECTION',
  'DISMISS_OBJECTION',
  'CLEAR_REVIEW_FLAG',
  'RECORD_DECREE',
  'RECORD_CREDITOR_NOTICE',
  'CORRECT_CREDITOR_NOTICE',
  'FINISH_LIQUIDATION',
  'PUBLISH_GAZETTE',
] as const;
export type ProceedingAction = (typeof PROCEEDING_ACTIONS)[number];

const BEFORE_DECREE = [
  'DRAFT',
  'PROPOSED',
  'APPROVED',
  'NOTICE_DELIVERED',
  'OBJECTION_UNDER_REVIEW',
  'READY_FOR_DECREE',
] as const;

/**
 * The only table of allowed moves. Fact-only actions (editing the proposal, the creditor notice,
 * clearing a review flag) are listed as moves to the same step so they are guarded the same way.
 * Rejection answers a proposal; once approved, ending early is a withdrawal (the registry must be
 * told to undo IN_DISSOLUTION, which the withdrawal event does). An objection received inside the
 * window counts until the decree, even after the window's timer fired or an earlier objection was
 * dismissed: it brings the proceeding back under objection review.
 */
const TRANSITIONS: Record<ProceedingStep, Partial<Record<ProceedingAction, ProceedingStep>>> = {
  DRAFT: { EDIT_PROPOSAL: 'DRAFT', PROPOSE: 'PROPOSED', WITHDRAW: 'WITHDRAWN', CLEAR_REVIEW_FLAG: 'DRAFT' },
  PROPOSED: { APPROVE: 'APPROVED', REJECT: 'REJECTED', WITHDRAW: 'WITHDRAWN', CLEAR_REVIEW_FLAG: 'PROPOSED' },
  APPROVED: { RECORD_NOTICE: 'NOTICE_DELIVERED', WITHDRAW: 'WITHDRAWN', CLEAR_REVIEW_FLAG: 'APPROVED' },
  NOTICE_DELIVERED: {
    RECORD_OBJECTION: 'OBJECTION_UNDER_REVIEW',
    CLOSE_OBJECTION_WINDOW: 'READY_FOR_DECREE',
    WITHDRAW: 'WITHDRAWN',
    CLEAR_REVIEW_FLAG: 'NOTICE_DELIVERED',
  },
  OBJECTION_UNDER_REVIEW: {
    RECORD_OBJECTION: 'OBJECTION_UNDER_REVIEW',
    UPHOLD_OBJECTION: 'OBJECTION_UPHELD',
    DISMISS_OBJECTION: 'READY_FOR_DECREE',
    WITHDRAW: 'WITHDRAWN',
    CLEAR_REVIEW_FLAG: 'OBJECTION_UNDER_REVIEW',
  },
  READY_FOR_DECREE: {
    RECORD_OBJECTION: 'OBJECTION_UNDER_REVIEW',
    RECORD_DECREE: 'DECREED',
    WITHDRAW: 'WITHDRAWN',
    CLEAR_REVIEW_FLAG: 'READY_FOR_DECREE',
  },
  DECREED: {
    RECORD_CREDITOR_NOTICE: 'DECREED',
    CORRECT_CREDITOR_NOTICE: 'DECREED',
    FINISH_LIQUIDATION: 'LIQUIDATION_FINISHED',
  },
  LIQUIDATION_FINISHED: { PUBLISH_GAZETTE: 'GAZETTED' },
  GAZETTED: {},
  OBJECTION_UPHELD: {},
  WITHDRAWN: {},
  REJECTED: {},
};

export type StepMove = { ok: true; to: ProceedingStep } | { ok: false; allowed: ProceedingAction[] };

export function moveStep(from: ProceedingStep, action: ProceedingAction): StepMove {
  const to = TRANSITIONS[from][action];
  return to ? { ok: true, to } : { ok: false, allowed: allowedActions(from) };
}

export function allowedActions(step: ProceedingStep): ProceedingAction[] {
  return Object.keys(TRANSITIONS[step]) as ProceedingAction[];
}

export function isClosed(step: ProceedingStep): boolean {
  return CLOSED_STEPS.includes(step);
}

/** A recorded RAT matters (flags the proceeding) only while the decree is not yet issued. */
export function isBeforeDecree(step: ProceedingStep): boolean {
  return (BEFORE_DECREE as readonly ProceedingStep[]).includes(step);
}

/** Steps reached after the supervisor approved (withdrawing from them must undo IN_DISSOLUTION). */
export function wasApproved(step: ProceedingStep): boolean {
  return isBeforeDecree(step) && step !== 'DRAFT' && step !== 'PROPOSED';
}
