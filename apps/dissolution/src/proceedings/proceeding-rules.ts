import { conflict, forbidden, type AuthenticatedUser, unprocessable } from '@koperasi/platform';
import type { Proceeding } from './proceeding.entity';
import { fourEyesViolation } from './proceedings.errors';

/** Four-eyes bound to authorship: whoever opened, edited or proposed the proposal may not decide on it. */
export function assertNotAuthor(proceeding: Proceeding, user: AuthenticatedUser): void {
  if (proceeding.proposalAuthors.includes(user.id) || proceeding.proposedBy === user.id) {
    throw fourEyesViolation(proceeding.proposalAuthors);
  }
}

/** The authors after `user` wrote to the proposal (each once, in order). */
export const withAuthor = (proceeding: Proceeding, user: AuthenticatedUser): string[] =>
  proceeding.proposalAuthors.includes(user.id) ? proceeding.proposalAuthors : [...proceeding.proposalAuthors, user.id];

/** An officer acts on the proceedings they opened or proposed; a supervisor on all. */
export function assertMayAct(proceeding: Proceeding, user: AuthenticatedUser): void {
  if (user.roles.includes('supervisor')) return;
  if (proceeding.openedBy === user.id || proceeding.proposedBy === user.id) return;
  throw forbidden('NOT_YOUR_PROCEEDING', 'Officers act only on the proceedings they opened or proposed', {
    openedBy: proceeding.openedBy,
    proposedBy: proceeding.proposedBy,
  });
}

export function assertNotFuture(field: string, date: string, today: string): void {
  if (date > today)
    throw unprocessable('DATE_IN_FUTURE', `${field} (${date}) is after today (${today})`, { field, date, today });
}

export function assertOrder(
  code: string,
  earlierField: string,
  earlier: string,
  laterField: string,
  later: string,
): void {
  if (later < earlier) {
    throw unprocessable(code, `${laterField} (${later}) may not be before ${earlierField} (${earlier})`, {
      [earlierField]: earlier,
      [laterField]: later,
    });
  }
}

/** No statutory fact may be dated before the approval of the proceeding. */
export function assertNotBeforeApproval(proceeding: Proceeding, field: string, date: string): void {
  if (proceeding.approvedOn) assertOrder('BEFORE_APPROVAL', 'approvedOn', proceeding.approvedOn, field, date);
}

/** A recorded RAT raised doubt; a supervisor must clear it before approval or decree. */
export function assertNoReviewFlag(proceeding: Proceeding): void {
  if (proceeding.reviewFlag) {
    throw conflict('REVIEW_FLAG_OPEN', 'A supervisor must review and clear the flag first', {
      reviewFlag: proceeding.reviewFlag,
    });
  }
}
