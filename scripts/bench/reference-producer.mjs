// The reference producer: adds N jobs to a BullMQ queue in bulk, with the job options and batch
// size the services' outbox relay uses, and reports when it started and finished.
import { createRequire } from 'node:module';
import { compiled } from '../services.mjs';
import { statusChangeEnvelope } from './envelope.mjs';
import { serviceJobOptions } from './job-options.mjs';
import { receivePayload } from './payload.mjs';

const require = createRequire(import.meta.url);
const { Queue } = require('bullmq');
const { OUTBOX_RELAY_BATCH_SIZE } = compiled('libs/platform/src/messaging/messaging.constants.js');
const { redisUrl, prefix, queue: name, count } = await receivePayload();

const redis = new URL(redisUrl);
const queue = new Queue(name, {
  connection: { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null },
  prefix,
  defaultJobOptions: serviceJobOptions(),
});
await queue.waitUntilReady();

process.on('message', async (message) => {
  if (message !== 'go') return;
  const started = Date.now();
  for (let start = 0; start < count; start += OUTBOX_RELAY_BATCH_SIZE) {
    const batch = [];
    for (let i = start; i < Math.min(count, start + OUTBOX_RELAY_BATCH_SIZE); i += 1) {
      const data = statusChangeEnvelope(i);
      batch.push({ name: data.type, data, opts: { jobId: data.eventId } });
    }
    await queue.addBulk(batch);
  }
  process.send({ started, added: Date.now() });
  await queue.close();
  process.exit(0);
});
process.send({ ready: true });
