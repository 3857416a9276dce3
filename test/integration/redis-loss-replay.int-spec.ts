import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { Job } from 'bullmq';
import type { EventEnvelope } from '@koperasi/contracts';
import { EVENT_BATCH_JOB, OutboxEvent, OutboxRelay, RedisEpochGuard, UnitOfWork } from '@koperasi/platform';
import { eventually, flushPrefix } from '@koperasi/testing';
import { SAMPLE_EVENT, sampleStatusChange, startMessagingFixture, type MessagingFixture } from './messaging-fixture';

describe('replay after Redis loses its data', () => {
  let fx: MessagingFixture;
  let producerData: DataSource;

  beforeAll(async () => {
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
  /** The ids of the events that wait in the inbox, whether their job carries one event or a batch. */
  const waitingEventIds = async () =>
    (await fx.inbox.getWaiting(0, 1000))
      .flatMap((job: Job) => (job.name === EVENT_BATCH_JOB ? job.data.events : [job.data]))
      .map((event: EventEnvelope) => event.eventId)
      .sort();

  it('re-publishes the events Redis lost, and the consumer applies each exactly once', async () => {
    const consumedBefore = randomUUID();
    await publishSample(consumedBefore);
    await eventually(() => applied(consumedBefore), 'the event consumed before the loss');
    await fx.quiet();

    // Events the relay handed to Redis that nobody consumed yet: the consumer's queue is paused.
    await fx.inbox.pause();
    const waiting = [randomUUID(), randomUUID()];
    const waitingIds = await Promise.all(waiting.map(publishSample));
    for (const eventId of waitingIds) await eventually(() => published(eventId), 'the relay to publish');
    expect(await fx.inbox.isPaused()).toBe(true);
    // Two jobs, or one batch of both when the relay found them in one claim.
    expect(await waitingEventIds()).toEqual([...waitingIds].sort());
    for (const cooperativeId of waiting) expect(await applied(cooperativeId)).toBe(0);
    const loud = jest.spyOn(Logger.prototype, 'error');

    // The loss: every key under this test's prefix (the queues, the pause flag, the epoch key).
    expect(await flushPrefix(fx.prefix)).toBeGreaterThan(0);

    for (const cooperativeId of waiting) await eventually(() => applied(cooperativeId), 'the replayed event');
    await fx.quiet();
    expect(await applied(consumedBefore)).toBe(1);
    for (const cooperativeId of waiting) expect(await applied(cooperativeId)).toBe(1);
    expect(loud).toHaveBeenCalledWith(
      expect.objectContaining({ alert: 'REDIS_DATA_LOST', service: 'registry', replayed: 3 }),
      expect.stringContaining('re-publishing 3 outbox events'),
    );
    loud.mockRestore();
    const unpublished = await producerData.query(`SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL`);
    expect(unpublished[0].n).toBe(0);
  });

  it('replays a batch job Redis lost, and the consumer applies each of its events exactly once', async () => {
    await fx.quiet();
    await fx.inbox.pause();
    const cooperativeIds = Array.from({ length: 6 }, () => randomUUID());
    const eventIds = await fx.producer
      .get(UnitOfWork)
      .run((tx) => tx.publishAll(SAMPLE_EVENT, cooperativeIds.map(sampleStatusChange)));
    for (const eventId of eventIds) await eventually(() => published(eventId), 'the relay to publish');
    const [batch] = await fx.inbox.getWaiting();
    expect(batch.name).toBe(EVENT_BATCH_JOB);
    expect(await waitingEventIds()).toEqual([...eventIds].sort());

    expect(await flushPrefix(fx.prefix)).toBeGreaterThan(0);

    for (const cooperativeId of cooperativeIds) await eventually(() => applied(cooperativeId), 'the replayed event');
    await fx.quiet();
    for (const cooperativeId of cooperativeIds) expect(await applied(cooperativeId)).toBe(1);
  });

  it('replays once however many replicas notice the loss', async () => {
    const guard = fx.producer.get(RedisEpochGuard);
    const cooperativeId = randomUUID();
    await publishSample(cooperativeId);
    await eventually(() => applied(cooperativeId), 'the event');
    await fx.quiet();
    const loud = jest.spyOn(Logger.prototype, 'error');
    await flushPrefix(fx.prefix);

    // Three replicas' checks at once, besides the periodic one.
    const checks = await Promise.all([guard.check(), guard.check(), guard.check()]);
    const [{ epoch, previous_epoch }] = await producerData.query(`SELECT epoch, previous_epoch FROM redis_epochs`);
    expect(checks.every((check) => check.epoch === epoch)).toBe(true);
    expect(previous_epoch).not.toBeNull();
    const registryLosses = () =>
      loud.mock.calls.filter(([fields]) => (fields as { service?: string }).service === 'registry');
    expect(registryLosses()).toHaveLength(1);
    await fx.quiet();
    await eventually(async () => (await guard.check()).epoch === epoch, 'the epoch to stay');
    expect(registryLosses()).toHaveLength(1);
    expect(await applied(cooperativeId)).toBe(1);
    loud.mockRestore();
  });

  it('reuses an epoch confirmed a moment ago, and reads Redis again when told to', async () => {
    // An instance of its own: the periodic check does not call it.
    const guard = await fx.producer.get(ModuleRef).create(RedisEpochGuard);
    const reads = jest.spyOn(guard, 'check');
    const { epoch } = await guard.recent(60_000);
    expect(reads).toHaveBeenCalledTimes(1);
    expect(await guard.recent(60_000)).toEqual({ epoch, replayed: 0 });
    expect(reads).toHaveBeenCalledTimes(1);
    await guard.recent(0);
    expect(reads).toHaveBeenCalledTimes(2);
    guard.forget();
    expect((await guard.recent(60_000)).epoch).toBe(epoch);
    expect(reads).toHaveBeenCalledTimes(3);
  });

  it('does not mark rows published under an epoch that a replay has replaced, and reads the epoch again', async () => {
    const relay = fx.producer.get(OutboxRelay);
    const guard = fx.producer.get(RedisEpochGuard);
    const { epoch } = await guard.check();
    const forget = jest.spyOn(guard, 'forget');
    // A type the producer has no route for: its relay never claims it, so only this test touches it.
    const [{ id }] = await producerData.query(
      `INSERT INTO outbox (event_id, type, envelope) VALUES ($1, 'registry.not-routed.v1', '{}') RETURNING id`,
      [randomUUID()],
    );

    await relay.markPublished([id], 'an-epoch-replaced-since');
    expect(
      (await producerData.query(`SELECT published_at FROM outbox WHERE id = $1`, [id]))[0].published_at,
    ).toBeNull();
    expect(forget).toHaveBeenCalledTimes(1);
    await relay.markPublished([id], epoch);
    expect(
      (await producerData.query(`SELECT published_at FROM outbox WHERE id = $1`, [id]))[0].published_at,
    ).not.toBeNull();
    expect(forget).toHaveBeenCalledTimes(1);
    forget.mockRestore();
    await producerData.query(`DELETE FROM outbox WHERE id = $1`, [id]);
  });
});
