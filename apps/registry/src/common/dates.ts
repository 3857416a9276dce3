import { badRequest } from '@koperasi/platform';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (no 2023-02-30). */
export function isRealIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The calendar date at the office (offset in minutes ahead of UTC). */
export function officeDate(at: Date, offsetMinutes: number): string {
  return new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  const value = new Date(`${date}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Refuses dates after the office's today; `fields` names each date so the error says which. */
export function assertNotInFuture(fields: Record<string, string | null | undefined>, today: string): void {
  const future = Object.entries(fields).filter(([, value]) => value && value > today);
  if (future.length > 0) {
    throw badRequest('DATE_IN_FUTURE', 'Dates may not be in the future', {
      fields: future.map(([field, value]) => ({ field, problems: [`${value} is after today (${today})`] })),
    });
  }
}
