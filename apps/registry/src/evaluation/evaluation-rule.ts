import type { CooperativeStatus } from '@koperasi/contracts';

export interface EvaluationWindow {
  from: number;
  to: number;
}

/** The fiscal years in which a RAT keeps a cooperative active when fiscal year `year` is evaluated. */
export function evaluationWindow(year: number, inactiveAfterYears: number): EvaluationWindow {
  return { from: year - inactiveAfterYears + 1, to: year };
}

export type EvaluationOutcome = 'BECOMES_INACTIVE' | 'STAYS_ACTIVE' | 'NOT_ACTIVE';

/**
 * Domain §3: an ACTIVE cooperative with no RAT in the window becomes INACTIVE. A RAT for a later
 * fiscal year keeps it ACTIVE too: it is alive now, whatever year is evaluated. The batch applies
 * the same rule in SQL (evaluation.sql.ts); this function is its specification.
 */
export function evaluate(
  status: CooperativeStatus,
  ratYears: readonly number[],
  window: EvaluationWindow,
): EvaluationOutcome {
  if (status !== 'ACTIVE') return 'NOT_ACTIVE';
  return ratYears.some((year) => year >= window.from) ? 'STAYS_ACTIVE' : 'BECOMES_INACTIVE';
}

export function evaluationReason(year: number, window: EvaluationWindow): string {
  const years = window.from === window.to ? `fiscal year ${window.to}` : `fiscal years ${window.from}-${window.to}`;
  return `Annual evaluation ${year}: no RAT for ${years}`;
}

export interface EvaluableYears {
  earliest: number;
  latest: number;
}

/**
 * The fiscal years that may be evaluated in office year `currentYear`: closed ones only, and no
 * more than `maxYearsBack` back (an old year would judge today's cooperatives by a long-gone window).
 */
export function evaluableYears(currentYear: number, maxYearsBack: number): EvaluableYears {
  return { earliest: currentYear - maxYearsBack, latest: currentYear - 1 };
}
