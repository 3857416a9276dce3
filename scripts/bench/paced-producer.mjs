// Plays the dissolution service at a steady rate: adds `dissolution.objection-upheld.v1` events
// to the registry's inbox queue, as the dissolution service's outbox relay would, for a list of
// cooperatives that are IN_DISSOLUTION. Each one makes the registry commit a status change to
// INACTIVE, which makes mentoring open a REACTIVATION case.
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { compiled } from '../services.mjs';
import { serviceJobOptions } from './job-options.mjs';
import { receivePayload } from './payload.mjs';

const require = createRequire(import.meta.url);
const { Queue } = require('bullmq');
const { INBOX_QUEUES, queueKeyPrefix } = compiled('libs/contracts/src/queues.js');
const { signEnvelope } = compiled('libs/platform/src/messaging/envelope-signature.js');
const { eventSigningKeysSetting } = compiled('libs/platform/src/config/event-signing-keys.js');
const signingKeys = eventSigningKeysSetting.parse(process.env.EVENT_SIGNING_KEYS);
const { redisUrl, prefix, subjects, rate } = await receivePayload();

const redis = new URL(redisUrl);
const queue = new Queue(INBOX_QUEUES.registry, {
  connection: { host: redis.hostname, port: Number(redis.port || 6379), maxRetriesPerRequest: null },
  prefix: queueKeyPrefix(prefix, INBOX_QUEUES.registry),
  defaultJobOptions: serviceJobOptions(),
});
await queue.waitUntilReady();

function job({ cooperativeId, proceedingId }) {
  const type = 'dissolution.objection-upheld.v1';
  const envelope = {
    eventId: randomUUID(),
    type,
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
    actor: { id: 'bench-supervisor', name: 'Benchmark supervisor', roles: ['supervisor'] },
    data: {
      proceedingId,
      cooperativeId,
      reason: 'Objection upheld (benchmark)',
      decidedBy: 'bench-supervisor',
      // The status the dissolution service expects to change from, as its real event names it.
      expectedStatus: 'IN_DISSOLUTION',
    },
  };
  return { name: type, data: signEnvelope(envelope, signingKeys), opts: { jobId: envelope.eventId } };
}

process.on('message', async (message) => {
  if (message !== 'go') return;
  const started = Date.now();
  let sent = 0;
  while (sent < subjects.length) {
    const due = Math.min(subjects.length, Math.floor(((Date.now() - started) * rate) / 1000) + 1);
    if (due > sent) {
      const batch = subjects.slice(sent, due).map(job);
      sent = due;
      await queue.addBulk(batch);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  const finished = Date.now();
  process.send({ started, finished, sent, achievedRate: sent / ((finished - started) / 1000) });
  await queue.close();
  process.exit(0);
});
process.send({ ready: true });
