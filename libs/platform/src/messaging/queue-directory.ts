import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { PlatformRedis } from '../redis/platform-redis';

/**
 * Producers for the queues registered with BullModule, found by name (the relay routes to names
 * from a table). They share the platform's fail-fast Redis connection, so adding a job while Redis
 * is away fails at once instead of waiting in an offline queue; the registered queues' own
 * connection is the workers' kind, which waits for Redis.
 */
@Injectable()
export class QueueDirectory implements OnApplicationShutdown {
  private readonly cache = new Map<string, Queue>();

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly redis: PlatformRedis,
  ) {}

  get(name: string): Queue {
    let queue = this.cache.get(name);
    if (!queue) {
      const registered = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      queue = new Queue(name, {
        connection: this.redis.client,
        prefix: registered.opts.prefix,
        defaultJobOptions: registered.defaultJobOptions,
      });
      // Errors reach the caller of each command; the connection's own are handled by PlatformRedis.
      queue.on('error', () => undefined);
      this.cache.set(name, queue);
    }
    return queue;
  }

  async onApplicationShutdown(): Promise<void> {
    // The shared connection is not theirs to close: PlatformRedis disconnects it.
    await Promise.allSettled([...this.cache.values()].map((queue) => queue.close()));
  }
}
