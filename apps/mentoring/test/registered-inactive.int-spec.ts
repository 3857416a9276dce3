import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import type { EventEnvelope } from '@koperasi/contracts';
import { InboxService } from '@koperasi/platform';
import { registered, startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

const TYPE = 'registry.cooperative-registered.v1';

/** Issue 13: a cooperative registered or imported as INACTIVE is part of the reactivation work. */
describe('mentoring: a cooperative registered as INACTIVE gets its reactivation case', () => {
  let f: MentoringFixture;
  beforeAll(async () => {
    f = await startMentoring();
  });
  afterAll(() => f.close());

  const reactivationCases = (cooperativeId: string) =>
    f.db.query(
      `SELECT status, opened_reason FROM cases WHERE cooperative_id = $1 AND type = 'REACTIVATION' ORDER BY opened_at`,
      [cooperativeId],
    );

  it('opens one REACTIVATION case for an INACTIVE registration, none for an ACTIVE one', async () => {
    const inactive = `reg-in-${randomUUID()}`;
    const active = `reg-act-${randomUUID()}`;
    await f.deliver(TYPE, registered(inactive, 'INACTIVE'));
    await f.deliver(TYPE, registered(active, 'ACTIVE'));
    await f.quiet();
    expect(await reactivationCases(inactive)).toEqual([
      { status: 'UNASSIGNED', opened_reason: 'Registered as inactive' },
    ]);
    expect(await reactivationCases(active)).toEqual([]);
    expect(await f.count('dead_letters')).toBe(0);
  });

  it('opens none when a newer status reached mentoring before the late registration', async () => {
    const id = `reg-late-${randomUUID()}`;
    await f.deliver('registry.cooperative-status-changed.v1', statusChange(id, 'INACTIVE', 'ACTIVE'));
    await f.quiet();
    await f.deliver(TYPE, registered(id, 'INACTIVE'));
    await f.quiet();
    expect(await reactivationCases(id)).toEqual([]);
  });

  it('opens the cases of an import that arrives as one batch', async () => {
    const ids = Array.from({ length: 4 }, (_, index) => `reg-batch-${index}-${randomUUID()}`);
    const events: EventEnvelope<typeof TYPE>[] = ids.map((id, index) => ({
      eventId: randomUUID(),
      type: TYPE,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${id}`,
      actor: { id: 'registrar-1' },
      data: registered(id, index % 2 === 0 ? 'INACTIVE' : 'ACTIVE'),
    }));
    const inbox = f.app.get(InboxService);
    await Promise.all(
      events.map((event) =>
        inbox.process({
          id: event.eventId,
          name: event.type,
          data: event,
          opts: {},
          attemptsMade: 0,
        } as unknown as Job),
      ),
    );
    await f.quiet();
    const opened = await f.db.query(
      `SELECT cooperative_id, opened_by FROM cases WHERE cooperative_id = ANY($1) AND type = 'REACTIVATION' ORDER BY cooperative_id`,
      [ids],
    );
    expect(opened).toEqual(
      [ids[0], ids[2]].sort().map((cooperativeId) => ({ cooperative_id: cooperativeId, opened_by: 'registrar-1' })),
    );
  });
});
