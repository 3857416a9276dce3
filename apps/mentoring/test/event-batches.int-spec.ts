import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import type { EventEnvelope } from '@koperasi/contracts';
import { InboxService } from '@koperasi/platform';
import { signedEvent } from '@koperasi/testing';
import { CooperativeStatusChangedConsumer } from '../src/cases/consumers/cooperative-status-changed.consumer';
import { startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

const TYPE = 'registry.cooperative-status-changed.v1';

/**
 * The annual evaluation sends status changes in waves; the inbox applies the jobs in flight as one
 * batch and the consumer opens their cases set-based. The jobs are handed to the inbox directly,
 * in one turn of the event loop, so they are sure to form one batch.
 */
describe('mentoring: status changes applied as a batch', () => {
  let f: MentoringFixture;
  let inbox: InboxService;

  beforeAll(async () => {
    f = await startMentoring();
    inbox = f.app.get(InboxService);
  });
  afterAll(() => f.close());

  const envelope = (data: ReturnType<typeof statusChange>): EventEnvelope<typeof TYPE> =>
    signedEvent({
      eventId: randomUUID(),
      type: TYPE,
      occurredAt: new Date().toISOString(),
      correlationId: `corr-${randomUUID()}`,
      actor: { id: 'evaluation-run', name: 'Annual evaluation' },
      data,
    });
  const deliverTogether = (events: EventEnvelope[]) =>
    Promise.all(
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

  it('opens one complete reactivation case per cooperative, each written with its own event context', async () => {
    const events = Array.from({ length: 8 }, (_, index) =>
      envelope(statusChange(`wave-${index}`, 'ACTIVE', 'INACTIVE')),
    );
    const oneByOne = jest.spyOn(f.app.get(CooperativeStatusChangedConsumer), 'handle');

    expect(await deliverTogether(events)).toEqual(events.map(() => 'applied'));
    expect(oneByOne).not.toHaveBeenCalled();
    oneByOne.mockRestore();

    for (const event of events) {
      const [found] = await f.db.query(
        `SELECT id, status, opened_by, kecamatan FROM cases WHERE cooperative_id = $1 AND type = 'REACTIVATION'`,
        [event.data.cooperativeId],
      );
      expect(found).toEqual({
        id: expect.any(String),
        status: 'UNASSIGNED',
        opened_by: 'evaluation-run',
        kecamatan: 'Pahandut',
      });
      expect(await f.count('case_checklist_items', 'case_id = $1', [found.id])).toBeGreaterThan(0);
      expect(
        await f.count('deadlines', `subject_id = $1 AND state = 'PENDING' AND correlation_id = $2`, [
          found.id,
          event.correlationId,
        ]),
      ).toBe(2);
      expect(
        await f.count('case_history', `case_id = $1 AND action = 'OPENED' AND actor_id = 'evaluation-run'`, [found.id]),
      ).toBe(1);
      expect(
        await f.count(
          'audit_log',
          `entity_id = $1 AND action = 'case.opened' AND correlation_id = $2 AND actor_id = 'evaluation-run'`,
          [found.id, event.correlationId],
        ),
      ).toBe(1);
      expect(
        await f.count('notifications', `case_id = $1 AND kind = 'CASE_OPENED' AND message LIKE $2`, [
          found.id,
          `%Koperasi ${event.data.cooperativeId}%`,
        ]),
      ).toBe(1);
      expect(await f.count('cooperative_status_transitions', 'event_id = $1', [event.eventId])).toBe(1);
    }
  });

  it('keeps each cooperative in order within a batch: inactive then active closes the case it opened', async () => {
    const inactiveAt = new Date(Date.now() - 60_000);
    const events = [
      envelope(statusChange('order-a', 'ACTIVE', 'INACTIVE', inactiveAt)),
      envelope(statusChange('order-b', 'ACTIVE', 'INACTIVE')),
      envelope(statusChange('order-a', 'INACTIVE', 'ACTIVE')),
    ];

    expect(await deliverTogether(events)).toEqual(['applied', 'applied', 'applied']);

    const [a] = await f.db.query(`SELECT status, outcome FROM cases WHERE cooperative_id = 'order-a'`);
    expect(a).toEqual({ status: 'CLOSED', outcome: 'REACTIVATED' });
    expect(await f.count('cases', `cooperative_id = 'order-b' AND status = 'UNASSIGNED'`)).toBe(1);
    const [coop] = await f.db.query(`SELECT status FROM cooperatives WHERE id = 'order-a'`);
    expect(coop.status).toBe('ACTIVE');
  });

  it('opens nothing for a late event or a cooperative that already has an open case', async () => {
    await deliverTogether([envelope(statusChange('late-1', 'INACTIVE', 'ACTIVE'))]);
    await deliverTogether([envelope(statusChange('open-1', 'ACTIVE', 'INACTIVE'))]);

    const events = [
      envelope(statusChange('late-1', 'ACTIVE', 'INACTIVE', new Date(Date.now() - 3_600_000))),
      envelope(statusChange('open-1', 'IN_DISSOLUTION', 'INACTIVE')),
      envelope(statusChange('fresh-1', 'ACTIVE', 'INACTIVE')),
    ];
    expect(await deliverTogether(events)).toEqual(['applied', 'applied', 'applied']);

    expect(await f.count('cases', `cooperative_id = 'late-1'`)).toBe(0);
    expect(await f.count('cases', `cooperative_id = 'open-1'`)).toBe(1);
    expect(await f.count('cases', `cooperative_id = 'fresh-1'`)).toBe(1);
    expect(await f.count('dead_letters')).toBe(0);
  });
});
