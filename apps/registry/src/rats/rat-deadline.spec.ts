import { isBeforeLegalEntity, isLate, ratDeadline } from './rat-deadline';

describe('RAT deadline', () => {
  it('is six months after the fiscal year by default (UU 25/1992 Pasal 26)', () => {
    expect(ratDeadline(2023, 6)).toBe('2024-06-30');
    expect(isLate('2024-06-30', 2023, 6)).toBe(false);
    expect(isLate('2024-07-01', 2023, 6)).toBe(true);
  });

  it('follows an earlier local deadline', () => {
    expect(ratDeadline(2023, 3)).toBe('2024-03-31');
    expect(isLate('2024-04-01', 2023, 3)).toBe(true);
  });
});

describe('RAT deadline at month ends and in leap years (the last day is in time)', () => {
  it.each([
    [2023, 2, '2024-02-29'],
    [2024, 2, '2025-02-28'],
    [2099, 2, '2100-02-28'],
    [2023, 4, '2024-04-30'],
    [2023, 9, '2024-09-30'],
    [2023, 11, '2024-11-30'],
    [2023, 12, '2024-12-31'],
  ])('fiscal year %i + %i months is due on %s', (fiscalYear, months, due) => {
    expect(ratDeadline(fiscalYear, months)).toBe(due);
    expect(isLate(due, fiscalYear, months)).toBe(false);
  });

  it('is late from the day after a leap-day deadline', () => {
    expect(isLate('2024-03-01', 2023, 2)).toBe(true);
  });
});

describe('RAT fiscal year against the legal-entity date', () => {
  it('refuses a fiscal year that ended before the cooperative existed, accepts the founding year', () => {
    expect(isBeforeLegalEntity(2004, '2005-03-14')).toBe(true);
    expect(isBeforeLegalEntity(2005, '2005-12-31')).toBe(false);
    expect(isBeforeLegalEntity(2023, '2005-03-14')).toBe(false);
  });
});
