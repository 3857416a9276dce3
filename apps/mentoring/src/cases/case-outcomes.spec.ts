import { REACTIVATION_FAILURE_OUTCOMES } from '@koperasi/contracts';
import { isOfficerOutcome, isReactivationFailure, OFFICER_OUTCOMES, SYSTEM_OUTCOMES } from './case-outcomes';
import { CASE_TYPES } from './case-types';

describe('case outcomes per type', () => {
  it('lets an officer close a reactivation only as failed, with the contract codes', () => {
    expect([...OFFICER_OUTCOMES.REACTIVATION].sort()).toEqual([...REACTIVATION_FAILURE_OUTCOMES].sort());
    expect(isOfficerOutcome('REACTIVATION', 'REACTIVATED')).toBe(false);
    expect(isOfficerOutcome('REACTIVATION', 'NO_BOARD')).toBe(true);
  });

  it('rejects an outcome of another type', () => {
    expect(isOfficerOutcome('INSTITUTIONAL', 'RAT_HELD')).toBe(false);
    expect(isOfficerOutcome('RAT_PREPARATION', 'RAT_HELD')).toBe(true);
    expect(isOfficerOutcome('SUPERVISION_FOLLOW_UP', 'NO_BOARD')).toBe(false);
  });

  it('keeps DISSOLVED for the system on every type, and REACTIVATED for reactivation only', () => {
    for (const type of CASE_TYPES) {
      expect(SYSTEM_OUTCOMES[type]).toContain('DISSOLVED');
      expect(isOfficerOutcome(type, 'DISSOLVED')).toBe(false);
      expect(SYSTEM_OUTCOMES[type].includes('REACTIVATED')).toBe(type === 'REACTIVATION');
    }
  });

  it('recognises a reactivation failure only on a reactivation case', () => {
    for (const outcome of REACTIVATION_FAILURE_OUTCOMES) {
      expect(isReactivationFailure('REACTIVATION', outcome)).toBe(true);
      expect(isReactivationFailure('INSTITUTIONAL', outcome)).toBe(false);
    }
    expect(isReactivationFailure('REACTIVATION', 'REACTIVATED')).toBe(false);
  });
});
