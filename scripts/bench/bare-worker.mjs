// A bare BullMQ Worker of the references, in a process of its own as a consuming service runs: each
// job gets `handle(job, pool)` with a pg pool of the services' size, whose connections are open
// before it reports `ready`. It reports `ready`, `failed` and whatever `handle` sends, and closes
// on SIGTERM.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Worker } = require('bullmq');
const { Pool } = require('pg');

export async function runBareWorker({ redisUrl, prefix, queue, databaseUrl, concurrency, poolSize }, handle) {
  const redis = new URL(redisUrl);
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize });
  const worker = new Worker(queue, (job) => handle(job, pool), {
    connection: { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null },
    prefix,
    concurrency,
    autorun: false,
  });
  worker.on('failed', (job, error) => process.send({ failed: error.message }));
  await worker.waitUntilReady();
  await Promise.all(Array.from({ length: poolSize }, () => pool.query('SELECT 1')));
  void worker.run();
  process.send({ ready: true });

  process.on('SIGTERM', async () => {
    await worker.close();
    await pool.end();
    process.exit(0);
  });
}
