import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import {
  Deadline,
  DeadLetter,
  DEVELOPMENT_EVENT_SIGNING_KEYS,
  EVENT_BATCH_JOB,
  eventBatchJobId,
  OutboxEvent,
  signEnvelope,
  OutboxRelay,
  TimerScheduler,
  TimerService,
  UnitOfWork,
} from '@koperasi/platform';
import { bearer, eventually, flushPrefix, signedEvent } from '@koperasi/testing';
import type { EventEnvelope } from '@koperasi/contracts';
import {
  SAMPLE_DEADLINE,
  SAMPLE_EVENT,
  SampleStatusConsumer,
  sampleStatusChange,
  startMessagingFixture,
  type MessagingFixture,
} from './messaging-fixture';

describe('messaging backbone (registry -> mentoring, real PostgreSQL and Redis)', () => {
  let fx: MessagingFixture;
  let uow: UnitOfWork;
  let relay: OutboxRelay;
  let producerData: DataSource;

  beforeAll(async () => {
    fx = await startMessagingFixture();
    uow = fx.producer.get(UnitOfWork);
    relay = fx.producer.get(OutboxRelay);
    producerData = fx.producer.get(DataSource);
  });

  afterAll(() => fx?.close());

  const publishSample = (cooperativeId: string) =>
    uow.run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(cooperativeId)));

  const applied = (cooperativeId: string) => fx.effects('sample.applied', cooperativeId);

  it('applies an event published in one service exactly once in the other', async () => {
    const cooperativeId = randomUUID();
    const eventId = await publishSample(cooperativeId);

    await eventually(() => applied(cooperativeId), 'the consumer effect');
    await fx.quiet();
    expect(await applied(cooperativeId)).toBe(1);
    const row = await producerData.getRepository(OutboxEvent).findOneByOrFail({ eventId });
    expect(row.publishedAt).not.toBeNull();
  });

  it('sends the events one commit publishes to a queue as one job, and applies each once', async () => {
    const cooperativeIds = Array.from({ length: 30 }, () => randomUUID());

    const eventIds = await uow.run((tx) => tx.publishAll(SAMPLE_EVENT, cooperativeIds.map(sampleStatusChange)));

    const job = await eventually(() => fx.inbox.getJob(eventBatchJobId(eventIds)), 'the batch job');
    expect(job.name).toBe(EVENT_BATCH_JOB);
    expect(job.data.events.map((event: EventEnvelope) => event.eventId)).toEqual(eventIds);
    await eventually(async () => (await job.getState()) === 'completed', 'the batch job to complete');
    expect((await fx.inbox.getJob(eventBatchJobId(eventIds)))?.returnvalue).toEqual({
      events: 30,
      applied: 30,
      duplicate: 0,
      deadLettered: 0,
    });
    for (const eventId of eventIds) expect(await fx.inbox.getJob(eventId)).toBeUndefined();
    for (const cooperativeId of cooperativeIds) expect(await applied(cooperativeId)).toBe(1);
  });

  it('causes no second job or effect when the relay crashes after publishing a batch but before marking', async () => {
    const cooperativeIds = Array.from({ length: 5 }, () => randomUUID());
    const crash = jest.spyOn(relay, 'markPublished').mockRejectedValueOnce(new Error('relay process died'));

    const eventIds = await uow.run((tx) => tx.publishAll(SAMPLE_EVENT, cooperativeIds.map(sampleStatusChange)));
    await eventually(
      async () =>
        (await producerData.getRepository(OutboxEvent).findBy(eventIds.map((eventId) => ({ eventId })))).every(
          (row) => row.publishedAt,
        ),
      'the poller to publish the rows again',
    );
    await fx.quiet();
    await expect(crash.mock.results[0].value).rejects.toThrow('relay process died');
    expect(crash.mock.calls.length).toBeGreaterThanOrEqual(2);
    const jobs = await fx.inbox.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
    const carrying = jobs.filter((job) =>
      (job.name === EVENT_BATCH_JOB ? job.data.events : [job.data]).some((event: EventEnvelope) =>
        eventIds.includes(event.eventId),
      ),
    );
    expect(carrying.map((job) => job.id)).toEqual([eventBatchJobId(eventIds)]);
    for (const cooperativeId of cooperativeIds) expect(await applied(cooperativeId)).toBe(1);
    crash.mockRestore();
  });

  it('publishes nothing when the business transaction rolls back', async () => {
    const cooperativeId = randomUUID();
    await expect(
      uow.run(async (tx) => {
        await tx.publish(SAMPLE_EVENT, sampleStatusChange(cooperativeId));
        throw new Error('business rule failed after publishing');
      }),
    ).rejects.toThrow('business rule failed');

    await relay.flush();
    await fx.quiet();
    const rows = await producerData.getRepository(OutboxEvent).find();
    expect(rows.some((row) => (row.envelope.data as { cooperativeId: string }).cooperativeId === cooperativeId)).toBe(
      false,
    );
    expect(await applied(cooperativeId)).toBe(0);
  });

  it('causes no second effect when the relay crashes after publishing but before marking', async () => {
    const cooperativeId = randomUUID();
    const crash = jest.spyOn(relay, 'markPublished').mockRejectedValueOnce(new Error('relay process died'));

    const eventId = await publishSample(cooperativeId);
    await eventually(() => applied(cooperativeId), 'the effect of the first publish');
    // The row stayed unpublished; the relay publishes it again with the same jobId.
    await eventually(
      async () => (await producerData.getRepository(OutboxEvent).findOneByOrFail({ eventId })).publishedAt,
      'the poller to publish the row again',
    );
    expect(crash.mock.calls.length).toBeGreaterThanOrEqual(2);
    await expect(crash.mock.results[0].value).rejects.toThrow('relay process died');
    await fx.quiet();
    expect(await applied(cooperativeId)).toBe(1);
    crash.mockRestore();
  });

  it('applies an event delivered twice once, also after the first job left Redis', async () => {
    const cooperativeId = randomUUID();
    const eventId = await publishSample(cooperativeId);
    await eventually(() => applied(cooperativeId), 'the first delivery');
    await fx.quiet();
    // As the relay publishes it: signed.
    const envelope = signedEvent((await producerData.getRepository(OutboxEvent).findOneByOrFail({ eventId })).envelope);

    await fx.inbox.add(SAMPLE_EVENT, envelope, { jobId: eventId });
    await (await fx.inbox.getJob(eventId))?.remove();
    await fx.inbox.add(SAMPLE_EVENT, envelope, { jobId: eventId });
    await fx.inbox.add(SAMPLE_EVENT, envelope, { jobId: `${eventId}-redelivered` });
    await fx.quiet();

    expect(await applied(cooperativeId)).toBe(1);
    const redelivered = await fx.inbox.getJob(`${eventId}-redelivered`);
    expect(await redelivered?.getState()).toBe('completed');
    expect(redelivered?.returnvalue).toBe('duplicate');
  });

  it('retries a transient failure with backoff and then applies the event once', async () => {
    const cooperativeId = randomUUID();
    SampleStatusConsumer.transientFailuresLeft = 2;
    const eventId = await publishSample(cooperativeId);

    await eventually(() => applied(cooperativeId), 'the effect after two retries');
    await fx.quiet();
    expect(await applied(cooperativeId)).toBe(1);
    const job = await fx.inbox.getJob(eventId);
    expect(job?.attemptsMade).toBe(3);
    expect(SampleStatusConsumer.transientFailuresLeft).toBe(0);
  });

  it('retries an event whose handler lost an optimistic-lock race, and never dead-letters it', async () => {
    const cooperativeId = randomUUID();
    SampleStatusConsumer.conflictsLeft = 1;
    const eventId = await publishSample(cooperativeId);

    await eventually(() => applied(cooperativeId), 'the effect after the conflict');
    await fx.quiet();
    expect(SampleStatusConsumer.conflictsLeft).toBe(0);
    expect(await fx.consumer.get(DataSource).getRepository(DeadLetter).existsBy({ eventId })).toBe(false);
    expect((await fx.inbox.getJob(eventId))?.attemptsMade).toBe(2);
  });

  it('dead-letters an invalid payload and applies it once when an admin retries it corrected', async () => {
    const cooperativeId = randomUUID();
    const eventId = randomUUID();
    const valid = sampleStatusChange(cooperativeId);
    const { to: _missing, ...invalid } = valid;
    await fx.inbox.add(
      SAMPLE_EVENT,
      signedEvent({
        eventId,
        type: SAMPLE_EVENT,
        occurredAt: new Date().toISOString(),
        correlationId: 'corr-dead-letter',
        data: invalid,
      } as unknown as EventEnvelope),
      { jobId: eventId },
    );

    const letter = await eventually(
      () => fx.consumer.get(DataSource).getRepository(DeadLetter).findOneBy({ eventId }),
      'the dead letter',
    );
    expect(letter.errorCode).toBe('INVALID_PAYLOAD');
    expect(letter.errorMessage).toContain('to');
    expect(await applied(cooperativeId)).toBe(0);
    expect(letter.attempts).toBe(1);

    const http = fx.consumer.getHttpServer();
    const listed = await request(http)
      .get('/admin/dead-letters')
      .set('Authorization', bearer(['admin']));
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((item: DeadLetter) => item.id)).toContain(letter.id);
    const forbidden = await request(http)
      .post(`/admin/dead-letters/${letter.id}/retry`)
      .set('Authorization', bearer(['supervisor']))
      .send({});
    expect(forbidden.status).toBe(403);

    const retried = await request(http)
      .post(`/admin/dead-letters/${letter.id}/retry`)
      .set('Authorization', bearer(['admin']))
      .send({ data: valid });
    expect(retried.status).toBe(202);
    await eventually(() => applied(cooperativeId), 'the retried event to apply');
    await fx.quiet();
    expect(await applied(cooperativeId)).toBe(1);

    const again = await request(http)
      .post(`/admin/dead-letters/${letter.id}/retry`)
      .set('Authorization', bearer(['admin']))
      .send({});
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('DEAD_LETTER_ALREADY_RETRIED');
  });

  it('dead-letters an unsigned, altered or wrongly signed job with BAD_SIGNATURE and never applies it', async () => {
    const event = (cooperativeId: string) =>
      ({
        eventId: randomUUID(),
        type: SAMPLE_EVENT,
        occurredAt: new Date().toISOString(),
        correlationId: 'corr-forged',
        data: sampleStatusChange(cooperativeId),
      }) as EventEnvelope<typeof SAMPLE_EVENT>;
    const genuine = signedEvent(event(randomUUID()));
    const forgeries = [
      event(randomUUID()),
      { ...genuine, eventId: randomUUID(), data: { ...genuine.data, cooperativeId: randomUUID() } },
      signEnvelope(event(randomUUID()), DEVELOPMENT_EVENT_SIGNING_KEYS, 'dissolution'),
      signEnvelope(event(randomUUID()), { registry: 'a key the attacker made up for the job' }),
    ];
    for (const forged of forgeries) await fx.inbox.add(SAMPLE_EVENT, forged, { jobId: forged.eventId });

    const letters = fx.consumer.get(DataSource).getRepository(DeadLetter);
    for (const forged of forgeries) {
      const letter = await eventually(
        () => letters.findOneBy({ eventId: forged.eventId }),
        'the forged job dead-lettered',
      );
      expect(letter.errorCode).toBe('BAD_SIGNATURE');
      expect(await applied(forged.data.cooperativeId)).toBe(0);
    }
    // Retrying asks the producer for the event; it has none, so the letter comes back for dismissal only.
    const [unsigned] = forgeries;
    const retry = await request(fx.consumer.getHttpServer())
      .post(`/admin/dead-letters/${(await letters.findOneByOrFail({ eventId: unsigned.eventId })).id}/retry`)
      .set('Authorization', bearer(['admin']))
      .send({});
    expect(retry.status).toBe(202);
    const unknown = await eventually(
      () => letters.findOneBy({ eventId: unsigned.eventId, errorCode: 'UNKNOWN_TO_PRODUCER' }),
      'the producer to answer that it has no such event',
    );
    const again = await request(fx.consumer.getHttpServer())
      .post(`/admin/dead-letters/${unknown.id}/retry`)
      .set('Authorization', bearer(['admin']))
      .send({});
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('DEAD_LETTER_NOT_RETRYABLE');
    expect(await applied(unsigned.data.cooperativeId)).toBe(0);
  });

  it('fires a deadline after a Redis flush: the sweeper re-arms it from PostgreSQL', async () => {
    const cooperativeId = randomUUID();
    const consumerUow = fx.consumer.get(UnitOfWork);
    const deadline = await consumerUow.run((tx) =>
      tx.schedule(SAMPLE_DEADLINE, cooperativeId, new Date(Date.now() + 3_000)),
    );
    const jobId = `${deadline.id}-${deadline.dueAt.getTime()}`;
    expect(await fx.timers.getJob(jobId)).toBeDefined();

    expect(await flushPrefix(fx.prefix)).toBeGreaterThan(0);
    expect(await fx.timers.getJob(jobId)).toBeUndefined();

    await eventually(() => fx.effects('sample.deadline-fired', cooperativeId), 'the deadline to fire', 30_000);
    await fx.consumer.get(TimerScheduler).sweep();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await fx.effects('sample.deadline-fired', cooperativeId)).toBe(1);
  });

  it('moves a pending deadline when it is scheduled again, and fires it once at the new time', async () => {
    const cooperativeId = randomUUID();
    const consumerUow = fx.consumer.get(UnitOfWork);
    const first = await consumerUow.run((tx) =>
      tx.schedule(SAMPLE_DEADLINE, cooperativeId, new Date(Date.now() + 60_000)),
    );
    const moved = await consumerUow.run((tx) =>
      tx.schedule(SAMPLE_DEADLINE, cooperativeId, new Date(Date.now() + 500)),
    );
    expect(moved.id).toBe(first.id);

    await eventually(() => fx.effects('sample.deadline-fired', cooperativeId), 'the moved deadline to fire');
    await fx.consumer.get(TimerService).fire(first.id);
    expect(await fx.effects('sample.deadline-fired', cooperativeId)).toBe(1);
    const rows = await fx.consumer.get(DataSource).getRepository(Deadline).findBy({ subjectId: cooperativeId });
    expect(rows.map((row) => row.state)).toEqual(['FIRED']);
  });

  it('keeps a far deadline in PostgreSQL only, until the sweep horizon reaches it', async () => {
    const consumerUow = fx.consumer.get(UnitOfWork);
    const far = await consumerUow.run((tx) =>
      tx.schedule(SAMPLE_DEADLINE, randomUUID(), new Date(Date.now() + 30 * 86_400_000)),
    );
    expect(await fx.timers.getJob(`${far.id}-${far.dueAt.getTime()}`)).toBeUndefined();
    expect(far.state).toBe('PENDING');
  });
});
