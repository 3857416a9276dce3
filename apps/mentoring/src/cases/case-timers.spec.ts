import { DAY_MS, officeMidnight, officeToday, reminderAt } from './case-timers';

describe('case timers', () => {
  const now = new Date('2026-03-01T00:00:00Z');

  it('reminds the configured days before the due date, at once when that is past, never after it', () => {
    expect(reminderAt(new Date(now.getTime() + 30 * DAY_MS), 7, now)).toEqual(new Date(now.getTime() + 23 * DAY_MS));
    expect(reminderAt(new Date(now.getTime() + 3 * DAY_MS), 7, now)).toEqual(now);
    expect(reminderAt(new Date(now.getTime() - DAY_MS), 7, now)).toBeNull();
  });

  it('ends a hold at midnight of the date in the office time zone', () => {
    expect(officeMidnight('2026-03-10', 7).toISOString()).toBe('2026-03-09T17:00:00.000Z');
  });

  it("answers the office's date: WIB is already tomorrow from 17:00 UTC", () => {
    expect(officeToday(new Date('2026-11-30T16:59:59Z'), 7)).toBe('2026-11-30');
    expect(officeToday(new Date('2026-11-30T17:00:00Z'), 7)).toBe('2026-12-01');
    expect(officeToday(new Date('2028-02-28T17:00:00Z'), 7)).toBe('2028-02-29');
  });
});
