// The latency reference's worker: a bare BullMQ Worker at the services' concurrency whose every job
// commits one INSERT (its own transaction) of a row stamped with clock_timestamp(), from a pool of
// the services' size. Runs in its own process, as the consuming service does.
import { runBareWorker } from './bare-worker.mjs';
import { receivePayload } from './payload.mjs';

const settings = await receivePayload();
const { warmUp, expected } = settings;
let processed = 0;

await runBareWorker(settings, async (job, pool) => {
  await pool.query(
    'INSERT INTO bench_reference.latency_received (event_id, payload, stamped_at) VALUES ($1, $2, clock_timestamp())',
    [job.id, job.data],
  );
  processed += 1;
  if (processed === warmUp) process.send({ warmedUp: true });
  if (processed === warmUp + expected) process.send({ done: Date.now() });
});
