import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { INBOX_QUEUES } from '@koperasi/contracts';
import { UnitOfWork } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import {
  SAMPLE_EVENT,
  SampleStatusConsumer,
  sampleStatusChange,
  startMessagingFixture,
  type MessagingFixture,
} from './messaging-fixture';

describe('graceful shutdown', () => {
  let fx: MessagingFixture;

  beforeAll(async () => {
    fx = await startMessagingFixture();
  });

  afterAll(async () => {
    SampleStatusConsumer.slowDownMs = 0;
    await fx?.close();
  });

  it('finishes the event in flight before closing, and takes no new jobs', async () => {
    SampleStatusConsumer.slowDownMs = 1_500;
    const cooperativeId = randomUUID();
    const eventId = await fx.producer
      .get(UnitOfWork)
      .run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(cooperativeId)));
    await eventually(
      async () => (await fx.inbox.getJob(eventId))?.getState().then((state) => state === 'active'),
      'the job to be in flight',
    );

    await fx.consumer.close();

    const inbox = fx.producer.get<Queue>(getQueueToken(INBOX_QUEUES.mentoring));
    const job = await inbox.getJob(eventId);
    expect(await job?.getState()).toBe('completed');
    // The consumer's effect committed before its connections closed; read it through the producer's pool.
    const [{ count }] = await fx.producer
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS count FROM mentoring.audit_log WHERE action = 'sample.applied' AND entity_id = $1`,
        [cooperativeId],
      );
    expect(count).toBe(1);

    const afterClose = await fx.producer
      .get(UnitOfWork)
      .run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(randomUUID())));
    await eventually(() => inbox.getJob(afterClose), 'the next event to be queued');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await (await inbox.getJob(afterClose))?.getState()).toBe('waiting');
  });
});
