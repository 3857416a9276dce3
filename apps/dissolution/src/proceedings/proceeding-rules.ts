import { conflict, type AuthenticatedUser, unprocessable } from '@koperasi/platform';
import type { Proceeding } from './proceeding.entity';
import { fourEyesViolation } from './proceedings.errors';

/** Four-eyes: whoever proposed may not decide. */
export function assertNotProposer(proceeding: Proceeding, user: AuthenticatedUser): void {
  if (proceeding.proposedBy === user.id) throw fourEyesViolation(proceeding.proposedBy);
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

/** A recorded RAT raised doubt; a supervisor must clear it before approval or decree. */
export function assertNoReviewFlag(proceeding: Proceeding): void {
  if (proceeding.reviewFlag) {
    throw conflict('REVIEW_FLAG_OPEN', 'A supervisor must review and clear the flag first', {
      reviewFlag: proceeding.reviewFlag,
    });
  }
}
