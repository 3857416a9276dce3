import { addMonths } from '../common/dates';

/** The date by which the RAT for a fiscal year must be held: the year's end plus the configured months. */
export function ratDeadline(fiscalYear: number, months: number): string {
  return addMonths(`${fiscalYear}-12-31`, months);
}

export function isLate(meetingDate: string, fiscalYear: number, months: number): boolean {
  return meetingDate > ratDeadline(fiscalYear, months);
}

/** A cooperative holds RATs for the fiscal years from the one in which it became a legal entity. */
export function isBeforeLegalEntity(fiscalYear: number, legalEntityDate: string): boolean {
  return fiscalYear < Number(legalEntityDate.slice(0, 4));
}
