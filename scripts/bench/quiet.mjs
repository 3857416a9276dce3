// Waits until the pipeline has nothing left to do: every outbox published and every inbox (and
// the registry's batch queue) without waiting or active jobs, twice in a row. Measurements start
// from quiet, so one does not pay for the previous one's tail.
import { createRequire } from 'node:module';
import { compiled } from '../services.mjs';
import { sleep } from './stats.mjs';

const require = createRequire(import.meta.url);
const { Queue } = require('bullmq');
const { INBOX_QUEUES, queueKeyPrefix, REGISTRY_BATCH_QUEUE } = compiled('libs/contracts/src/queues.js');

export async function waitForQuiet({ scratch, client, timeoutMs = 300_000 }) {
  const redis = new URL(scratch.redisUrl);
  const connection = { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null };
  const queues = [...Object.values(INBOX_QUEUES), REGISTRY_BATCH_QUEUE].map(
    (name) => new Queue(name, { connection, prefix: queueKeyPrefix(scratch.prefix, name) }),
  );
  const started = Date.now();
  try {
    let quietRounds = 0;
    while (quietRounds < 2) {
      const counts = await Promise.all(queues.map((queue) => queue.getJobCounts('waiting', 'active', 'prioritized')));
      const busyQueues = counts.some((count) => Object.values(count).some((n) => n > 0));
      const {
        rows: [outbox],
      } = await client.query(`SELECT
        (SELECT count(*) FROM registry.outbox WHERE published_at IS NULL) +
        (SELECT count(*) FROM mentoring.outbox WHERE published_at IS NULL) +
        (SELECT count(*) FROM dissolution.outbox WHERE published_at IS NULL) AS pending`);
      quietRounds = busyQueues || Number(outbox.pending) > 0 ? 0 : quietRounds + 1;
      if (Date.now() - started > timeoutMs)
        throw new Error(`the pipeline was still busy after ${timeoutMs / 1000} s: ${JSON.stringify(counts)}`);
      await sleep(200);
    }
    return (Date.now() - started) / 1000;
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
  }
}
