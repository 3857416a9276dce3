import { ALLOWED_FROM, CASE_STATUSES, transition, type CaseAction } from './case-status';

describe('case state machine', () => {
  const unassigned = { status: 'UNASSIGNED' as const, assigneeId: null };
  const assigned = { status: 'ASSIGNED' as const, assigneeId: 'officer-1' };
  const heldAssigned = { status: 'ON_HOLD' as const, assigneeId: 'officer-1' };
  const heldUnassigned = { status: 'ON_HOLD' as const, assigneeId: null };
  const closed = { status: 'CLOSED' as const, assigneeId: 'officer-1' };

  it('lets an unassigned case be claimed, and nothing else', () => {
    expect(transition(unassigned, 'claim')).toEqual({ ok: true, status: 'ASSIGNED' });
    for (const state of [assigned, heldAssigned, closed]) expect(transition(state, 'claim').ok).toBe(false);
  });

  it('assigns open cases and keeps a hold when reassigning a held case', () => {
    expect(transition(unassigned, 'assign')).toEqual({ ok: true, status: 'ASSIGNED' });
    expect(transition(assigned, 'assign')).toEqual({ ok: true, status: 'ASSIGNED' });
    expect(transition(heldAssigned, 'assign')).toEqual({ ok: true, status: 'ON_HOLD' });
    expect(transition(closed, 'assign')).toEqual({ ok: false, from: 'CLOSED', action: 'assign' });
  });

  it('holds only a case that is not already held or closed', () => {
    expect(transition(assigned, 'hold')).toEqual({ ok: true, status: 'ON_HOLD' });
    expect(transition(unassigned, 'hold')).toEqual({ ok: true, status: 'ON_HOLD' });
    expect(transition(heldAssigned, 'hold').ok).toBe(false);
    expect(transition(closed, 'hold').ok).toBe(false);
  });

  it('releases a held case to its assignee, or to the unassigned queue', () => {
    expect(transition(heldAssigned, 'release')).toEqual({ ok: true, status: 'ASSIGNED' });
    expect(transition(heldUnassigned, 'release')).toEqual({ ok: true, status: 'UNASSIGNED' });
    expect(transition(assigned, 'release').ok).toBe(false);
  });

  it('closes any open case once, and reopens only a closed one', () => {
    for (const state of [unassigned, assigned, heldAssigned])
      expect(transition(state, 'close')).toEqual({ ok: true, status: 'CLOSED' });
    expect(transition(closed, 'close').ok).toBe(false);
    expect(transition(closed, 'reopen')).toEqual({ ok: true, status: 'ASSIGNED' });
    expect(transition(closed, 'reopen', null)).toEqual({ ok: true, status: 'UNASSIGNED' });
    expect(transition(assigned, 'reopen').ok).toBe(false);
  });

  it('answers every action from every status consistently with its table', () => {
    for (const action of Object.keys(ALLOWED_FROM) as CaseAction[]) {
      for (const status of CASE_STATUSES) {
        expect(transition({ status, assigneeId: 'x' }, action).ok).toBe(ALLOWED_FROM[action].includes(status));
      }
    }
  });
});
