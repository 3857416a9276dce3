import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@koperasi/contracts';
import {
  AuditEntry,
  DeadLetter,
  EVENT_BATCH_JOB,
  eventBatchJobId,
  InboxService,
  ProcessedEvent,
  signEnvelope,
} from '@koperasi/platform';
import { signedEvent } from '@koperasi/testing';
import {
  SAMPLE_EVENT,
  SampleStatusConsumer,
  sampleStatusChange,
  startMessagingFixture,
  type MessagingFixture,
} from './messaging-fixture';

/**
 * The inbox applies the jobs in flight together. These tests hand it jobs directly, all in one
 * turn of the event loop, so they are sure to form one batch.
 */
describe('inbox batching (real PostgreSQL)', () => {
  let fx: MessagingFixture;
  let inbox: InboxService;
  let data: DataSource;

  beforeAll(async () => {
    fx = await startMessagingFixture();
    inbox = fx.consumer.get(InboxService);
    data = fx.consumer.get(DataSource);
  });

  afterAll(() => fx?.close());

  const envelope = (cooperativeId = randomUUID()): EventEnvelope<typeof SAMPLE_EVENT> =>
    signedEvent({
      eventId: randomUUID(),
      type: SAMPLE_EVENT,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${randomUUID()}`,
      data: sampleStatusChange(cooperativeId),
    });
  const job = (event: EventEnvelope) =>
    ({ id: event.eventId, name: event.type, data: event, opts: {}, attemptsMade: 0 }) as unknown as Job;
  const deliverTogether = (events: EventEnvelope[]) =>
    Promise.allSettled(events.map((event) => inbox.process(job(event))));
  /** A job as the relay sends several events to one queue; attemptsMade > 0 is a retry. */
  const batchJob = (events: unknown[], attemptsMade = 0) =>
    ({
      id: eventBatchJobId(events.map((event) => (event as EventEnvelope).eventId)),
      name: EVENT_BATCH_JOB,
      data: { events },
      opts: {},
      attemptsMade,
    }) as unknown as Job;
  const auditsOf = (cooperativeId: string) =>
    data.getRepository(AuditEntry).find({
      where: { action: 'sample.applied', entityId: cooperativeId },
      order: { id: 'ASC' },
    });

  it('applies events that arrive together in one transaction, each with its own correlation id', async () => {
    const events = Array.from({ length: 12 }, () => envelope());
    const outcomes = await deliverTogether(events);

    expect(outcomes).toEqual(events.map(() => ({ status: 'fulfilled', value: 'applied' })));
    const processed = await data
      .getRepository(ProcessedEvent)
      .findBy(events.map((event) => ({ eventId: event.eventId })));
    expect(processed).toHaveLength(12);
    // now() is the transaction's start: one stamp for all means one transaction.
    expect(new Set(processed.map((row) => row.processedAt.toISOString())).size).toBe(1);
    for (const event of events) {
      const audits = await data
        .getRepository(AuditEntry)
        .findBy({ action: 'sample.applied', entityId: event.data.cooperativeId });
      expect(audits.map((audit) => audit.correlationId)).toEqual([event.correlationId]);
    }
  });

  it('applies the rest of a batch when one event is rejected, and dead-letters only that one', async () => {
    const events = Array.from({ length: 6 }, () => envelope());
    const rejected = events[3];
    SampleStatusConsumer.rejectedCooperatives.add(rejected.data.cooperativeId);
    try {
      const outcomes = await deliverTogether(events);

      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
      ]);
      expect((outcomes[3] as PromiseRejectedResult).reason.message).toContain('SAMPLE_REJECTED');
      for (const event of events) {
        expect(await fx.effects('sample.applied', event.data.cooperativeId)).toBe(event === rejected ? 0 : 1);
      }
      const letter = await data.getRepository(DeadLetter).findOneByOrFail({ eventId: rejected.eventId });
      expect(letter.errorCode).toBe('SAMPLE_REJECTED');
      expect(await data.getRepository(ProcessedEvent).existsBy({ eventId: rejected.eventId })).toBe(false);
    } finally {
      SampleStatusConsumer.rejectedCooperatives.clear();
    }
  });

  it("applies a cooperative's events in their order when a failed batch is applied one by one", async () => {
    const cooperativeId = randomUUID();
    const [first, second] = [envelope(cooperativeId), envelope(cooperativeId)];
    const rejected = envelope();
    SampleStatusConsumer.rejectedCooperatives.add(rejected.data.cooperativeId);
    SampleStatusConsumer.slowEvents.add(first.eventId);
    try {
      const outcomes = await deliverTogether([first, second, rejected]);

      expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      const applied = await data
        .getRepository(AuditEntry)
        .find({ where: { action: 'sample.applied', entityId: cooperativeId }, order: { id: 'ASC' } });
      expect(applied.map((audit) => audit.correlationId)).toEqual([first.correlationId, second.correlationId]);
    } finally {
      SampleStatusConsumer.rejectedCooperatives.clear();
      SampleStatusConsumer.slowEvents.clear();
    }
  });

  it('applies an event once when it comes twice in one batch or was applied before', async () => {
    const earlier = envelope();
    expect(await inbox.process(job(earlier))).toBe('applied');
    const twice = envelope();

    const outcomes = await deliverTogether([earlier, twice, twice]);

    expect(outcomes.map((outcome) => (outcome as PromiseFulfilledResult<string>).value)).toEqual([
      'duplicate',
      'applied',
      'duplicate',
    ]);
    expect(await fx.effects('sample.applied', earlier.data.cooperativeId)).toBe(1);
    expect(await fx.effects('sample.applied', twice.data.cooperativeId)).toBe(1);
  });

  describe('a job carrying several events', () => {
    afterEach(() => {
      SampleStatusConsumer.rejectedCooperatives.clear();
      SampleStatusConsumer.failingEvents.clear();
      SampleStatusConsumer.slowEvents.clear();
    });

    it('applies its events once, in one transaction, and a repeat of the job as duplicates', async () => {
      const events = Array.from({ length: 8 }, () => envelope());

      expect(await inbox.process(batchJob(events))).toEqual({ events: 8, applied: 8, duplicate: 0, deadLettered: 0 });
      const processed = await data
        .getRepository(ProcessedEvent)
        .findBy(events.map((event) => ({ eventId: event.eventId })));
      expect(processed).toHaveLength(8);
      expect(new Set(processed.map((row) => row.processedAt.toISOString())).size).toBe(1);

      expect(await inbox.process(batchJob(events))).toEqual({ events: 8, applied: 0, duplicate: 8, deadLettered: 0 });
      for (const event of events) {
        expect((await auditsOf(event.data.cooperativeId)).map((audit) => audit.correlationId)).toEqual([
          event.correlationId,
        ]);
      }
    });

    it('dead-letters a forged or altered envelope alone, as its own letter, and applies the rest', async () => {
      const events = Array.from({ length: 5 }, () => envelope());
      const altered = { ...events[1], data: { ...events[1].data, name: 'Koperasi Diubah' } };
      const { signature: _dropped, ...unsigned } = events[3];
      const wrongKey = signEnvelope(envelope(), { registry: 'a key the attacker made up for the job' });
      const delivered = [events[0], altered, events[2], unsigned, events[4], wrongKey];
      const jobId = eventBatchJobId(delivered.map((event) => event.eventId));

      expect(await inbox.process(batchJob(delivered))).toEqual({
        events: 6,
        applied: 3,
        duplicate: 0,
        deadLettered: 3,
      });
      for (const event of [events[0], events[2], events[4]]) {
        expect(await fx.effects('sample.applied', event.data.cooperativeId)).toBe(1);
      }
      for (const forged of [altered, unsigned, wrongKey]) {
        expect(await fx.effects('sample.applied', forged.data.cooperativeId)).toBe(0);
        const letters = await data.getRepository(DeadLetter).findBy({ eventId: forged.eventId });
        expect(letters).toHaveLength(1);
        expect(letters[0]).toMatchObject({
          errorCode: 'BAD_SIGNATURE',
          jobId: `${jobId}-${forged.eventId}`,
          eventType: SAMPLE_EVENT,
          attempts: 1,
        });
        // The letter holds that one envelope, as received: retry and re-publish work per event.
        expect(letters[0].payload).toEqual(JSON.parse(JSON.stringify(forged)));
      }
    });

    it('retries only the events not applied yet, and skips the ones dead-lettered before', async () => {
      const events = Array.from({ length: 5 }, () => envelope());
      const [, failing, rejected] = events;
      SampleStatusConsumer.failingEvents.add(failing.eventId);
      SampleStatusConsumer.rejectedCooperatives.add(rejected.data.cooperativeId);

      await expect(inbox.process(batchJob(events))).rejects.toThrow(
        '1 of 5 events of the batch are not applied yet: database briefly unavailable',
      );
      expect(await fx.effects('sample.applied', failing.data.cooperativeId)).toBe(0);
      expect(await data.getRepository(DeadLetter).countBy({ eventId: rejected.eventId })).toBe(1);

      SampleStatusConsumer.failingEvents.clear();
      SampleStatusConsumer.rejectedCooperatives.clear();
      expect(await inbox.process(batchJob(events, 1))).toEqual({
        events: 5,
        applied: 1,
        duplicate: 3,
        deadLettered: 1,
      });
      for (const event of events) {
        expect(await fx.effects('sample.applied', event.data.cooperativeId)).toBe(event === rejected ? 0 : 1);
      }
      expect(await data.getRepository(DeadLetter).countBy({ eventId: rejected.eventId })).toBe(1);
      expect(await data.getRepository(DeadLetter).existsBy({ eventId: failing.eventId })).toBe(false);
    });

    it("keeps a cooperative's order across batch jobs applied at once", async () => {
      const cooperativeId = randomUUID();
      const [first, second, third] = [envelope(cooperativeId), envelope(cooperativeId), envelope(cooperativeId)];
      // The first job fills an inbox transaction, so the second job's events go in the next one.
      const others = () => Array.from({ length: 60 }, () => envelope());
      SampleStatusConsumer.slowEvents.add(first.eventId);

      const outcomes = await Promise.all([
        inbox.process(batchJob([first, ...others(), second, ...others()])),
        inbox.process(batchJob([third, ...others()])),
      ]);

      expect(outcomes).toEqual([
        { events: 122, applied: 122, duplicate: 0, deadLettered: 0 },
        { events: 61, applied: 61, duplicate: 0, deadLettered: 0 },
      ]);
      expect((await auditsOf(cooperativeId)).map((audit) => audit.correlationId)).toEqual(
        [first, second, third].map((event) => event.correlationId),
      );
    });

    it('dead-letters a job whose data is no batch of events as a whole', async () => {
      const malformed = {
        id: `batch-${randomUUID()}`,
        name: EVENT_BATCH_JOB,
        data: { events: 'none' },
        attemptsMade: 0,
      };

      await expect(inbox.process(malformed as unknown as Job)).rejects.toThrow('INVALID_ENVELOPE');
      const letter = await data.getRepository(DeadLetter).findOneByOrFail({ jobId: malformed.id });
      expect(letter).toMatchObject({ errorCode: 'INVALID_ENVELOPE', eventId: null, eventType: EVENT_BATCH_JOB });
    });
  });
});
