/**
 * Statutory deadlines (UU 25/1992 Pasal 47 and 49-50; confidence H, so constants, not settings).
 * Calendar dates are ISO strings (YYYY-MM-DD); month arithmetic clamps to the month's last day.
 */
export const OBJECTION_WINDOW_MONTHS = 2;
export const OBJECTION_DECISION_MONTHS = 1;
export const DECREE_MONTHS = 4;
export const CREDITOR_CLAIM_MONTHS = 3;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 31 January + 1 month = 28 (or 29) February; 30 November + 3 months = 28/29 February. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parse(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

export function addDays(date: string, days: number): string {
  const [year, month, day] = parse(date);
  const moved = new Date(Date.UTC(year, month - 1, day + days));
  return moved.toISOString().slice(0, 10);
}

export const objectionDueOn = (noticeReceivedOn: string) => addMonths(noticeReceivedOn, OBJECTION_WINDOW_MONTHS);
export const objectionDecisionDueOn = (objectionReceivedOn: string) =>
  addMonths(objectionReceivedOn, OBJECTION_DECISION_MONTHS);
export const decreeDueOn = (noticeReceivedOn: string) => addMonths(noticeReceivedOn, DECREE_MONTHS);
export const creditorClaimsDueOn = (creditorNoticeOn: string) => addMonths(creditorNoticeOn, CREDITOR_CLAIM_MONTHS);

/**
 * Every due date is the last day on which the act is still on time: an act dated on its due date
 * is in time, one dated the day after is late.
 */
export const isInTime = (date: string, dueOn: string): boolean => date <= dueOn;

/** A decree is valid only on or before its deadline. */
export function isDecreeInTime(noticeReceivedOn: string, decreeDate: string): boolean {
  return isInTime(decreeDate, decreeDueOn(noticeReceivedOn));
}

/** The first day after a period whose last day is `lastDay` (the settlement report, the decree after the window). */
export const firstDayAfter = (lastDay: string): string => addDays(lastDay, 1);

/** The office's calendar date at `now` in its IANA time zone (Asia/Jakarta = WIB). */
export function officeToday(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(now)
    .reduce<Record<string, string>>((all, part) => ({ ...all, [part.type]: part.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The instant a date ends in the office's time zone (the next day's office midnight). */
export function endOfOfficeDay(date: string, timeZone: string): Date {
  const [year, month, day] = parse(addDays(date, 1));
  const midnightUtc = Date.UTC(year, month - 1, day);
  // The zone's offset at that moment, read back from the wall clock it shows (no DST in Indonesia, but be exact).
  const offsetAt = (instant: number) => {
    const [wallDate, wallTime] = [officeToday(new Date(instant), timeZone), wallClock(new Date(instant), timeZone)];
    const [y, m, d] = parse(wallDate);
    return Date.UTC(y, m - 1, d) + wallTime - instant;
  };
  const guess = midnightUtc - offsetAt(midnightUtc);
  return new Date(midnightUtc - offsetAt(guess));
}

/** Whether a time zone name is known to this runtime. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function wallClock(now: Date, timeZone: string): number {
  const [hours, minutes, seconds] = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
    .format(now)
    .split(':')
    .map(Number);
  return ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

function parse(date: string): [number, number, number] {
  if (!isValidIsoDate(date)) throw new Error(`Not a calendar date: ${date}`);
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
