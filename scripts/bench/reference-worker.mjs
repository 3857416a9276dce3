// The reference worker: a bare BullMQ Worker whose every job does one INSERT into PostgreSQL.
// Runs in its own process, as the consuming service does in production.
import { createRequire } from 'node:module';
import { receivePayload } from './payload.mjs';

const require = createRequire(import.meta.url);
const { Worker } = require('bullmq');
const { Pool } = require('pg');
const { redisUrl, prefix, queue, databaseUrl, concurrency, poolSize, expected } = await receivePayload();

const redis = new URL(redisUrl);
const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
let processed = 0;

const worker = new Worker(
  queue,
  async (job) => {
    await pool.query('INSERT INTO bench_reference.jobs (event_id, type, payload) VALUES ($1, $2, $3)', [
      job.id,
      job.name,
      job.data,
    ]);
    processed += 1;
    if (processed === expected) process.send({ done: Date.now() });
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
