import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import type { EventEnvelope } from '@koperasi/contracts';
import {
  AuditEntry,
  EVENT_BATCH_JOB,
  OUTBOX_RELAY_BATCH_SIZE,
  OutboxRelay,
  RedisEpochGuard,
  Tx,
  UnitOfWork,
} from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import { SAMPLE_EVENT, sampleStatusChange, startMessagingFixture, type MessagingFixture } from './messaging-fixture';

describe('outbox rows claimed by the transaction that writes them (real PostgreSQL and Redis)', () => {
  let fx: MessagingFixture;
  let uow: UnitOfWork;
  let producerData: DataSource;

  beforeAll(async () => {
    fx = await startMessagingFixture();
    uow = fx.producer.get(UnitOfWork);
    producerData = fx.producer.get(DataSource);
  });

  afterAll(() => fx?.close());

  const claimedRows = (tx: Tx, eventIds: string[]) =>
    tx.manager
      .query(`SELECT count(*)::int AS n FROM outbox WHERE event_id = ANY($1::uuid[]) AND claimed_until > now()`, [
        eventIds,
      ])
      .then(([{ n }]: { n: number }[]) => n);

  const appliedCount = (cooperativeIds: string[]) =>
    fx.consumer
      .get(DataSource)
      .getRepository(AuditEntry)
      .countBy({ action: 'sample.applied', entityId: In(cooperativeIds) });

  /** The enqueue time of each job in the inbox that carries one of `eventIds`. */
  async function jobTimes(eventIds: string[]): Promise<number[]> {
    const jobs = await fx.inbox.getJobs(['completed', 'failed', 'waiting', 'active', 'delayed']);
    return jobs
      .filter((job) =>
        (job.name === EVENT_BATCH_JOB ? job.data.events : [job.data]).some((event: EventEnvelope) =>
          eventIds.includes(event.eventId),
        ),
      )
      .map((job) => job.timestamp);
  }

  /** Publishes an event whose publish waits until the answer is called: until then the relay takes no other work. */
  async function keepTheRelayBusy(): Promise<() => void> {
    const epochs = fx.producer.get(RedisEpochGuard);
    const recent = epochs.recent.bind(epochs);
    let letGo!: () => void;
    const released = new Promise<void>((resolve) => (letGo = resolve));
    const slowPublish = jest.spyOn(epochs, 'recent').mockImplementationOnce(async (maxAgeMs) => {
      await released;
      return recent(maxAgeMs);
    });
    await uow.run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(randomUUID())));
    return () => {
      letGo();
      slowPublish.mockRestore();
    };
  }

  it('claims the rows of a small transaction as it writes them; the relay publishes them at the commit and marks them', async () => {
    const cooperativeId = randomUUID();
    let claimedInTransaction = 0;

    const eventId = await uow.run(async (tx) => {
      const id = await tx.publish(SAMPLE_EVENT, sampleStatusChange(cooperativeId));
      claimedInTransaction = await claimedRows(tx, [id]);
      return id;
    });

    expect(claimedInTransaction).toBe(1);
    await eventually(() => fx.effects('sample.applied', cooperativeId), 'the event');
    const row = await eventually(
      async () =>
        (
          await producerData.query(
            `SELECT published_at, claimed_until FROM outbox WHERE event_id = $1 AND published_at IS NOT NULL`,
            [eventId],
          )
        )[0],
      'the mark',
    );
    expect(row.claimed_until).toBeNull();
    await fx.quiet();
    expect(await fx.effects('sample.applied', cooperativeId)).toBe(1);
  });

  it('leaves the rows beyond what a transaction may claim to a claim, and delivers all of them once', async () => {
    const first = Array.from({ length: OUTBOX_RELAY_BATCH_SIZE - 100 }, () => randomUUID());
    const second = Array.from({ length: 200 }, () => randomUUID());
    let claimed = { first: 0, second: 0 };

    await uow.run(async (tx) => {
      const firstIds = await tx.publishAll(SAMPLE_EVENT, first.map(sampleStatusChange));
      const secondIds = await tx.publishAll(SAMPLE_EVENT, second.map(sampleStatusChange));
      claimed = { first: await claimedRows(tx, firstIds), second: await claimedRows(tx, secondIds) };
    });

    expect(claimed).toEqual({ first: first.length, second: 0 });
    await eventually(
      async () => (await appliedCount([...first, ...second])) === first.length + second.length,
      'every event',
    );
    await fx.quiet();
    expect(await appliedCount([...first, ...second])).toBe(first.length + second.length);
  });

  it("publishes in commit order: a large transaction's rows, claimed after its commit, before the next small transaction's own", async () => {
    const large = Array.from({ length: OUTBOX_RELAY_BATCH_SIZE + 100 }, () => randomUUID());
    const small = randomUUID();
    // Both transactions commit while the relay is busy, so both wait their turn.
    const letGo = await keepTheRelayBusy();
    const largeIds = await uow.run((tx) => tx.publishAll(SAMPLE_EVENT, large.map(sampleStatusChange)));
    const smallId = await uow.run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(small)));
    letGo();

    await eventually(async () => (await appliedCount([...large, small])) === large.length + 1, 'every event');
    await fx.quiet();
    const [smallTime] = await jobTimes([smallId]);
    const largeTimes = await jobTimes(largeIds);
    expect(largeTimes.length).toBeGreaterThanOrEqual(2);
    expect(smallTime).toBeGreaterThanOrEqual(Math.max(...largeTimes));
  });

  it('lets no claim send newer rows before the older rows a transaction handed over', async () => {
    const letGo = await keepTheRelayBusy();
    // While the relay is busy: a claim is asked for (the poller), then a small transaction hands
    // its row over, then a large one leaves its newer rows to a claim.
    fx.producer.get(OutboxRelay).wake();
    const olderId = await uow.run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(randomUUID())));
    const newer = Array.from({ length: OUTBOX_RELAY_BATCH_SIZE + 1 }, () => randomUUID());
    const newerIds = await uow.run((tx) => tx.publishAll(SAMPLE_EVENT, newer.map(sampleStatusChange)));
    letGo();

    await eventually(async () => (await appliedCount(newer)) === newer.length, 'the newer events');
    await fx.quiet();
    const [olderTime] = await jobTimes([olderId]);
    expect(olderTime).toBeLessThanOrEqual(Math.min(...(await jobTimes(newerIds))));
  });

  it("leaves a dead process's claimed rows to any relay once their lease has run out", async () => {
    const cooperativeId = randomUUID();
    const claim = { ...fx.producer.get(OutboxRelay).claimForTransaction(), leaseMs: 1_000 };
    // Committed, but never handed to a relay: the process died right after its commit.
    const eventId = await producerData.transaction((manager) =>
      new Tx(manager, claim).publish(SAMPLE_EVENT, sampleStatusChange(cooperativeId)),
    );
    const [row] = await producerData.query(`SELECT claimed_until > now() AS claimed FROM outbox WHERE event_id = $1`, [
      eventId,
    ]);
    expect(row.claimed).toBe(true);

    await eventually(
      () => fx.effects('sample.applied', cooperativeId),
      'the poller to publish the row after its lease',
    );
    await fx.quiet();
    expect(await fx.effects('sample.applied', cooperativeId)).toBe(1);
  });
});
