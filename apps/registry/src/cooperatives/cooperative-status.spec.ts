import { COOPERATIVE_STATUSES, type CooperativeStatus } from '@koperasi/contracts';
import { checkExpectedTransition, checkTransition, isManualTransition } from './cooperative-status';

const allowed: [CooperativeStatus, CooperativeStatus][] = [
  ['ACTIVE', 'INACTIVE'],
  ['INACTIVE', 'ACTIVE'],
  ['INACTIVE', 'IN_DISSOLUTION'],
  ['IN_DISSOLUTION', 'INACTIVE'],
  ['IN_DISSOLUTION', 'DISSOLVED'],
  ['DISSOLVED', 'LEGAL_ENTITY_REVOKED'],
];

const isAllowed = (from: CooperativeStatus, to: CooperativeStatus) => allowed.some(([a, b]) => a === from && b === to);
const everyPair = COOPERATIVE_STATUSES.flatMap((from) =>
  COOPERATIVE_STATUSES.map((to) => [from, to] as [CooperativeStatus, CooperativeStatus]),
);

describe('cooperative status machine', () => {
  it.each(allowed)('allows %s -> %s', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ ok: true });
  });

  it.each(everyPair.filter(([from, to]) => !isAllowed(from, to)))('refuses %s -> %s', (from, to) => {
    const result = checkTransition(from, to);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ code: 'INVALID_STATUS_TRANSITION' });
  });

  it('covers all 25 pairs: 6 allowed, 19 refused', () => {
    expect(everyPair.filter(([from, to]) => checkTransition(from, to).ok)).toHaveLength(6);
  });

  it('lets a registrar make only the ACTIVE <-> INACTIVE corrections by hand', () => {
    expect(everyPair.filter(([from, to]) => isManualTransition(from, to))).toEqual([
      ['ACTIVE', 'INACTIVE'],
      ['INACTIVE', 'ACTIVE'],
    ]);
  });
});

describe('a change asked for by an event', () => {
  it('applies only from the status the event expects', () => {
    expect(checkExpectedTransition('INACTIVE', 'INACTIVE', 'IN_DISSOLUTION')).toEqual({ ok: true });
    expect(checkExpectedTransition('ACTIVE', 'INACTIVE', 'IN_DISSOLUTION')).toMatchObject({
      ok: false,
      code: 'STATUS_MISMATCH',
    });
  });

  it('refuses a withdrawal from ACTIVE although ACTIVE -> INACTIVE is an allowed transition', () => {
    expect(checkTransition('ACTIVE', 'INACTIVE').ok).toBe(true);
    expect(checkExpectedTransition('ACTIVE', 'IN_DISSOLUTION', 'INACTIVE')).toMatchObject({
      ok: false,
      code: 'STATUS_MISMATCH',
    });
  });

  it('refuses an expectation the state machine does not allow', () => {
    expect(checkExpectedTransition('ACTIVE', 'ACTIVE', 'IN_DISSOLUTION')).toMatchObject({
      ok: false,
      code: 'INVALID_STATUS_TRANSITION',
    });
  });
});
