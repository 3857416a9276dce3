import { WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import type { Queue, Worker } from 'bullmq';

/** One warning per queue or worker and interval while Redis is unreachable, instead of BullMQ's console.error per retry. */
const REPEAT_AFTER_MS = 30_000;

/**
 * Listens to the connection errors of the registered queues and of the workers, and logs them as
 * structured, throttled warnings.
 */
export class QueueErrorLog implements OnApplicationBootstrap {
  private readonly logger = new Logger('RedisConnection');
  private readonly lastLogged = new Map<string, number>();

  constructor(
    private readonly discovery: DiscoveryService,
    queues: Queue[],
  ) {
    for (const queue of queues) this.watch(`queue ${queue.name}`, queue);
  }

  /** Workers exist once @nestjs/bullmq has explored the processors (module init). */
  onApplicationBootstrap(): void {
    for (const { instance } of this.discovery.getProviders()) {
      if (instance instanceof WorkerHost) this.watch(`worker ${instance.worker.name}`, instance.worker);
    }
  }

  private watch(source: string, emitter: Queue | Worker): void {
    // Queue and Worker type their listeners apart; both emit `error` with an Error.
    (emitter as Queue).on('error', (error: Error) => this.report(source, error));
  }

  private report(source: string, error: Error): void {
    const now = Date.now();
    if (now - (this.lastLogged.get(source) ?? 0) < REPEAT_AFTER_MS) return;
    this.lastLogged.set(source, now);
    this.logger.warn({ err: error, source }, 'Redis connection error; retrying (events wait in the outbox)');
  }
}
