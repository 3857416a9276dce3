import { randomBytes } from 'node:crypto';
import type { JobType, Queue } from 'bullmq';
import Redis from 'ioredis';

export function redisUrl(): string {
  return process.env.REDIS_URL ?? 'redis://localhost:6379';
}

/** A queue prefix of this test file's own, so files running in parallel never share keys. */
export function testQueuePrefix(): string {
  return `test-${process.pid}-${randomBytes(4).toString('hex')}`;
}

/** Deletes every key under the prefix: a Redis flush that only this test file sees. */
export async function flushPrefix(prefix: string): Promise<number> {
  const redis = new Redis(redisUrl());
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export interface QuietOptions {
  timeoutMs?: number;
  /** Count delayed jobs as work still to do (timers); off by default. */
  includeDelayed?: boolean;
}

/** Waits until none of the queues has waiting or active jobs, twice in a row; fails after the timeout. */
export async function waitForQueuesQuiet(queues: Queue[], options: QuietOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  const states: JobType[] = [
    'waiting',
    'active',
    'prioritized',
    'waiting-children',
    ...(options.includeDelayed ? ['delayed' as const] : []),
  ];
  let quietRounds = 0;
  while (quietRounds < 2) {
    const counts = await Promise.all(queues.map((queue) => queue.getJobCounts(...states)));
    const busy = counts.some((count) => Object.values(count).some((n) => n > 0));
    quietRounds = busy ? 0 : quietRounds + 1;
    if (Date.now() > deadline) {
      throw new Error(`Queues still busy after ${options.timeoutMs ?? 20_000} ms: ${JSON.stringify(counts)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Polls `probe` until it returns a truthy value; fails with `what` after the timeout. */
export async function eventually<T>(
  probe: () => Promise<T>,
  what: string,
  timeoutMs = 20_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
