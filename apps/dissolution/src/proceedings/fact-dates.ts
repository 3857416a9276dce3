import type { Proceeding } from './proceeding.entity';
import { assertNotBeforeApproval, assertNotFuture, assertOrder } from './proceeding-rules';

/** The fact a statutory date follows: it may not be dated before it (the code names the rule). */
export interface Precedent {
  code: string;
  field: string;
  date: string | null | undefined;
}

/**
 * Every statutory fact: not in the future (office calendar), not before the approval of the
 * proceeding, not before the facts it follows.
 */
export function assertFactDate(
  proceeding: Proceeding,
  today: string,
  field: string,
  date: string,
  precedents: Precedent[] = [],
): void {
  assertNotFuture(field, date, today);
  assertNotBeforeApproval(proceeding, field, date);
  for (const precedent of precedents) {
    if (precedent.date) assertOrder(precedent.code, precedent.field, precedent.date, field, date);
  }
}
