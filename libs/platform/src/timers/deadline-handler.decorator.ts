import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import type { Tx } from '../messaging/unit-of-work';
import type { Deadline } from './deadline.entity';

export const DEADLINE_HANDLER_KEY = 'koperasi:deadline-handler';
export const DEADLINE_TIER_KEY = 'koperasi:deadline-tier';

/**
 * `statutory` (the default): a deadline the law sets; it has a job of its own in the service's
 * timer queue, which serves nothing else. `sla`: office service levels and reminders, fired in
 * waves (many per transaction) in the service's SLA timer queue.
 */
export type DeadlineTier = 'statutory' | 'sla';

/** Acts when a durable timer of one kind comes due, inside the transaction that marks it fired. */
export interface DeadlineConsumer {
  fire(deadline: Deadline, tx: Tx): Promise<void>;
  /** Set-based firing of many SLA deadlines of the kind in one wave batch; without it, `fire` each. */
  fireAll?(deadlines: Deadline[], tx: Tx): Promise<void>;
}

export const DeadlineHandler = (kind: string, options: { tier?: DeadlineTier } = {}) =>
  applyDecorators(
    Injectable(),
    SetMetadata(DEADLINE_HANDLER_KEY, kind),
    SetMetadata(DEADLINE_TIER_KEY, options.tier ?? 'statutory'),
  );
