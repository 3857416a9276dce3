// The latency floor's consumer: a bare BullMQ Worker at the services' concurrency whose every job
// (one status change) commits everything mentoring, or dissolution, writes for it in one statement,
// prepared once per connection: a floor plans it once, as a batch plans its statements once.
import { runBareWorker } from './bare-worker.mjs';
import {
  dissolutionEventSql,
  dissolutionEventValues,
  mentoringEventSql,
  mentoringEventValues,
} from './latency-floor-sql.mjs';
import { receivePayload } from './payload.mjs';

const PARTS = {
  mentoring: { sql: mentoringEventSql(), values: mentoringEventValues },
  dissolution: { sql: dissolutionEventSql(), values: dissolutionEventValues },
};

const payload = await receivePayload();
const { sql, values } = PARTS[payload.part];
let processed = 0;

await runBareWorker(payload, async (job, pool) => {
  await pool.query({ name: payload.part, text: sql, values: values(payload.settings, job.data) });
  processed += 1;
  if (processed === payload.expected) process.send({ done: Date.now() });
});
