// The latency floor's producer plays the registry without its framework: for each upheld objection
// at a steady rate (pacing.mjs), one prepared statement writes everything the registry writes for
// it (latency-floor-sql.mjs), then, once committed, the status change goes as one BullMQ job with the
// services' event job options to each consumer's queue, as the outbox relay publishes it.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { serviceJobOptions } from './job-options.mjs';
import { REGISTRY_EVENT_SQL, registryEventValues } from './latency-floor-sql.mjs';
import { paced } from './pacing.mjs';
import { receivePayload } from './payload.mjs';

const require = createRequire(import.meta.url);
const { Queue } = require('bullmq');
const { Pool } = require('pg');
const { redisUrl, prefix, queues: names, databaseUrl, poolSize, subjects, rate, settings } = await receivePayload();

const redis = new URL(redisUrl);
const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
const queues = names.map(
  (name) =>
    new Queue(name, {
      connection: { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null },
      prefix,
      defaultJobOptions: serviceJobOptions(),
    }),
);
await Promise.all(queues.map((queue) => queue.waitUntilReady()));
await Promise.all(Array.from({ length: poolSize }, () => pool.query('SELECT 1')));

async function send({ cooperativeId, proceedingId }) {
  const { rows } = await pool.query({
    name: 'registry-event',
    text: REGISTRY_EVENT_SQL,
    values: registryEventValues({
      ...settings,
      objectionId: randomUUID(),
      cooperativeId,
      correlationId: randomUUID(),
      reason: `Objection upheld in dissolution proceeding ${proceedingId}: Objection upheld (benchmark)`,
    }),
  });
  if (rows.length === 0) throw new Error(`cooperative ${cooperativeId} was not IN_DISSOLUTION`);
  const [{ envelope }] = rows;
  await Promise.all(queues.map((queue) => queue.add(envelope.type, envelope, { jobId: envelope.eventId })));
}

process.on('message', async (message) => {
  if (message !== 'go') return;
  try {
    process.send(await paced(subjects.length, rate, (i) => send(subjects[i])));
  } catch (error) {
    process.send({ failed: error.message });
    process.exitCode = 1;
  }
});
process.send({ ready: true });

process.on('SIGTERM', async () => {
  await Promise.all(queues.map((queue) => queue.close()));
  await pool.end();
  process.exit(0);
});
