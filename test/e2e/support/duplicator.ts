import { Queue, QueueEvents } from 'bullmq';
import { INBOX_QUEUES, queueKeyPrefix } from '@koperasi/contracts';
import { redisConnectionFromUrl } from '@koperasi/platform';
import { redisUrl } from '@koperasi/testing';

const AGAIN = '-again';

/**
 * Delivers every event a second time: each time an inbox job completes, the same envelope is
 * queued again under another job id, as a broker with at-least-once delivery might.
 */
export async function duplicateEveryDelivery(prefix: string) {
  const connection = { ...redisConnectionFromUrl(redisUrl()), maxRetriesPerRequest: null };
  const watched = Object.values(INBOX_QUEUES).map((name) => ({
    queue: new Queue(name, { connection, prefix: queueKeyPrefix(prefix, name) }),
    events: new QueueEvents(name, { connection, prefix: queueKeyPrefix(prefix, name) }),
  }));
  let duplicated = 0;
  const pending: Promise<unknown>[] = [];
  for (const { queue, events } of watched) {
    events.on('completed', ({ jobId }) => {
      if (jobId.endsWith(AGAIN)) return;
      pending.push(
        queue.getJob(jobId).then(async (job) => {
          if (!job) return;
          await queue.add(job.name, job.data, { jobId: `${jobId}${AGAIN}` });
          duplicated += 1;
        }),
      );
    });
    await events.waitUntilReady();
  }
  return {
    count: () => duplicated,
    async stop() {
      await Promise.allSettled(pending);
      await Promise.all(watched.flatMap(({ queue, events }) => [events.close(), queue.close()]));
    },
  };
}
