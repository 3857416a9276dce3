import { Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';

/** One warning per queue and interval while Redis is unreachable, instead of BullMQ's console.error per retry. */
const REPEAT_AFTER_MS = 30_000;

/** Listens to the registered queues' connection errors and logs them as structured, throttled warnings. */
export class QueueErrorLog {
  private readonly logger = new Logger('RedisConnection');
  private readonly lastLogged = new Map<string, number>();

  constructor(queues: Queue[]) {
    for (const queue of queues) queue.on('error', (error) => this.report(queue.name, error));
  }

  private report(queue: string, error: Error): void {
    const now = Date.now();
    if (now - (this.lastLogged.get(queue) ?? 0) < REPEAT_AFTER_MS) return;
    this.lastLogged.set(queue, now);
    this.logger.warn({ err: error, queue }, 'Redis connection error; retrying (events wait in the outbox)');
  }
}
