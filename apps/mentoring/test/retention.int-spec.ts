import { randomUUID } from 'node:crypto';
import { PeriodicTasks, RetentionService } from '@koperasi/platform';
import { startMentoring, type MentoringFixture } from './mentoring-fixture';

const DAY_MS = 86_400_000;

describe('retention (outbox, processed events, read notifications)', () => {
  let fx: MentoringFixture;

  beforeAll(async () => {
    fx = await startMentoring();
  });

  afterAll(() => fx?.close());

  const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

  async function outboxRow(publishedAt: Date | null, createdAt: Date): Promise<string> {
    const eventId = randomUUID();
    await fx.db.query(
      `INSERT INTO outbox (event_id, type, envelope, created_at, published_at) VALUES ($1, 'mentoring.sample.v1', '{}', $2, $3)`,
      [eventId, createdAt, publishedAt],
    );
    return eventId;
  }

  async function notification(kind: 'USER' | 'ROLE', createdAt: Date, readBy: string | null): Promise<string> {
    const [{ id }] = await fx.db.query(
      `INSERT INTO notifications (recipient_kind, recipient, kind, message, created_at)
       VALUES ($1, $2, 'CASE_ASSIGNED', 'sample', $3) RETURNING id`,
      [kind, kind === 'USER' ? 'officer-1' : 'supervisor', createdAt],
    );
    if (readBy)
      await fx.db.query(`INSERT INTO notification_reads (notification_id, user_id) VALUES ($1, $2)`, [id, readBy]);
    return id;
  }

  it('deletes only what is past its retention: published events, processed events and read notifications', async () => {
    const oldPublished = await outboxRow(daysAgo(8), daysAgo(8));
    const oldUnpublished = await outboxRow(null, daysAgo(40));
    const recentPublished = await outboxRow(daysAgo(6), daysAgo(6));
    const oldProcessed = randomUUID();
    const recentProcessed = randomUUID();
    await fx.db.query(
      `INSERT INTO processed_events (consumer, event_id, type, processed_at) VALUES ('mentoring', $1, 't', $2), ('mentoring', $3, 't', $4)`,
      [oldProcessed, daysAgo(31), recentProcessed, daysAgo(29)],
    );
    const oldRead = await notification('USER', daysAgo(91), 'officer-1');
    const oldRoleRead = await notification('ROLE', daysAgo(91), 'supervisor-1');
    const oldUnread = await notification('USER', daysAgo(91), null);
    const recentRead = await notification('USER', daysAgo(89), 'officer-1');

    const pruned = await fx.app.get(RetentionService).prune();

    expect(pruned).toEqual({
      'published outbox events': 1,
      'processed events': 1,
      'read notifications': 2,
    });
    const outbox = await fx.db.query(`SELECT event_id FROM outbox`);
    expect(outbox.map((row: { event_id: string }) => row.event_id).sort()).toEqual(
      [oldUnpublished, recentPublished].sort(),
    );
    expect(outbox.map((row: { event_id: string }) => row.event_id)).not.toContain(oldPublished);
    expect(await fx.count('processed_events', 'event_id = ANY($1)', [[oldProcessed, recentProcessed]])).toBe(1);
    expect(await fx.count('processed_events', 'event_id = $1', [recentProcessed])).toBe(1);
    const notifications = await fx.db.query(`SELECT id FROM notifications`);
    expect(notifications.map((row: { id: string }) => row.id).sort()).toEqual([oldUnread, recentRead].sort());
    expect(await fx.count('notification_reads', 'notification_id = ANY($1)', [[oldRead, oldRoleRead]])).toBe(0);
    expect(await fx.count('notification_reads', 'notification_id = $1', [recentRead])).toBe(1);
  });

  it('runs a periodic task once per period across replicas', async () => {
    const periodic = fx.app.get(PeriodicTasks);
    const name = `sample-${randomUUID().slice(0, 8)}`;
    const replicas = await Promise.all(Array.from({ length: 5 }, () => periodic.claim(name, 60_000)));
    expect(replicas.filter(Boolean)).toHaveLength(1);
    expect(await periodic.claim(name, 60_000)).toBe(false);

    await fx.db.query(`UPDATE periodic_runs SET last_run_at = now() - interval '61 seconds' WHERE name = $1`, [name]);
    const nextPeriod = await Promise.all(Array.from({ length: 5 }, () => periodic.claim(name, 60_000)));
    expect(nextPeriod.filter(Boolean)).toHaveLength(1);
  });
});
