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

/**
 * Scans and deletes in one script, so nothing runs in between: a loss is one instant for the
 * services, however many keys the server holds (a scan from the client, in round trips, left the
 * services' own epoch checks room to renew a key that a later round trip then deleted again).
 */
const FLUSH_PREFIX = `
local deleted, cursor = 0, '0'
repeat
  local reply = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)
  cursor = reply[1]
  for _, key in ipairs(reply[2]) do deleted = deleted + redis.call('DEL', key) end
until cursor == '0'
return deleted`;

/** Deletes every key under the prefix at once: a Redis flush that only this test file sees. */
export async function flushPrefix(prefix: string): Promise<number> {
  const redis = new Redis(redisUrl());
  try {
    return (await redis.eval(FLUSH_PREFIX, 0, `${prefix}:*`)) as number;
  } finally {
    redis.disconnect();
  }
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
