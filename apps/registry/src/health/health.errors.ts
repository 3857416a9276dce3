import { conflict, notFound, unprocessable } from '@koperasi/platform';

export const ratRequired = (cooperativeId: string, fiscalYear: number) =>
  unprocessable('RAT_REQUIRED', `Only a cooperative that held its RAT for fiscal year ${fiscalYear} can be assessed`, {
    cooperativeId,
    fiscalYear,
  });

export const alreadyAssessed = (cooperativeId: string, fiscalYear: number, scheme: string) =>
  conflict('ALREADY_ASSESSED', `Fiscal year ${fiscalYear} is already assessed under scheme ${scheme}`, {
    cooperativeId,
    fiscalYear,
    scheme,
  });

export const schemeNotApplicable = (type: string) =>
  unprocessable('SCHEME_NOT_APPLICABLE', `Scheme A is for savings-and-loan cooperatives, not ${type}`, { type });

export const rubricInputInvalid = (message: string, details: Record<string, unknown>) =>
  unprocessable('RUBRIC_INPUT_INVALID', message, details);

export const categoryInconsistentWithRatings = (finalCategory: string, allowed: string[], rubricVersion: string) =>
  unprocessable(
    'CATEGORY_INCONSISTENT_WITH_RATINGS',
    `A final category of ${finalCategory} does not fit the aspect ratings under rubric ${rubricVersion}`,
    { finalCategory, allowed, rubricVersion },
  );

export const assessmentNotFound = (id: string) => notFound('HealthAssessment', id);
