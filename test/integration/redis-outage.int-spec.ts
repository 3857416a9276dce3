import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EvictionPolicyCheck, UnitOfWork } from '@koperasi/platform';
import { bearer, eventually, startPrivateRedis, type PrivateRedis } from '@koperasi/testing';
import {
  SAMPLE_DEADLINE,
  SAMPLE_EVENT,
  sampleStatusChange,
  startMessagingFixture,
  type MessagingFixture,
} from './messaging-fixture';

describe('Redis down, system up (a private redis-server this file stops and starts)', () => {
  let redis: PrivateRedis;
  let fx: MessagingFixture;
  let producerData: DataSource;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    Object.assign(process.env, {
      REDIS_URL: redis.url,
      REDIS_COMMAND_TIMEOUT_MS: '500',
      REDIS_EPOCH_CHECK_INTERVAL_MS: '300',
    });
    fx = await startMessagingFixture();
    producerData = fx.producer.get(DataSource);
  });

  afterAll(async () => {
    await fx?.close();
    await redis?.remove();
  });

  const publishSample = (cooperativeId: string) =>
    fx.producer.get(UnitOfWork).run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(cooperativeId)));
  const applied = (cooperativeId: string) => fx.effects('sample.applied', cooperativeId);
  const outboxRow = async (eventId: string) =>
    (await producerData.query(`SELECT published_at, claimed_until FROM outbox WHERE event_id = $1`, [eventId]))[0] as {
      published_at: Date | null;
      claimed_until: Date | null;
    };

  it('holds no PostgreSQL transaction open while Redis is slow to take the events', async () => {
    const admin = new Redis(redis.url);
    try {
      await admin.call('CLIENT', 'PAUSE', '3000', 'WRITE');
      const cooperativeId = randomUUID();
      const eventId = await publishSample(cooperativeId);
      await eventually(async () => (await outboxRow(eventId)).claimed_until !== null, 'the relay to claim the row');

      const open = await producerData.query(
        `SELECT state, query FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = 'koperasi-registry' AND state LIKE 'idle in transaction%'`,
      );
      expect(open).toEqual([]);
      expect((await outboxRow(eventId)).published_at).toBeNull();

      await admin.call('CLIENT', 'UNPAUSE');
      await eventually(() => applied(cooperativeId), 'the event once Redis takes writes again');
      await fx.quiet();
      expect(await applied(cooperativeId)).toBe(1);
    } finally {
      admin.disconnect();
    }
  });

  it('commits writes and serves reads while Redis is down; the events follow when it is back', async () => {
    await redis.kill({ wipe: true });
    const cooperativeId = randomUUID();
    const eventId = await publishSample(cooperativeId);
    expect((await outboxRow(eventId)).published_at).toBeNull();
    // A write that arms a timer commits too; the sweeper arms it once Redis is back.
    await fx.consumer
      .get(UnitOfWork)
      .run((tx) => tx.schedule(SAMPLE_DEADLINE, cooperativeId, new Date(Date.now() + 500)));

    const ready = await request(fx.producer.getHttpServer()).get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('degraded');
    expect(ready.body.info.database.status).toBe('up');
    expect(ready.body.error.redis.status).toBe('down');
    const read = await request(fx.consumer.getHttpServer())
      .get('/audit')
      .set('Authorization', bearer(['admin']));
    expect(read.status).toBe(200);

    // It comes back empty: the epoch is gone, so what was published before is sent again too.
    await redis.start();
    await eventually(() => applied(cooperativeId), 'the event written while Redis was down');
    await eventually(() => fx.effects('sample.deadline-fired', cooperativeId), 'the deadline armed by the sweeper');
    await fx.quiet();
    expect(await applied(cooperativeId)).toBe(1);
    expect((await outboxRow(eventId)).published_at).not.toBeNull();
  });

  it('replays after a Redis restart, which may have lost its last writes, without a second effect', async () => {
    const cooperativeId = randomUUID();
    await publishSample(cooperativeId);
    await eventually(() => applied(cooperativeId), 'the event before the restart');
    await fx.quiet();
    const [{ epoch: before }] = await producerData.query(`SELECT epoch FROM redis_epochs`);
    const loud = jest.spyOn(Logger.prototype, 'error');

    await redis.kill();
    await redis.start();
    const reader = new Redis(redis.url);
    // The AOF kept the data, epoch included; the server process is a new one.
    expect(await reader.exists(`${fx.prefix}:{registry-inbox}:redis-epoch`)).toBe(1);
    reader.disconnect();

    await eventually(
      async () => (await producerData.query(`SELECT epoch FROM redis_epochs`))[0].epoch !== before,
      'the restart to be noticed',
    );
    expect(loud).toHaveBeenCalledWith(
      expect.objectContaining({ alert: 'REDIS_DATA_LOST', service: 'registry', replayed: expect.any(Number) }),
      expect.any(String),
    );
    loud.mockRestore();
    await eventually(
      async () =>
        (await producerData.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`))[0].n === 0,
      'the replay to be published',
    );
    await fx.quiet();
    expect(await applied(cooperativeId)).toBe(1);
  });

  it('reports a Redis that may evict keys, at boot and in readiness', async () => {
    const admin = new Redis(redis.url);
    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
      expect(await fx.producer.get(EvictionPolicyCheck).warnIfEvicting()).toBe('allkeys-lru');
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({ alert: 'REDIS_EVICTION_POLICY', maxmemoryPolicy: 'allkeys-lru' }),
        expect.stringContaining('not noeviction'),
      );
      const ready = await request(fx.producer.getHttpServer()).get('/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.status).toBe('degraded');
      expect(ready.body.error.redis).toMatchObject({ status: 'down', maxmemoryPolicy: 'allkeys-lru' });
    } finally {
      warn.mockRestore();
      await admin.config('SET', 'maxmemory-policy', 'noeviction');
      admin.disconnect();
    }
  });
});
