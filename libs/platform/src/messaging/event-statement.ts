import type { ArmedDeadline } from '../timers/timer-scheduler.service';

/**
 * An event's whole effect as one SQL statement, which the inbox runs on its own, with no
 * transaction around it (one round trip instead of BEGIN, the inbox's row, the handler's
 * statements and COMMIT). The inbox puts the event's processed_events row in front as the WITH
 * item `fresh`; every write of the statement must be conditioned on `EVENT_IS_NEW`, so that a
 * duplicate writes nothing.
 */
export interface EventStatement<R = unknown> {
  /** WITH items, comma-separated, after `fresh`; parameters from EVENT_STATEMENT_FIRST_PARAM on. */
  with: string;
  /** The statement's final query; its rows, as JSON objects, go to `settle`. */
  select: string;
  params: unknown[];
  /** After the commit, with the final query's rows (none for a duplicate): the deadlines to arm. */
  settle(rows: R[]): ArmedDeadline[];
}

/** True in an event's statement only when its processed_events row is new. */
export const EVENT_IS_NEW = 'EXISTS (SELECT 1 FROM fresh)';

/** The inbox's own parameters come first: consumer, event id and type. */
export const EVENT_STATEMENT_FIRST_PARAM = 4;
