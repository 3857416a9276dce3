import { COOPERATIVE_STATUSES, type CooperativeStatus } from '@koperasi/contracts';
import { checkTransition, isManualTransition } from './cooperative-status';

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
