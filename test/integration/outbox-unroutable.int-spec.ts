import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { OutboxRelay, UnitOfWork } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import {
  ProducerModule,
  SAMPLE_EVENT,
  sampleStatusChange,
  startMessagingFixture,
  type MessagingFixture,
} from './messaging-fixture';

/** A type a newer version publishes and this one (the sample routing) has no route for. */
const NEWER_TYPE = 'registry.cooperative-registered.v1';

describe('deploy-safe relay: events of a type this version cannot route', () => {
  let fx: MessagingFixture;
  let producerData: DataSource;

  beforeAll(async () => {
    fx = await startMessagingFixture();
    producerData = fx.producer.get(DataSource);
  });

  afterAll(() => fx?.close());

  const publishedAt = async (eventId: string) =>
    (await producerData.query(`SELECT published_at FROM outbox WHERE event_id = $1`, [eventId]))[0].published_at;

  it('leaves them unpublished, reports them, and keeps publishing the rest', async () => {
    const newer = randomUUID();
    await producerData.query(`INSERT INTO outbox (event_id, type, envelope) VALUES ($1, $2, '{}')`, [
      newer,
      NEWER_TYPE,
    ]);
    const known = await fx.producer
      .get(UnitOfWork)
      .run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(randomUUID())));

    const relay = fx.producer.get(OutboxRelay);
    await eventually(() => publishedAt(known), 'the routable event to be published');
    await relay.flush();
    expect(await publishedAt(newer)).toBeNull();

    expect(await relay.reportUnroutable()).toEqual({ [NEWER_TYPE]: 1 });
    const ready = await request(fx.producer.getHttpServer()).get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.error.outbox).toEqual({ status: 'down', unroutable: { [NEWER_TYPE]: 1 } });
  });

  it('refuses to boot a replica whose outbox holds them, naming the types', async () => {
    const replica = (await Test.createTestingModule({ imports: [ProducerModule] }).compile()).createNestApplication({
      logger: false,
    });
    await expect(replica.init()).rejects.toThrow(
      `registry refuses to start: its outbox holds unpublished events of types this version does not know: ${NEWER_TYPE} (1)`,
    );
    await replica.close();
  });
});
