// The latency reference's producer: at a steady rate, for each event, commits one INSERT (its own
// transaction) of a row stamped with clock_timestamp(), then, once it has committed, adds one
// BullMQ job for it with the services' event job options, as an outbox relay publishes after the
// commit. Events are paced (pacing.mjs) and run concurrently over a pool of the services' size.
// A few warm-up events first open the pool's connections.
import { createRequire } from 'node:module';
import { serviceJobOptions } from './job-options.mjs';
import { paced } from './pacing.mjs';
import { statusChangeEnvelope } from './envelope.mjs';
import { receivePayload } from './payload.mjs';

const require = createRequire(import.meta.url);
const { Queue } = require('bullmq');
const { Pool } = require('pg');
const { redisUrl, prefix, queue: name, run, databaseUrl, poolSize, count, rate, warmUp } = await receivePayload();

const redis = new URL(redisUrl);
const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
const queue = new Queue(name, {
  connection: { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null },
  prefix,
  defaultJobOptions: serviceJobOptions(),
});
await queue.waitUntilReady();

async function send(i, runName) {
  const data = statusChangeEnvelope(i);
  await pool.query(
    'INSERT INTO bench_reference.latency_sent (event_id, run, envelope, stamped_at) VALUES ($1, $2, $3, clock_timestamp())',
    [data.eventId, runName, data],
  );
  await queue.add(data.type, data, { jobId: data.eventId });
}

function failed(error) {
  process.send({ failed: error.message });
  process.exitCode = 1;
}

process.on('message', async (message) => {
  try {
    if (message === 'warm-up') {
      await Promise.all(Array.from({ length: warmUp }, (_, i) => send(i, `${run} warm-up`)));
      process.send({ warmedUp: true });
    } else if (message === 'go') {
      process.send(await paced(count, rate, (i) => send(i, run)));
    }
  } catch (error) {
    failed(error);
  }
});
process.send({ ready: true });

process.on('SIGTERM', async () => {
  await queue.close();
  await pool.end();
  process.exit(0);
});
