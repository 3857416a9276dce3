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

/** A decree is valid only on or before its deadline. */
export function isDecreeInTime(noticeReceivedOn: string, decreeDate: string): boolean {
  return decreeDate <= decreeDueOn(noticeReceivedOn);
}

/** The office's calendar date at `now`, for an office `offsetMinutes` ahead of UTC (WIB = +420). */
export function officeToday(now: Date, offsetMinutes: number): string {
  return new Date(now.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** The instant a date ends in the office's time zone (the next day's office midnight). */
export function endOfOfficeDay(date: string, offsetMinutes: number): Date {
  const [year, month, day] = parse(addDays(date, 1));
  return new Date(Date.UTC(year, month - 1, day) - offsetMinutes * 60_000);
}

function parse(date: string): [number, number, number] {
  if (!isValidIsoDate(date)) throw new Error(`Not a calendar date: ${date}`);
  const [year, month, day] = date.split('-').map(Number);
  return [year, month, day];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
