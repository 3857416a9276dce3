// The reference worker: a bare BullMQ Worker whose every job does one INSERT into PostgreSQL.
// Runs in its own process, as the consuming service does in production.
import { runBareWorker } from './bare-worker.mjs';
import { receivePayload } from './payload.mjs';

const settings = await receivePayload();
let processed = 0;

await runBareWorker(settings, async (job, pool) => {
  await pool.query('INSERT INTO bench_reference.jobs (event_id, type, payload) VALUES ($1, $2, $3)', [
    job.id,
    job.name,
    job.data,
  ]);
  processed += 1;
  if (processed === settings.expected) process.send({ done: Date.now() });
});
