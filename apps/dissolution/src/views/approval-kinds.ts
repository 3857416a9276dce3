import type { ProceedingStep } from '../proceedings/proceeding-step';

/** What waits for a supervisor, by the step a proceeding is at. */
export const APPROVAL_STEPS = {
  APPROVE_PROPOSAL: 'PROPOSED',
  DECIDE_OBJECTION: 'OBJECTION_UNDER_REVIEW',
  RECORD_DECREE: 'READY_FOR_DECREE',
} as const satisfies Record<string, ProceedingStep>;

export type ApprovalKind = keyof typeof APPROVAL_STEPS;
export const APPROVAL_KINDS = Object.keys(APPROVAL_STEPS) as ApprovalKind[];

export type ApprovalStep = (typeof APPROVAL_STEPS)[ApprovalKind];

export const APPROVAL_KIND_OF_STEP = Object.fromEntries(
  APPROVAL_KINDS.map((kind) => [APPROVAL_STEPS[kind], kind]),
) as Record<ApprovalStep, ApprovalKind>;
