// The latency reference's worker: a bare BullMQ Worker at the services' concurrency whose every job
// commits one INSERT (its own transaction) of a row stamped with clock_timestamp(), from a pool of
// the services' size. Runs in its own process, as the consuming service does.
import { createRequire } from 'node:module';
import { receivePayload } from './payload.mjs';

const require = createRequire(import.meta.url);
const { Worker } = require('bullmq');
const { Pool } = require('pg');
const { redisUrl, prefix, queue, databaseUrl, concurrency, poolSize, warmUp, expected } = await receivePayload();

const redis = new URL(redisUrl);
const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
let processed = 0;

const worker = new Worker(
  queue,
  async (job) => {
    await pool.query(
      'INSERT INTO bench_reference.latency_received (event_id, payload, stamped_at) VALUES ($1, $2, clock_timestamp())',
      [job.id, job.data],
    );
    processed += 1;
    if (processed === warmUp) process.send({ warmedUp: true });
    if (processed === warmUp + expected) process.send({ done: Date.now() });
  },
  {
    connection: { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null },
    prefix,
    concurrency,
    autorun: false,
  },
);
worker.on('failed', (job, error) => process.send({ failed: error.message }));
await worker.waitUntilReady();
void worker.run();
process.send({ ready: true });

process.on('SIGTERM', async () => {
  await worker.close();
  await pool.end();
  process.exit(0);
});
