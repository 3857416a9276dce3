import {
  addDays,
  addMonths,
  creditorClaimsDueOn,
  decreeDueOn,
  endOfOfficeDay,
  firstDayAfter,
  isDecreeInTime,
  isInTime,
  isTimeZone,
  isValidIsoDate,
  objectionDecisionDueOn,
  objectionDueOn,
  officeToday,
} from './deadlines';

describe('month arithmetic', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2028-02-29', 48, '2032-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-05-15', 2, '2025-07-15'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2023-11-30', 3, '2024-02-29'],
    ['2025-12-31', 2, '2026-02-28'],
    ['2025-10-31', 4, '2026-02-28'],
    ['2025-08-31', 1, '2025-09-30'],
    ['2025-02-28', 1, '2025-03-28'],
  ])('%s + %i months = %s', (from, months, expected) => {
    expect(addMonths(from, months)).toBe(expected);
  });

  it('adds days across a leap day', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('rejects dates that do not exist', () => {
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2025-13-01')).toBe(false);
    expect(isValidIsoDate('2025-1-01')).toBe(false);
    expect(() => addMonths('2025-02-30', 1)).toThrow('Not a calendar date');
  });
});

describe('statutory deadlines', () => {
  it('objection is due 2 months after the notice was received', () => {
    expect(objectionDueOn('2025-12-31')).toBe('2026-02-28');
    expect(objectionDueOn('2023-12-30')).toBe('2024-02-29');
  });

  it('the decision on an objection is due 1 month after the objection was received', () => {
    expect(objectionDecisionDueOn('2024-01-30')).toBe('2024-02-29');
    expect(objectionDecisionDueOn('2025-06-10')).toBe('2025-07-10');
  });

  it('the decree is due 4 months after the notice was received', () => {
    expect(decreeDueOn('2025-10-31')).toBe('2026-02-28');
    expect(decreeDueOn('2023-10-31')).toBe('2024-02-29');
  });

  it('creditors have 3 months from the creditor notice', () => {
    expect(creditorClaimsDueOn('2025-11-30')).toBe('2026-02-28');
  });

  it('a decree on its last day is in time; one day later is not', () => {
    expect(isDecreeInTime('2025-10-31', '2026-02-28')).toBe(true);
    expect(isDecreeInTime('2025-10-31', '2026-03-01')).toBe(false);
    expect(isDecreeInTime('2023-10-31', '2024-02-29')).toBe(true);
    expect(isDecreeInTime('2023-10-31', '2024-03-01')).toBe(false);
  });
});

describe('every statutory period at month ends and in leap years (due dates are inclusive)', () => {
  const periods = [
    [
      'objection window (2 months)',
      objectionDueOn,
      [
        ['2024-12-31', '2025-02-28'],
        ['2023-12-31', '2024-02-29'],
        ['2024-01-31', '2024-03-31'],
        ['2024-02-29', '2024-04-29'],
        ['2025-06-30', '2025-08-30'],
        ['2099-12-31', '2100-02-28'],
      ],
    ],
    [
      'objection decision (1 month)',
      objectionDecisionDueOn,
      [
        ['2025-01-31', '2025-02-28'],
        ['2024-01-31', '2024-02-29'],
        ['2024-02-29', '2024-03-29'],
        ['2025-12-31', '2026-01-31'],
        ['2100-01-31', '2100-02-28'],
      ],
    ],
    [
      'decree (4 months)',
      decreeDueOn,
      [
        ['2025-10-31', '2026-02-28'],
        ['2023-10-31', '2024-02-29'],
        ['2024-02-29', '2024-06-29'],
        ['2025-08-31', '2025-12-31'],
        ['2025-09-30', '2026-01-30'],
      ],
    ],
    [
      'creditor claims (3 months)',
      creditorClaimsDueOn,
      [
        ['2025-11-30', '2026-02-28'],
        ['2023-11-30', '2024-02-29'],
        ['2023-11-29', '2024-02-29'],
        ['2024-02-29', '2024-05-29'],
        ['2025-12-31', '2026-03-31'],
      ],
    ],
  ] as const;

  describe.each(periods)('%s', (_name, dueOn, cases) => {
    it.each(cases.map(([from, due]) => [from, due]))('from %s the last day in time is %s', (from, due) => {
      expect(dueOn(from)).toBe(due);
      expect(isInTime(due, dueOn(from))).toBe(true);
      expect(isInTime(firstDayAfter(due), dueOn(from))).toBe(false);
    });
  });

  it('the day after a period ends is the first day after it, across month and year ends', () => {
    expect(firstDayAfter('2024-02-28')).toBe('2024-02-29');
    expect(firstDayAfter('2024-02-29')).toBe('2024-03-01');
    expect(firstDayAfter('2025-02-28')).toBe('2025-03-01');
    expect(firstDayAfter('2025-12-31')).toBe('2026-01-01');
  });
});

describe('office calendar', () => {
  it('uses the office time zone for today', () => {
    expect(officeToday(new Date('2025-06-30T17:30:00Z'), 'Asia/Jakarta')).toBe('2025-07-01');
    expect(officeToday(new Date('2025-06-30T16:59:00Z'), 'Asia/Jakarta')).toBe('2025-06-30');
    expect(officeToday(new Date('2025-06-30T15:59:00Z'), 'Asia/Jayapura')).toBe('2025-07-01');
  });

  it('a date ends at the next office midnight', () => {
    expect(endOfOfficeDay('2025-06-30', 'Asia/Jakarta').toISOString()).toBe('2025-06-30T17:00:00.000Z');
    expect(endOfOfficeDay('2024-02-29', 'UTC').toISOString()).toBe('2024-03-01T00:00:00.000Z');
    expect(endOfOfficeDay('2025-12-31', 'Asia/Makassar').toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(endOfOfficeDay('2025-03-29', 'Europe/Berlin').toISOString()).toBe('2025-03-29T23:00:00.000Z');
    expect(endOfOfficeDay('2025-03-30', 'Europe/Berlin').toISOString()).toBe('2025-03-30T22:00:00.000Z');
  });

  it('knows time zone names', () => {
    expect(isTimeZone('Asia/Jakarta')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
