// Measurement 3: what bare BullMQ and PostgreSQL do on this machine. A producer process adds N
// jobs; a worker process at the services' concurrency does one INSERT per job. Jobs per second
// from the first add until the last insert has committed.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkHelper } from './processes.mjs';
import { connect } from './scratch.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function prepareReference(databaseUrl) {
  const client = await connect(databaseUrl);
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS bench_reference;
      CREATE TABLE IF NOT EXISTS bench_reference.jobs (
        event_id uuid PRIMARY KEY, type varchar(120) NOT NULL, payload jsonb NOT NULL,
        inserted_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE IF NOT EXISTS bench_reference.latency_sent (
        event_id uuid PRIMARY KEY, run text NOT NULL, envelope jsonb NOT NULL, stamped_at timestamptz NOT NULL);
      CREATE TABLE IF NOT EXISTS bench_reference.latency_received (
        event_id uuid PRIMARY KEY, payload jsonb NOT NULL, stamped_at timestamptz NOT NULL)`);
  } finally {
    await client.end();
  }
}

/** One run: fresh queue, fresh processes; returns jobs/second. */
export async function referenceRun({ scratch, count, concurrency, poolSize, run, logFile }) {
  const queue = `bench-reference-${run}`;
  const worker = forkHelper(
    path.join(here, 'reference-worker.mjs'),
    {
      redisUrl: scratch.redisUrl,
      prefix: scratch.prefix,
      queue,
      databaseUrl: scratch.databaseUrl,
      concurrency,
      poolSize,
      expected: count,
    },
    { logFile },
  );
  const producer = forkHelper(
    path.join(here, 'reference-producer.mjs'),
    {
      redisUrl: scratch.redisUrl,
      prefix: scratch.prefix,
      queue,
      count,
    },
    { logFile },
  );
  try {
    await Promise.all([worker.next((m) => m.ready), producer.next((m) => m.ready)]);
    const failed = worker
      .next((m) => m.failed)
      .then((m) => Promise.reject(new Error(`reference job failed: ${m.failed}`)));
    failed.catch(() => {});
    producer.send('go');
    const [{ started, added }, { done }] = await Promise.race([
      Promise.all([producer.next((m) => m.started), worker.next((m) => m.done)]),
      failed,
    ]);
    const seconds = (done - started) / 1000;
    return { jobs: count, seconds, jobsPerSecond: count / seconds, enqueueSeconds: (added - started) / 1000 };
  } finally {
    await Promise.all([worker.stop(), producer.stop()]);
  }
}
