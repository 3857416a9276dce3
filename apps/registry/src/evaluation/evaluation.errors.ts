import { conflict, notFound, unprocessable } from '@koperasi/platform';

export const evaluationNotFound = (id: string) => notFound('EvaluationRun', id);

export const evaluationInProgress = (fiscalYear: number, runId?: string) =>
  conflict('EVALUATION_IN_PROGRESS', `An evaluation of fiscal year ${fiscalYear} is already running`, {
    fiscalYear,
    runId,
  });

export const fiscalYearNotClosed = (fiscalYear: number, currentYear: number) =>
  unprocessable('FISCAL_YEAR_NOT_CLOSED', `Fiscal year ${fiscalYear} has not ended yet (current year ${currentYear})`, {
    fiscalYear,
    currentYear,
  });

export const fiscalYearTooOld = (fiscalYear: number, earliest: number) =>
  unprocessable(
    'FISCAL_YEAR_TOO_OLD',
    `Fiscal year ${fiscalYear} is too far back to evaluate; the earliest that may be evaluated is ${earliest}`,
    { fiscalYear, earliest },
  );

export const evaluationAlreadyCompleted = (fiscalYear: number, runId: string) =>
  conflict(
    'EVALUATION_ALREADY_COMPLETED',
    `Fiscal year ${fiscalYear} was already evaluated; its run's changes stand (run ${runId})`,
    { fiscalYear, runId },
  );
