/** The case state machine: states, the actions that move a case, and one pure function. */
export const CASE_STATUSES = ['UNASSIGNED', 'ASSIGNED', 'ON_HOLD', 'CLOSED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const OPEN_STATUSES: readonly CaseStatus[] = ['UNASSIGNED', 'ASSIGNED', 'ON_HOLD'];

export type CaseAction = 'claim' | 'assign' | 'hold' | 'release' | 'close' | 'reopen';

export interface CaseState {
  status: CaseStatus;
  assigneeId: string | null;
}

/** Which statuses each action may start from. */
export const ALLOWED_FROM: Record<CaseAction, readonly CaseStatus[]> = {
  claim: ['UNASSIGNED'],
  assign: ['UNASSIGNED', 'ASSIGNED', 'ON_HOLD'],
  hold: ['UNASSIGNED', 'ASSIGNED'],
  release: ['ON_HOLD'],
  close: ['UNASSIGNED', 'ASSIGNED', 'ON_HOLD'],
  reopen: ['CLOSED'],
};

export type Transition = { ok: true; status: CaseStatus } | { ok: false; from: CaseStatus; action: CaseAction };

/**
 * The status a case takes after `action`. A held case keeps its hold when reassigned; a release
 * sends it back to its assignee, or to the unassigned queue when it has none.
 */
export function transition(
  state: CaseState,
  action: CaseAction,
  assigneeAfter: string | null = state.assigneeId,
): Transition {
  if (!ALLOWED_FROM[action].includes(state.status)) return { ok: false, from: state.status, action };
  switch (action) {
    case 'claim':
      return { ok: true, status: 'ASSIGNED' };
    case 'assign':
      return { ok: true, status: state.status === 'ON_HOLD' ? 'ON_HOLD' : 'ASSIGNED' };
    case 'hold':
      return { ok: true, status: 'ON_HOLD' };
    case 'release':
      return { ok: true, status: assigneeAfter ? 'ASSIGNED' : 'UNASSIGNED' };
    case 'close':
      return { ok: true, status: 'CLOSED' };
    case 'reopen':
      return { ok: true, status: assigneeAfter ? 'ASSIGNED' : 'UNASSIGNED' };
  }
}

export const isOpen = (status: CaseStatus): boolean => status !== 'CLOSED';
