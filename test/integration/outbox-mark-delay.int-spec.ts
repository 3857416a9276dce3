import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { OutboxRelay, UnitOfWork } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import { SAMPLE_EVENT, sampleStatusChange, startMessagingFixture, type MessagingFixture } from './messaging-fixture';

/** Long enough that the steps of a test fall inside one delay on a loaded machine. */
const MARK_DELAY_MS = 3_000;

describe('the relay marks published rows after a delay, together (real PostgreSQL and Redis)', () => {
  let fx: MessagingFixture;
  let uow: UnitOfWork;
  let relay: OutboxRelay;
  let producerData: DataSource;

  beforeAll(async () => {
    fx = await startMessagingFixture({ OUTBOX_MARK_DELAY_MS: String(MARK_DELAY_MS) });
    uow = fx.producer.get(UnitOfWork);
    relay = fx.producer.get(OutboxRelay);
    producerData = fx.producer.get(DataSource);
  });

  afterAll(() => fx?.close());

  const outboxRows = (eventIds: string[]): Promise<{ id: string; published: boolean; claimed: boolean }[]> =>
    producerData.query(
      `SELECT id, published_at IS NOT NULL AS published, coalesce(claimed_until > now(), false) AS claimed
       FROM outbox WHERE event_id = ANY($1::uuid[]) ORDER BY id`,
      [eventIds],
    );

  /** Commits one event and waits until the consumer has applied it, that is until the relay has published it. */
  async function publishedEvent(): Promise<string> {
    const cooperativeId = randomUUID();
    const eventId = await uow.run((tx) => tx.publish(SAMPLE_EVENT, sampleStatusChange(cooperativeId)));
    await eventually(() => fx.effects('sample.applied', cooperativeId), 'the event to be applied');
    return eventId;
  }

  it('keeps published rows claimed until the delay is over, then marks the events published meanwhile in one statement', async () => {
    const marks = jest.spyOn(relay, 'markPublished');

    const first = await publishedEvent();
    const second = await publishedEvent();
    const beforeTheMark = await outboxRows([first, second]);
    await eventually(async () => (await outboxRows([first, second])).every((row) => row.published), 'the mark');

    expect(beforeTheMark.map(({ published, claimed }) => ({ published, claimed }))).toEqual([
      { published: false, claimed: true },
      { published: false, claimed: true },
    ]);
    expect(marks.mock.calls.map(([ids]) => ids)).toEqual([beforeTheMark.map((row) => row.id)]);
    const marked = await outboxRows([first, second]);
    expect(marked.map((row) => row.claimed)).toEqual([false, false]);
    marks.mockRestore();
  });

  it('marks at once what flush is asked for, and what is left when the service stops', async () => {
    const flushed = await publishedEvent();
    await relay.flush();
    expect((await outboxRows([flushed]))[0].published).toBe(true);

    const atShutdown = await publishedEvent();
    expect((await outboxRows([atShutdown]))[0].published).toBe(false);
    await fx.producer.close();
    const [row] = await fx.consumer
      .get(DataSource)
      .query(`SELECT published_at FROM registry.outbox WHERE event_id = $1`, [atShutdown]);
    expect(row.published_at).not.toBeNull();
  });
});
