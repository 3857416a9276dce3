import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@koperasi/contracts';
import {
  AuditEntry,
  DeadLetter,
  DeadLetters,
  EVENT_BATCH_JOB,
  eventBatchJobId,
  FailedJobReconciler,
  redisConnectionFromUrl,
} from '@koperasi/platform';
import { bearer, eventually, redisUrl, signedEvent } from '@koperasi/testing';
import {
  SAMPLE_EVENT,
  SampleStatusConsumer,
  sampleStatusChange,
  startMessagingFixture,
  type MessagingFixture,
} from './messaging-fixture';

describe('dead letters: every failed job, retried any number of times, dismissed', () => {
  let fx: MessagingFixture;
  let data: DataSource;
  let reconciler: FailedJobReconciler;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    fx = await startMessagingFixture();
    data = fx.consumer.get(DataSource);
    reconciler = fx.consumer.get(FailedJobReconciler);
    http = fx.consumer.getHttpServer();
  });

  afterAll(() => fx?.close());

  afterEach(() => {
    SampleStatusConsumer.rejectedCooperatives.clear();
    SampleStatusConsumer.failingEvents.clear();
  });

  const envelope = (cooperativeId = randomUUID()): EventEnvelope<typeof SAMPLE_EVENT> =>
    signedEvent({
      eventId: randomUUID(),
      type: SAMPLE_EVENT,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${randomUUID()}`,
      data: sampleStatusChange(cooperativeId),
    });
  const lettersOf = (eventId: string) =>
    data.getRepository(DeadLetter).find({ where: { eventId }, order: { createdAt: 'ASC' } });
  const openLetterOf = async (eventId: string) => (await lettersOf(eventId)).find((letter) => !letter.resolvedAt);
  const admin = bearer(['admin'], 'admin-7', 'Admin Tujuh');

  /**
   * A worker that takes the job and never renews its lock, as a process whose event loop is
   * blocked. It works a queue of its own (the application's worker would take the job otherwise);
   * the sweep reconciles every queue the same way.
   */
  it('records a job BullMQ failed because it stalled twice', async () => {
    const connection = { ...redisConnectionFromUrl(redisUrl()), maxRetriesPerRequest: null };
    const queue = new Queue('stall-check', { connection, prefix: fx.prefix });
    const stalling = new Worker(queue.name, () => new Promise(() => undefined), {
      connection,
      prefix: fx.prefix,
      skipLockRenewal: true,
      // Taken, stalled, taken again, stalled again; failed when taken the third time.
      concurrency: 3,
      lockDuration: 500,
      stalledInterval: 500,
    });
    const event = envelope();
    try {
      await queue.add(SAMPLE_EVENT, event, { jobId: event.eventId });
      await eventually(async () => (await queue.getJob(event.eventId))?.isFailed(), 'BullMQ to fail the job');

      expect(await reconciler.reconcile(queue)).toBe(1);

      const [letter] = await lettersOf(event.eventId);
      expect(letter).toMatchObject({ errorCode: 'STALLED', jobId: event.eventId, queue: 'stall-check' });
      expect(await queue.getJob(event.eventId)).toBeUndefined();
    } finally {
      await stalling.close(true);
      await queue.close();
    }
  });

  it('records each event a batch job left unapplied when its attempts ran out as a letter of its own, retryable alone', async () => {
    const [done, failing, genuine] = [envelope(), envelope(), envelope()];
    const altered = { ...genuine, data: { ...genuine.data, name: 'Koperasi Diubah' } };
    const events = [done, failing, altered];
    const jobId = eventBatchJobId(events.map((event) => event.eventId));
    SampleStatusConsumer.failingEvents.add(failing.eventId);

    await fx.inbox.add(EVENT_BATCH_JOB, { events }, { jobId, attempts: 2 });

    const letter = await eventually(() => openLetterOf(failing.eventId), 'the unapplied event dead-lettered');
    expect(letter).toMatchObject({
      errorCode: 'RETRIES_EXHAUSTED',
      jobId: `${jobId}-${failing.eventId}`,
      eventType: SAMPLE_EVENT,
      attempts: 2,
    });
    expect(letter.errorMessage).toContain('1 of 3 events of the batch are not applied yet');
    expect(letter.payload).toEqual(JSON.parse(JSON.stringify(failing)));
    expect((await lettersOf(altered.eventId)).map((other) => other.errorCode)).toEqual(['BAD_SIGNATURE']);
    expect(await lettersOf(done.eventId)).toEqual([]);
    expect(await fx.effects('sample.applied', done.data.cooperativeId)).toBe(1);
    await eventually(async () => (await fx.inbox.getJob(jobId)) === undefined, 'the job to leave the failed set');

    SampleStatusConsumer.failingEvents.clear();
    const retried = await request(http)
      .post(`/admin/dead-letters/${letter.id}/retry`)
      .set('Authorization', admin)
      .send({});
    expect(retried.status).toBe(202);
    await eventually(() => fx.effects('sample.applied', failing.data.cooperativeId), 'the retried event to apply');
    await fx.quiet();
    expect(await fx.effects('sample.applied', failing.data.cooperativeId)).toBe(1);
    expect(await fx.effects('sample.applied', done.data.cooperativeId)).toBe(1);
    expect(await fx.effects('sample.applied', altered.data.cooperativeId)).toBe(0);
  });

  it('records an altered envelope of a failed batch job as BAD_SIGNATURE even when the inbox never saw it', async () => {
    const connection = { ...redisConnectionFromUrl(redisUrl()), maxRetriesPerRequest: null };
    const queue = new Queue('batch-check', { connection, prefix: fx.prefix });
    const failing = new Worker(queue.name, () => Promise.reject(new Error('worker lost its database')), {
      connection,
      prefix: fx.prefix,
    });
    const [applied, unapplied, genuine] = [envelope(), envelope(), envelope()];
    const altered = { ...genuine, data: { ...genuine.data, cooperativeId: randomUUID() } };
    await fx.inbox.add(SAMPLE_EVENT, applied, { jobId: applied.eventId });
    await eventually(() => fx.effects('sample.applied', applied.data.cooperativeId), 'one event applied before');
    const jobId = eventBatchJobId([applied.eventId, unapplied.eventId, altered.eventId]);
    try {
      await queue.add(EVENT_BATCH_JOB, { events: [applied, unapplied, altered] }, { jobId, attempts: 1 });
      await eventually(async () => (await queue.getJob(jobId))?.isFailed(), 'the batch job to fail');

      expect(await reconciler.reconcile(queue)).toBe(1);

      expect(await lettersOf(applied.eventId)).toEqual([]);
      const [left] = await lettersOf(unapplied.eventId);
      expect(left).toMatchObject({ errorCode: 'RETRIES_EXHAUSTED', errorMessage: 'worker lost its database' });
      const [forged] = await lettersOf(altered.eventId);
      expect(forged).toMatchObject({ errorCode: 'BAD_SIGNATURE', jobId: `${jobId}-${altered.eventId}` });
      expect(await queue.getJob(jobId)).toBeUndefined();
    } finally {
      await failing.close(true);
      await queue.close();
    }
  });

  it('keeps a failure in the failed set while PostgreSQL cannot take its dead letter, and records it once it can', async () => {
    const event = envelope();
    SampleStatusConsumer.rejectedCooperatives.add(event.data.cooperativeId);
    const outage = jest
      .spyOn(fx.consumer.get(DeadLetters), 'record')
      .mockRejectedValue(new Error('Connection terminated unexpectedly'));
    try {
      await fx.inbox.add(SAMPLE_EVENT, event, { jobId: event.eventId });
      await eventually(async () => (await fx.inbox.getJob(event.eventId))?.isFailed(), 'the job to fail');
      await eventually(async () => outage.mock.calls.length >= 2, 'the inline and the listener records to be tried');
      expect(await reconciler.sweep()).toBe(0);
      expect(await fx.inbox.getJob(event.eventId)).toBeDefined();
    } finally {
      outage.mockRestore();
    }
    expect(await lettersOf(event.eventId)).toEqual([]);

    expect(await reconciler.sweep()).toBe(1);

    const [letter] = await lettersOf(event.eventId);
    expect(letter).toMatchObject({ errorCode: 'SAMPLE_REJECTED', jobId: event.eventId, resolvedAt: null });
    expect(await fx.inbox.getJob(event.eventId)).toBeUndefined();
  });

  it('retries a dead letter as often as it fails again, each time as a new job, never changing what it is about', async () => {
    const event = envelope();
    SampleStatusConsumer.rejectedCooperatives.add(event.data.cooperativeId);
    await fx.inbox.add(SAMPLE_EVENT, event, { jobId: event.eventId });
    const first = await eventually(() => openLetterOf(event.eventId), 'the first dead letter');

    const moved = await request(http)
      .post(`/admin/dead-letters/${first.id}/retry`)
      .set('Authorization', admin)
      .send({ data: { ...event.data, cooperativeId: randomUUID() } });
    expect(moved.status).toBe(422);
    expect(moved.body.error.code).toBe('DEAD_LETTER_IDENTITY_CHANGED');
    expect(moved.body.error.details.fields.map((field: { field: string }) => field.field)).toEqual(['cooperativeId']);
    expect((await data.getRepository(DeadLetter).findOneByOrFail({ id: first.id })).resolvedAt).toBeNull();

    const retried = await request(http)
      .post(`/admin/dead-letters/${first.id}/retry`)
      .set('Authorization', admin)
      .send({});
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ resolution: 'RETRIED', resolvedBy: 'admin-7', retryCount: 1 });
    const second = await eventually(() => openLetterOf(event.eventId), 'the retry to fail again');
    expect(second.id).not.toBe(first.id);
    expect(second.jobId).not.toBe(first.jobId);

    SampleStatusConsumer.rejectedCooperatives.clear();
    const again = await request(http)
      .post(`/admin/dead-letters/${second.id}/retry`)
      .set('Authorization', admin)
      .send({ data: { ...event.data, reason: 'Corrected reason' } });
    expect(again.status).toBe(202);
    await eventually(() => fx.effects('sample.applied', event.data.cooperativeId), 'the second retry to apply');
    await fx.quiet();
    expect(await fx.effects('sample.applied', event.data.cooperativeId)).toBe(1);
    expect(await openLetterOf(event.eventId)).toBeUndefined();
    const audits = await data.getRepository(AuditEntry).findBy({ action: 'dead-letter.retried' });
    expect(audits.filter((audit) => [first.id, second.id].includes(audit.entityId)).map((a) => a.actorId)).toEqual([
      'admin-7',
      'admin-7',
    ]);
  });

  it('dismisses a dead letter with a reason, after which it cannot be retried', async () => {
    const event = envelope();
    SampleStatusConsumer.rejectedCooperatives.add(event.data.cooperativeId);
    await fx.inbox.add(SAMPLE_EVENT, event, { jobId: event.eventId });
    const letter = await eventually(() => openLetterOf(event.eventId), 'the dead letter');

    const noReason = await request(http)
      .post(`/admin/dead-letters/${letter.id}/dismiss`)
      .set('Authorization', admin)
      .send({});
    expect(noReason.status).toBe(400);
    const dismissed = await request(http)
      .post(`/admin/dead-letters/${letter.id}/dismiss`)
      .set('Authorization', admin)
      .send({ reason: 'Cooperative corrected by hand in the registry' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({
      resolution: 'DISMISSED',
      resolvedBy: 'admin-7',
      resolutionReason: 'Cooperative corrected by hand in the registry',
    });
    const audit = await data
      .getRepository(AuditEntry)
      .findOneByOrFail({ action: 'dead-letter.dismissed', entityId: letter.id });
    expect(audit).toMatchObject({ actorId: 'admin-7', reason: 'Cooperative corrected by hand in the registry' });

    const retry = await request(http)
      .post(`/admin/dead-letters/${letter.id}/retry`)
      .set('Authorization', admin)
      .send({});
    expect(retry.status).toBe(409);
    expect(retry.body.error.code).toBe('DEAD_LETTER_ALREADY_DISMISSED');
  });
});
