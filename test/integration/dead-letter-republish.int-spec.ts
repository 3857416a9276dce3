import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource, type Repository } from 'typeorm';
import type { EventEnvelope } from '@koperasi/contracts';
import {
  AuditEntry,
  DeadLetter,
  DEVELOPMENT_EVENT_SIGNING_KEYS,
  EVENT_BATCH_JOB,
  eventBatchJobId,
  signEnvelope,
} from '@koperasi/platform';
import { bearer, eventually } from '@koperasi/testing';
import { SAMPLE_EVENT, sampleStatusChange, startMessagingFixture, type MessagingFixture } from './messaging-fixture';

/**
 * A genuine event whose job was altered in Redis is dead-lettered BAD_SIGNATURE by its consumer;
 * retrying it asks the producer to send the event again from its outbox (real PostgreSQL and Redis).
 */
describe('retrying a BAD_SIGNATURE dead letter re-publishes the genuine event from its producer', () => {
  let fx: MessagingFixture;
  let letters: Repository<DeadLetter>;
  const admin = bearer(['admin'], 'admin-7', 'Admin Tujuh');

  beforeAll(async () => {
    fx = await startMessagingFixture();
    letters = fx.consumer.get(DataSource).getRepository(DeadLetter);
  });

  afterAll(() => fx?.close());

  const applied = (cooperativeId: string) => fx.effects('sample.applied', cooperativeId);
  const retry = (id: string, body: object = {}) =>
    request(fx.consumer.getHttpServer()).post(`/admin/dead-letters/${id}/retry`).set('Authorization', admin).send(body);

  /** An event the producer committed and published (so its relay leaves it alone). */
  async function publishedEvent(): Promise<EventEnvelope<typeof SAMPLE_EVENT>> {
    const event: EventEnvelope<typeof SAMPLE_EVENT> = {
      eventId: randomUUID(),
      type: SAMPLE_EVENT,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${randomUUID()}`,
      data: sampleStatusChange(randomUUID()),
    };
    await fx.producer
      .get(DataSource)
      .query(`INSERT INTO outbox (event_id, type, envelope, published_at) VALUES ($1, $2, $3::jsonb, now())`, [
        event.eventId,
        event.type,
        JSON.stringify(event),
      ]);
    return event;
  }

  /** The event's job as someone with access to Redis altered it; answers its dead letter. */
  async function tamperedDelivery(event: EventEnvelope<typeof SAMPLE_EVENT>): Promise<DeadLetter> {
    const signed = signEnvelope(event, DEVELOPMENT_EVENT_SIGNING_KEYS);
    const altered = { ...signed, data: { ...signed.data, name: 'Koperasi Diubah' } };
    const jobId = `${event.eventId}-tampered-${randomUUID()}`;
    await fx.inbox.add(SAMPLE_EVENT, altered, { jobId });
    return eventually(() => letters.findOneBy({ jobId }), 'the altered job dead-lettered');
  }

  it('applies the genuine event once, audits the admin, and a repeat stays a no-op', async () => {
    const event = await publishedEvent();
    const letter = await tamperedDelivery(event);
    expect(letter.errorCode).toBe('BAD_SIGNATURE');
    expect(await applied(event.data.cooperativeId)).toBe(0);

    const withData = await retry(letter.id, { data: event.data });
    expect(withData.status).toBe(422);
    expect(withData.body.error.code).toBe('DEAD_LETTER_NOT_RETRYABLE');

    const retried = await retry(letter.id);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ resolution: 'RETRIED', resolvedBy: 'admin-7', retryCount: 1 });
    await eventually(async () => (await applied(event.data.cooperativeId)) === 1, 'the genuine event applied');
    const [audit] = await fx.consumer
      .get(DataSource)
      .getRepository(AuditEntry)
      .findBy({ action: 'dead-letter.republish-requested', entityId: letter.id });
    expect(audit).toMatchObject({ actorId: 'admin-7', after: { producer: 'registry', eventId: event.eventId } });

    // A second altered copy of the same event, retried too: re-published, and dropped as a duplicate.
    const second = await tamperedDelivery(event);
    expect((await retry(second.id)).status).toBe(202);
    const republishedJob = `${event.eventId}-republish-${second.id}-1`;
    await eventually(async () => (await fx.inbox.getJob(republishedJob))?.isCompleted(), 'the repeat consumed');
    expect(await applied(event.data.cooperativeId)).toBe(1);
    expect(await letters.countBy({ eventId: event.eventId })).toBe(2);
  });

  it('re-publishes an event altered inside a batch job alone; the rest of the batch applies once', async () => {
    const [event, other] = [await publishedEvent(), await publishedEvent()];
    const signed = signEnvelope(event, DEVELOPMENT_EVENT_SIGNING_KEYS);
    const altered = { ...signed, data: { ...signed.data, name: 'Koperasi Diubah' } };
    const events = [signEnvelope(other, DEVELOPMENT_EVENT_SIGNING_KEYS), altered];
    const jobId = eventBatchJobId(events.map((item) => item.eventId));

    await fx.inbox.add(EVENT_BATCH_JOB, { events }, { jobId });

    const letter = await eventually(
      () => letters.findOneBy({ jobId: `${jobId}-${event.eventId}` }),
      'the altered event dead-lettered',
    );
    expect(letter).toMatchObject({ errorCode: 'BAD_SIGNATURE', eventId: event.eventId, eventType: SAMPLE_EVENT });
    await eventually(async () => (await fx.inbox.getJob(jobId))?.isCompleted(), 'the batch job to complete');
    expect(await applied(other.data.cooperativeId)).toBe(1);
    expect(await applied(event.data.cooperativeId)).toBe(0);
    expect(await letters.countBy({ eventId: other.eventId })).toBe(0);

    expect((await retry(letter.id)).status).toBe(202);
    await eventually(async () => (await applied(event.data.cooperativeId)) === 1, 'the genuine event applied');
    await fx.quiet();
    expect(await applied(event.data.cooperativeId)).toBe(1);
    expect(await applied(other.data.cooperativeId)).toBe(1);
  });

  it('an event id its producer never had ends as a dead letter that can only be dismissed', async () => {
    const forged = { ...(await publishedEvent()), eventId: randomUUID() };
    const letter = await tamperedDelivery(forged);
    expect((await retry(letter.id)).status).toBe(202);

    const unknown = await eventually(
      () => letters.findOneBy({ eventId: forged.eventId, errorCode: 'UNKNOWN_TO_PRODUCER' }),
      'the producer to refuse',
    );
    expect(unknown.errorMessage).toContain(`registry has no event ${forged.eventId}`);
    expect(unknown.resolvedAt).toBeNull();
    const refused = await retry(unknown.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('DEAD_LETTER_NOT_RETRYABLE');

    const dismissed = await request(fx.consumer.getHttpServer())
      .post(`/admin/dead-letters/${unknown.id}/dismiss`)
      .set('Authorization', admin)
      .send({ reason: 'Forged job on the inbox queue; Redis access reviewed' });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body).toMatchObject({ resolution: 'DISMISSED', resolvedBy: 'admin-7' });
    expect(await applied(forged.data.cooperativeId)).toBe(0);
  });
});
