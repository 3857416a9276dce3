import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { INBOX_QUEUES } from '@koperasi/contracts';
import { EvictionPolicyCheck, OutboxEvent, UnitOfWork } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import { attachRedisCluster, type RedisClusterHandle } from '../../scripts/cluster/redis-cluster.cjs';
import {
  SAMPLE_DEADLINE,
  SAMPLE_EVENT,
  sampleStatusChange,
  startMessagingFixture,
  type MessagingFixture,
} from '../integration/messaging-fixture';
import { REDIS_CLUSTER_STATE_ENV } from './support/cluster-global-setup';
import { keysOn, masterOf, node } from './support/cluster-keys';

describe('the messaging backbone on a Redis Cluster (three masters, three replicas)', () => {
  let fx: MessagingFixture;
  let cluster: RedisClusterHandle;
  let producerData: DataSource;

  beforeAll(async () => {
    const stateFile = process.env[REDIS_CLUSTER_STATE_ENV];
    if (!stateFile) throw new Error('Run with jest -c jest.cluster.config.js (npm run test:cluster)');
    cluster = attachRedisCluster(stateFile);
    process.env.REDIS_EPOCH_CHECK_INTERVAL_MS = '300';
    fx = await startMessagingFixture();
    producerData = fx.producer.get(DataSource);
  });

  afterAll(async () => {
    delete process.env.REDIS_EPOCH_CHECK_INTERVAL_MS;
    await fx?.close();
  });

  const publishSample = (cooperativeId: string) =>
    fx.producer.get(UnitOfWork).run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(cooperativeId)));
  const applied = (cooperativeId: string) => fx.effects('sample.applied', cooperativeId);
  const published = async (eventId: string) =>
    (await producerData.getRepository(OutboxEvent).findOneByOrFail({ eventId })).publishedAt;

  it('delivers an event from registry to mentoring and fires a timer', async () => {
    const cooperativeId = randomUUID();
    await publishSample(cooperativeId);
    await eventually(() => applied(cooperativeId), 'the event on the mentoring inbox');

    const subject = randomUUID();
    await fx.consumer.get(UnitOfWork).run((tx) => tx.schedule(SAMPLE_DEADLINE, subject, new Date()));
    await eventually(() => fx.effects('sample.deadline-fired', subject), 'the timer');
    expect(await applied(cooperativeId)).toBe(1);
  });

  it('keeps each queue in one slot and spreads the queues over the masters', async () => {
    const masters = await cluster.masters();
    expect(masters).toHaveLength(3);
    const keysByMaster = await Promise.all(masters.map((port) => keysOn(port, fx.prefix)));
    const slotsByTag = new Map<string, Set<number>>();
    for (const { key, slot } of keysByMaster.flat()) {
      const tag = /\{([^}]+)\}/.exec(key)?.[1];
      expect(tag).toBeDefined();
      slotsByTag.set(tag!, (slotsByTag.get(tag!) ?? new Set()).add(slot));
    }
    for (const [tag, slots] of slotsByTag) expect({ tag, slots: slots.size }).toEqual({ tag, slots: 1 });
    // The inboxes' keys (jobs, epoch) exist, and the queues do not all share one master.
    expect([...slotsByTag.keys()]).toEqual(expect.arrayContaining(Object.values(INBOX_QUEUES)));
    expect(keysByMaster.filter((keys) => keys.length > 0).length).toBeGreaterThanOrEqual(2);
    const inboxMasters = await Promise.all(
      Object.values(INBOX_QUEUES).map((queue) => masterOf(cluster, [...slotsByTag.get(queue)!][0])),
    );
    expect(new Set(inboxMasters).size).toBeGreaterThanOrEqual(2);
  });

  it('reads the eviction policy of every master and reports Redis up', async () => {
    expect(await fx.producer.get(EvictionPolicyCheck).warnIfEvicting()).toBe('noeviction');
    const ready = await request(fx.consumer.getHttpServer()).get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.redis).toMatchObject({ status: 'up', maxmemoryPolicy: 'noeviction' });
    expect(ready.body.details[`queue:${INBOX_QUEUES.mentoring}`]).toMatchObject({ status: 'up' });
  });

  it('loses nothing and applies nothing twice when the master of the inbox fails over', async () => {
    const probe = node(cluster.ports[0]);
    const slot = Number(await probe.cluster('KEYSLOT', `{${INBOX_QUEUES.mentoring}}`));
    probe.disconnect();
    const victim = await masterOf(cluster, slot);

    // Jobs the relay handed to the inbox's master that nobody consumed yet: the inbox is paused.
    await fx.inbox.pause();
    const before = Array.from({ length: 20 }, () => randomUUID());
    const beforeIds = await Promise.all(before.map(publishSample));
    for (const eventId of beforeIds) await eventually(() => published(eventId), 'the relay to publish');
    const loud = jest.spyOn(Logger.prototype, 'error');

    await cluster.kill(victim);
    // Written while the master is gone: they wait in the outbox until the relay can publish.
    const during = Array.from({ length: 20 }, () => randomUUID());
    await Promise.all(during.map(publishSample));
    await cluster.waitForFailover(victim);
    expect(await cluster.masters()).not.toContain(victim);
    await eventually(
      () =>
        fx.inbox.resume().then(
          () => true,
          () => false,
        ),
      'the inbox to resume on the promoted replica',
      30_000,
    );

    const all = [...before, ...during];
    for (const cooperativeId of all) await eventually(() => applied(cooperativeId), 'every event', 60_000);
    await fx.quiet();
    for (const cooperativeId of all)
      expect({ cooperativeId, applied: await applied(cooperativeId) }).toEqual({
        cooperativeId,
        applied: 1,
      });
    // The promoted replica is another server process: the epoch of its queues changed, so the
    // registry re-published what it had kept as published (and the inbox dropped the repeats).
    expect(loud).toHaveBeenCalledWith(
      expect.objectContaining({ alert: 'REDIS_DATA_LOST', service: 'registry' }),
      expect.any(String),
    );
    loud.mockRestore();
    const [{ unpublished }] = await producerData.query(
      `SELECT count(*)::int AS unpublished FROM outbox WHERE published_at IS NULL`,
    );
    expect(unpublished).toBe(0);
    expect(await fx.inbox.getFailedCount()).toBe(0);

    // A timer still fires after the failover, and the old master rejoins as a replica.
    const subject = randomUUID();
    await fx.consumer.get(UnitOfWork).run((tx) => tx.schedule(SAMPLE_DEADLINE, subject, new Date()));
    await eventually(() => fx.effects('sample.deadline-fired', subject), 'the timer after the failover', 30_000);
    await cluster.restart(victim);
    await cluster.waitUntilOk();
    // It first answers as the master it was, until it learns that its replica took over.
    await eventually(async () => (await cluster.masters()).length === 3, 'the old master to rejoin as a replica');
  });
});
