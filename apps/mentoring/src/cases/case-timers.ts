/** Durable timer kinds of a case; the subject of each is the case id. */
export const CASE_TIMERS = {
  reminder: 'mentoring.case-reminder',
  overdue: 'mentoring.case-overdue',
  holdEnds: 'mentoring.hold-ends',
} as const;

export const DAY_MS = 24 * 3600_000;

/** When to remind: `daysBefore` the due date, or at once when that moment has already passed. */
export function reminderAt(dueAt: Date, daysBefore: number, now: Date = new Date()): Date | null {
  if (dueAt.getTime() <= now.getTime()) return null;
  return new Date(Math.max(now.getTime(), dueAt.getTime() - daysBefore * DAY_MS));
}

/** Midnight at the start of `date` (YYYY-MM-DD) in the office's time zone. */
export function officeMidnight(date: string, utcOffsetHours: number): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - utcOffsetHours * 3600_000);
}

/** The office's calendar date (YYYY-MM-DD) at `now`. */
export function officeToday(now: Date, utcOffsetHours: number): string {
  return new Date(now.getTime() + utcOffsetHours * 3600_000).toISOString().slice(0, 10);
}
