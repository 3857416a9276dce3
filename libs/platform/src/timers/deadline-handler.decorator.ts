import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import type { Tx } from '../messaging/unit-of-work';
import type { Deadline } from './deadline.entity';

export const DEADLINE_HANDLER_KEY = 'koperasi:deadline-handler';

/** Acts when a durable timer of one kind comes due, inside the transaction that marks it fired. */
export interface DeadlineConsumer {
  fire(deadline: Deadline, tx: Tx): Promise<void>;
}

export const DeadlineHandler = (kind: string) => applyDecorators(Injectable(), SetMetadata(DEADLINE_HANDLER_KEY, kind));
