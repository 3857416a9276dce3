import type { CooperativeStatus } from '@koperasi/contracts';
import { conflict, notFound, unprocessable } from '@koperasi/platform';

export const ratAlreadyRecorded = (cooperativeId: string, fiscalYear: number) =>
  conflict('RAT_ALREADY_RECORDED', `A RAT for fiscal year ${fiscalYear} is already recorded`, {
    cooperativeId,
    fiscalYear,
  });

export const cooperativeNotOperating = (cooperativeId: string, status: CooperativeStatus) =>
  conflict('COOPERATIVE_NOT_OPERATING', `A ${status} cooperative holds no RAT`, {
    cooperativeId,
    currentStatus: status,
  });

export const meetingBeforeFiscalYearEnd = (fiscalYear: number) =>
  unprocessable(
    'MEETING_BEFORE_FISCAL_YEAR_END',
    `The RAT for fiscal year ${fiscalYear} can only be held after the year ends`,
    { fiscalYear },
  );

export const reportedBeforeMeeting = () =>
  unprocessable('REPORTED_BEFORE_MEETING', 'The report date is before the meeting date');

export const membersPresentExceedTotal = () =>
  unprocessable('MEMBERS_PRESENT_EXCEED_TOTAL', 'More members present than members in total');

export const fiscalYearBeforeLegalEntity = (fiscalYear: number, legalEntityDate: string) =>
  unprocessable(
    'FISCAL_YEAR_BEFORE_LEGAL_ENTITY',
    `Fiscal year ${fiscalYear} ended before the cooperative became a legal entity on ${legalEntityDate}`,
    { fiscalYear, legalEntityDate },
  );

export const ratNotFound = (cooperativeId: string, fiscalYear: number) =>
  notFound('Rat', `${cooperativeId}/${fiscalYear}`);
