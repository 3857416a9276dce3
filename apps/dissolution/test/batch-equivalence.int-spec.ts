import { randomUUID } from 'node:crypto';
import type { Actor, EventData, EventEnvelope, EventType } from '@koperasi/contracts';
import { InboxService } from '@koperasi/platform';
import { comparableRows, inboxDeliveries, signedEvent, statementsOf } from '@koperasi/testing';
import { CooperativeDetailsChangedConsumer } from '../src/cooperatives/consumers/cooperative-details-changed.consumer';
import { CooperativeRegisteredConsumer } from '../src/cooperatives/consumers/cooperative-registered.consumer';
import { CooperativeStatusChangedConsumer } from '../src/cooperatives/consumers/cooperative-status-changed.consumer';
import { RatRecordedConsumer } from '../src/proceedings/consumers/rat-recorded.consumer';
import { officeDay, reactivationFailed, startDissolution, type DissolutionFixture } from './dissolution-fixture';

type Status = EventData<'registry.cooperative-status-changed.v1'>['to'];

const IMPORT: Actor = { id: 'registrar-1', name: 'Registrar One' };
const EVALUATION: Actor = { id: 'evaluation-run', name: 'Annual evaluation' };
const BASE = Date.now() - 3_600_000;
/** A fixed moment, the same in both runs. */
const at = (minute: number) => new Date(BASE + minute * 60_000).toISOString();

/**
 * Each scenario runs twice on cooperatives of its own: once with its last events delivered
 * together (one batch, the consumers' `handleBatch`), once one by one (`handle`). Both runs must
 * write the same rows: read model, proceedings, audit, notifications, timers and outbox.
 */
describe('dissolution: a batch of events writes what the same events one by one write', () => {
  let f: DissolutionFixture;
  let oneByOne: ReturnType<typeof inboxDeliveries>['oneByOne'];
  let together: ReturnType<typeof inboxDeliveries>['together'];

  beforeAll(async () => {
    f = await startDissolution();
    ({ oneByOne, together } = inboxDeliveries(f.app.get(InboxService)));
  });
  afterAll(() => f.close());

  /** A scenario's events, for cooperatives named `${run}-…`. */
  function scenario(run: string) {
    const events: EventEnvelope[] = [];
    const event = <T extends EventType>(type: T, data: EventData<T>, actor: Actor, minute = 0) => {
      const envelope = signedEvent({
        eventId: randomUUID(),
        type,
        occurredAt: at(minute),
        correlationId: `corr-${run}-${events.length}`,
        actor,
        data,
      } as EventEnvelope<T>);
      events.push(envelope);
      return envelope;
    };
    const coop = (name: string, status: Status, version?: number, kecamatan = 'Pahandut') => ({
      cooperativeId: `${run}-${name}`,
      name: `Koperasi ${run}-${name}`,
      legalEntityNumber: `BH-${run}-${name}`,
      nik: null,
      kecamatan,
      kelurahan: 'Langkai',
      type: 'SAVINGS_AND_LOAN',
      status,
      ...(version ? { cooperativeVersion: version } : {}),
    });
    return {
      events,
      registered: (name: string, status: Status, minute = 0, version?: number) =>
        event(
          'registry.cooperative-registered.v1',
          { ...coop(name, status, version), registeredAt: at(minute) },
          IMPORT,
          minute,
        ),
      detailsChanged: (name: string, kecamatan: string, minute: number, version?: number) =>
        event(
          'registry.cooperative-details-changed.v1',
          { ...coop(name, 'INACTIVE', version, kecamatan), changedFields: ['kecamatan'] },
          IMPORT,
          minute,
        ),
      statusChanged: (name: string, from: Status, to: Status, minute: number) =>
        event(
          'registry.cooperative-status-changed.v1',
          { ...coop(name, to), from, to, reason: `${from} to ${to}`, changedAt: at(minute), triggeringEventId: null },
          EVALUATION,
          minute,
        ),
      reactivationFailed: (name: string) =>
        event('mentoring.reactivation-failed.v1', reactivationFailed(`${run}-${name}`), {
          id: 'officer-1',
          name: 'Officer One',
        }),
      ratRecorded: (name: string, fiscalYear: number) =>
        event(
          'registry.rat-recorded.v1',
          {
            cooperativeId: `${run}-${name}`,
            ratId: `rat-${run}-${name}-${fiscalYear}`,
            fiscalYear,
            meetingDate: officeDay(-3),
            reportedDate: officeDay(-1),
            late: false,
          },
          IMPORT,
        ),
    };
  }
  type Scenario = ReturnType<typeof scenario>;

  /** What the run wrote, comparable with the other run's. */
  async function written(run: string, events: EventEnvelope[]) {
    const like = `${run}-%`;
    const proceedings: { id: string; cooperative_id: string }[] = await f.dataSource.query(
      `SELECT id, cooperative_id FROM proceedings WHERE cooperative_id LIKE $1`,
      [like],
    );
    const ids = proceedings.map((value) => value.id);
    const labels = new Map([
      ...proceedings.map((value): [string, string] => [
        value.id,
        `proceeding:${value.cooperative_id.replace(run, 'run')}`,
      ]),
      ...events.map((event, index): [string, string] => [event.eventId, `event-${index}`]),
    ]);
    const rows = async (sql: string, params: unknown[]) =>
      comparableRows(await f.dataSource.query(sql, params), (text) => text.replaceAll(run, 'run'), labels);
    return {
      cooperatives: await rows(`SELECT * FROM cooperatives WHERE cooperative_id LIKE $1`, [like]),
      proceedings: await rows(`SELECT * FROM proceedings WHERE cooperative_id LIKE $1`, [like]),
      audit: await rows(`SELECT * FROM audit_log WHERE entity_id = ANY($1::varchar[]) OR entity_id LIKE $2`, [
        ids,
        like,
      ]),
      notifications: await rows(`SELECT * FROM notifications WHERE proceeding_id = ANY($1::uuid[])`, [ids]),
      deadlines: await rows(`SELECT * FROM deadlines WHERE subject_id = ANY($1::varchar[])`, [ids]),
      outbox: await rows(`SELECT type, envelope FROM outbox WHERE envelope -> 'data' ->> 'cooperativeId' LIKE $1`, [
        like,
      ]),
      processed: await rows(`SELECT consumer, event_id, type FROM processed_events WHERE event_id = ANY($1::uuid[])`, [
        events.map((event) => event.eventId),
      ]),
      deadLetters: await rows(`SELECT error_code, payload FROM dead_letters WHERE payload::text LIKE $1`, [`%${like}`]),
    };
  }

  /**
   * Runs the scenario both ways; answers the two runs' rows, the batch run's outcomes and how
   * many events of the batch reached a consumer's one-by-one `handle`.
   */
  async function bothWays(build: (s: Scenario) => void, batch: (s: Scenario) => EventEnvelope[]) {
    const consumers = [
      CooperativeRegisteredConsumer,
      CooperativeDetailsChangedConsumer,
      CooperativeStatusChangedConsumer,
      RatRecordedConsumer,
    ];
    const handles = consumers.map((consumer) => jest.spyOn(f.app.get(consumer), 'handle'));
    const runs = [];
    for (const mode of ['batch', 'single'] as const) {
      const run = `${mode}-${randomUUID().slice(0, 8)}`;
      const s = scenario(run);
      build(s);
      await oneByOne(s.events);
      const events = batch(s);
      handles.forEach((handle) => handle.mockClear());
      const outcomes = mode === 'batch' ? await together(events) : await oneByOne(events);
      const handled = handles.reduce((sum, handle) => sum + handle.mock.calls.length, 0);
      runs.push({ outcomes, handled, rows: await written(run, s.events) });
    }
    handles.forEach((handle) => handle.mockRestore());
    const [batched, single] = runs;
    return { batched, single };
  }

  it('registrations and details changes: new, repeated, late and duplicate events', async () => {
    const { batched, single } = await bothWays(
      (s) => {
        s.registered('known', 'ACTIVE', 0, 3);
        s.registered('edited', 'INACTIVE', 0);
      },
      (s) => {
        const fresh = s.registered('fresh', 'INACTIVE', 5);
        return [
          fresh,
          s.registered('again', 'ACTIVE', 5, 1),
          s.registered('again', 'ACTIVE', 6, 2),
          // Older than the version held: history only, no snapshot, no audit.
          s.registered('known', 'INACTIVE', 5, 2),
          fresh,
          s.detailsChanged('edited', 'Jekan Raya', 5),
          s.detailsChanged('edited', 'Sebangau', 6),
          s.detailsChanged('known', 'Sebangau', 6, 2),
          s.detailsChanged('unknown', 'Sebangau', 6, 4),
        ];
      },
    );

    expect(batched.outcomes).toEqual([...Array(4).fill('applied'), 'duplicate', ...Array(4).fill('applied')]);
    expect(single.outcomes).toEqual(batched.outcomes);
    // Only each cooperative's second event of a type went one by one: the batch did not fall back.
    expect(batched.handled).toBe(2);
    expect(batched.rows).toEqual(single.rows);

    const { cooperatives, audit } = batched.rows;
    expect(cooperatives.filter((row) => row.includes('"kecamatan":"Sebangau"'))).toHaveLength(2);
    expect(cooperatives.filter((row) => row.includes('"registry_version":3'))).toHaveLength(1);
    expect(audit.filter((row) => row.includes('"action":"cooperative.snapshot-applied"'))).toHaveLength(2 + 6);
  });

  it('RATs: flag a proceeding before the decree once per RAT, change nothing for the others', async () => {
    const { batched, single } = await bothWays(
      (s) => {
        for (const name of ['dormant', 'alive', 'twice']) s.registered(name, 'INACTIVE');
        s.reactivationFailed('dormant');
        s.reactivationFailed('twice');
      },
      (s) => [
        s.ratRecorded('dormant', 2025),
        s.ratRecorded('alive', 2025),
        s.ratRecorded('twice', 2024),
        s.ratRecorded('twice', 2025),
        s.ratRecorded('unknown', 2025),
        // The same RAT again (published twice by the registry): flagged already, nothing new.
        s.ratRecorded('dormant', 2025),
      ],
    );

    expect(batched.outcomes).toEqual(Array(6).fill('applied'));
    expect(single.outcomes).toEqual(batched.outcomes);
    // Only the cooperatives in dissolution reach the one-by-one path.
    expect(batched.handled).toBe(4);
    expect(batched.rows).toEqual(single.rows);

    const { proceedings, notifications } = batched.rows;
    expect(proceedings.filter((row) => row.includes('"review_flag":{'))).toHaveLength(2);
    expect(notifications.filter((row) => row.includes('"kind":"PROCEEDING_FLAGGED"'))).toHaveLength(3);
  });

  it('status changes: the first of each cooperative together, the rest in order', async () => {
    const { batched, single } = await bothWays(
      (s) => {
        s.registered('evaluated', 'ACTIVE');
        s.statusChanged('late', 'ACTIVE', 'INACTIVE', 8);
      },
      (s) => [
        s.statusChanged('evaluated', 'ACTIVE', 'INACTIVE', 5),
        s.statusChanged('late', 'INACTIVE', 'ACTIVE', 2),
        s.statusChanged('twice', 'ACTIVE', 'INACTIVE', 5),
        s.statusChanged('twice', 'INACTIVE', 'ACTIVE', 6),
      ],
    );

    expect(batched.outcomes).toEqual(Array(4).fill('applied'));
    expect(single.outcomes).toEqual(batched.outcomes);
    expect(batched.handled).toBe(1);
    expect(batched.rows).toEqual(single.rows);
    expect(batched.rows.cooperatives.filter((row) => row.includes('"status":"INACTIVE"'))).toHaveLength(2);
  });

  it('applies a status change alone in one statement with its processed_events row; a duplicate writes nothing', async () => {
    const run = `alone-${randomUUID().slice(0, 8)}`;
    const s = scenario(run);
    const event = s.statusChanged('alone', 'ACTIVE', 'INACTIVE', 5);
    const consumer = f.app.get(CooperativeStatusChangedConsumer);
    const handle = jest.spyOn(consumer, 'handle');

    // The inbox's row, the snapshot and its audit.
    expect(await statementsOf([event], oneByOne)).toBe(1);
    expect(handle).not.toHaveBeenCalled();
    handle.mockRestore();
    const before = await written(run, s.events);
    expect(before.cooperatives.filter((row) => row.includes('"status":"INACTIVE"'))).toHaveLength(1);
    expect(before.audit.filter((row) => row.includes('"action":"cooperative.snapshot-applied"'))).toHaveLength(1);

    expect(await oneByOne([event])).toEqual(['duplicate']);
    expect(await written(run, s.events)).toEqual(before);
  });
});
