import { randomUUID } from 'node:crypto';
import type { Actor, EventData, EventEnvelope, EventType } from '@koperasi/contracts';
import { InboxService } from '@koperasi/platform';
import { Client } from 'pg';
import { comparableRows, inboxDeliveries, signedEvent, statementsOf } from '@koperasi/testing';
import { CooperativeStatusChangedConsumer } from '../src/cases/consumers/cooperative-status-changed.consumer';
import { RatRecordedConsumer } from '../src/cases/consumers/rat-recorded.consumer';
import { CooperativeDetailsChangedConsumer } from '../src/cooperatives/consumers/cooperative-details-changed.consumer';
import { startMentoring, type MentoringFixture } from './mentoring-fixture';

type Status = EventData<'registry.cooperative-status-changed.v1'>['to'];

const EVALUATION: Actor = { id: 'evaluation-run', name: 'Annual evaluation' };
const OFFICER: Actor = { id: 'officer-1', name: 'Officer One' };
const BASE = Date.now() - 3_600_000;
/** A fixed moment, the same in both runs. */
const at = (minute: number) => new Date(BASE + minute * 60_000).toISOString();

/**
 * Each scenario runs twice on cooperatives of its own: once with its last events delivered
 * together (one batch, the consumers' `handleBatch`), once one by one (`handle`, or one statement
 * where the consumer has one: `statementFor`). Both runs must write the same rows: read model,
 * status history, cases, checklists, timers, case history, audit, notifications and outbox.
 */
describe('mentoring: a batch of events writes what the same events one by one write', () => {
  let f: MentoringFixture;
  let oneByOne: ReturnType<typeof inboxDeliveries>['oneByOne'];
  let together: ReturnType<typeof inboxDeliveries>['together'];

  beforeAll(async () => {
    f = await startMentoring();
    ({ oneByOne, together } = inboxDeliveries(f.app.get(InboxService)));
  });
  afterAll(() => f.close());

  /** A scenario's events, for cooperatives named `${run}-…`; `setup` runs before them, one by one. */
  function scenario(run: string) {
    const events: EventEnvelope[] = [];
    const event = <T extends EventType>(type: T, data: EventData<T>, actor: Actor = EVALUATION, minute = 0) => {
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
    const coop = (name: string, status: Status) => ({
      cooperativeId: `${run}-${name}`,
      name: `Koperasi ${run}-${name}`,
      legalEntityNumber: `BH-${run}-${name}`,
      nik: `NIK-${run}-${name}`,
      kecamatan: 'Pahandut',
      kelurahan: 'Langkai',
      type: 'SAVINGS_AND_LOAN',
      status,
    });
    return {
      events,
      registered: (name: string, status: Status) =>
        event('registry.cooperative-registered.v1', { ...coop(name, status), registeredAt: at(0) }),
      statusChanged: (name: string, from: Status, to: Status, minute: number, actor?: Actor) =>
        event(
          'registry.cooperative-status-changed.v1',
          { ...coop(name, to), from, to, reason: `${from} to ${to}`, changedAt: at(minute), triggeringEventId: null },
          actor,
          minute,
        ),
      poorHealth: (name: string) =>
        event('registry.health-assessed.v1', {
          cooperativeId: `${run}-${name}`,
          assessmentId: `assessment-${run}-${name}`,
          fiscalYear: 2025,
          scheme: 'B',
          category: 'UNDER_SUPERVISION',
          score: null,
        }),
      ratRecorded: (name: string, fiscalYear: number, actor?: Actor) =>
        event(
          'registry.rat-recorded.v1',
          {
            cooperativeId: `${run}-${name}`,
            ratId: `rat-${run}-${name}-${fiscalYear}`,
            fiscalYear,
            meetingDate: `${fiscalYear + 1}-03-01`,
            reportedDate: `${fiscalYear + 1}-03-10`,
            late: false,
          },
          actor,
        ),
      detailsChanged: (name: string, status: Status, kecamatan: string, minute: number) =>
        event(
          'registry.cooperative-details-changed.v1',
          {
            ...coop(name, status),
            kecamatan,
            name: `Koperasi ${run}-${name} (${kecamatan})`,
            changedFields: ['kecamatan'],
          },
          OFFICER,
          minute,
        ),
    };
  }
  type Scenario = ReturnType<typeof scenario>;

  /** Officers at work before the events: a case assigned, one on hold with its timer. */
  async function assignAndHold(run: string): Promise<void> {
    await f.db.query(
      `UPDATE cases SET status = 'ASSIGNED', assignee_id = 'officer-1', assignee_name = 'Officer One', assigned_at = $2
       WHERE cooperative_id = ANY($1::varchar[])`,
      [[`${run}-assigned`, `${run}-dissolved`], at(1)],
    );
    const [held] = await f.db.query(
      `UPDATE cases SET status = 'ON_HOLD', assignee_id = 'officer-2', hold_until = $2, hold_reason = 'Board elections'
       WHERE cooperative_id = $1 RETURNING id`,
      [`${run}-held`, at(600)],
    );
    await f.db.query(
      `INSERT INTO deadlines (kind, subject_id, due_at, state, correlation_id) VALUES ('mentoring.hold-ends', $1, $2, 'PENDING', 'corr-hold')`,
      [held[0].id, at(600)],
    );
  }

  /** What the run wrote, comparable with the other run's. */
  async function written(run: string, events: EventEnvelope[]) {
    const like = `${run}-%`;
    const cases: { id: string; label: string }[] = await f.db.query(
      `SELECT id, concat_ws(':', 'case', cooperative_id, type, row_number() OVER (PARTITION BY cooperative_id, type ORDER BY opened_at)) AS label
       FROM cases WHERE cooperative_id LIKE $1`,
      [like],
    );
    const caseIds = cases.map((value) => value.id);
    const labels = new Map([
      ...cases.map((value): [string, string] => [value.id, value.label.replace(run, 'run')]),
      ...events.map((event, index): [string, string] => [event.eventId, `event-${index}`]),
    ]);
    const rows = async (sql: string, params: unknown[]) =>
      comparableRows(await f.db.query(sql, params), (text) => text.replaceAll(run, 'run'), labels);
    return {
      cooperatives: await rows(`SELECT * FROM cooperatives WHERE id LIKE $1`, [like]),
      transitions: await rows(`SELECT * FROM cooperative_status_transitions WHERE cooperative_id LIKE $1`, [like]),
      cases: await rows(`SELECT * FROM cases WHERE cooperative_id LIKE $1`, [like]),
      checklists: await rows(`SELECT * FROM case_checklist_items WHERE case_id = ANY($1::uuid[])`, [caseIds]),
      history: await rows(`SELECT * FROM case_history WHERE case_id = ANY($1::uuid[])`, [caseIds]),
      deadlines: await rows(`SELECT * FROM deadlines WHERE subject_id = ANY($1::varchar[])`, [caseIds]),
      audit: await rows(`SELECT * FROM audit_log WHERE entity_id = ANY($1::varchar[]) OR entity_id LIKE $2`, [
        caseIds,
        like,
      ]),
      notifications: await rows(`SELECT * FROM notifications WHERE case_id = ANY($1::uuid[])`, [caseIds]),
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
  async function bothWays(
    build: (s: Scenario) => void,
    batch: (s: Scenario) => EventEnvelope[],
    prepare: (run: string) => Promise<void> = async () => {},
  ) {
    const handles = [CooperativeStatusChangedConsumer, RatRecordedConsumer, CooperativeDetailsChangedConsumer].map(
      (consumer) => jest.spyOn(f.app.get(consumer), 'handle'),
    );
    const runs = [];
    for (const mode of ['batch', 'single'] as const) {
      const run = `${mode}-${randomUUID().slice(0, 8)}`;
      const s = scenario(run);
      build(s);
      await oneByOne(s.events);
      await prepare(run);
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

  it('status changes of every kind: opens, closes, late, repeated and duplicate events', async () => {
    const { batched, single } = await bothWays(
      (s) => {
        for (const name of ['reactivated', 'assigned', 'held', 'dissolved']) s.registered(name, 'INACTIVE');
        for (const name of ['revoked', 'late', 'back', 'proposed', 'twice']) s.registered(name, 'ACTIVE');
        s.poorHealth('dissolved');
        s.poorHealth('revoked');
        s.statusChanged('late', 'INACTIVE', 'ACTIVE', 5);
        s.statusChanged('back', 'ACTIVE', 'IN_DISSOLUTION', 1);
      },
      (s) => {
        const fresh = s.statusChanged('fresh', 'ACTIVE', 'INACTIVE', 6);
        return [
          s.statusChanged('reactivated', 'INACTIVE', 'ACTIVE', 6),
          // The assignee is the one whose change closes the case: no notice to themselves.
          s.statusChanged('assigned', 'INACTIVE', 'ACTIVE', 6, OFFICER),
          s.statusChanged('held', 'INACTIVE', 'ACTIVE', 6),
          s.statusChanged('dissolved', 'IN_DISSOLUTION', 'DISSOLVED', 6),
          s.statusChanged('revoked', 'ACTIVE', 'LEGAL_ENTITY_REVOKED', 6),
          s.statusChanged('late', 'ACTIVE', 'INACTIVE', 2),
          s.statusChanged('twice', 'ACTIVE', 'INACTIVE', 6),
          fresh,
          s.statusChanged('back', 'IN_DISSOLUTION', 'INACTIVE', 6),
          s.statusChanged('proposed', 'ACTIVE', 'IN_DISSOLUTION', 6),
          s.statusChanged('unknown', 'INACTIVE', 'ACTIVE', 6),
          s.statusChanged('twice', 'INACTIVE', 'ACTIVE', 7),
          fresh,
        ];
      },
      assignAndHold,
    );

    expect(batched.outcomes).toEqual([...Array(12).fill('applied'), 'duplicate']);
    expect(single.outcomes).toEqual(batched.outcomes);
    // Only the second event of one cooperative went one by one: the batch did not fall back.
    expect(batched.handled).toBe(1);
    expect(batched.rows).toEqual(single.rows);

    const { cases, notifications, deadlines, audit } = batched.rows;
    expect(cases.filter((row) => row.includes('"outcome":"REACTIVATED"'))).toHaveLength(4);
    expect(cases.filter((row) => row.includes('"outcome":"DISSOLVED"'))).toHaveLength(3);
    expect(cases.filter((row) => row.includes('"priority":"HIGH","priority_rank"'))).toHaveLength(1);
    expect(notifications.filter((row) => row.includes('"kind":"CASE_CLOSED"'))).toHaveLength(3);
    expect(
      deadlines.filter((row) =>
        row.includes('"kind":"mentoring.hold-ends","payload":{},"settled_at":"time","state":"CANCELLED"'),
      ),
    ).toHaveLength(1);
    expect(audit.filter((row) => row.includes('"action":"case.closed","actor_id":"officer-1"'))).toHaveLength(1);
  });

  it('RATs and details changes: closes reactivations, updates the read model, repeats go in order', async () => {
    const { batched, single } = await bothWays(
      (s) => {
        for (const name of ['alive', 'assigned', 'held', 'dissolved']) s.registered(name, 'INACTIVE');
        s.registered('active', 'ACTIVE');
      },
      (s) => [
        s.ratRecorded('alive', 2024),
        s.ratRecorded('assigned', 2024),
        s.ratRecorded('held', 2024, OFFICER),
        s.ratRecorded('active', 2024),
        s.ratRecorded('alive', 2025),
        s.detailsChanged('alive', 'INACTIVE', 'Jekan Raya', 3),
        s.detailsChanged('dissolved', 'INACTIVE', 'Jekan Raya', 3),
        s.detailsChanged('dissolved', 'INACTIVE', 'Sebangau', 4),
        s.detailsChanged('active', 'ACTIVE', 'Sebangau', 4),
      ],
      assignAndHold,
    );

    expect(batched.outcomes).toEqual(Array(9).fill('applied'));
    expect(single.outcomes).toEqual(batched.outcomes);
    expect(batched.handled).toBe(2);
    expect(batched.rows).toEqual(single.rows);

    const { cases, cooperatives } = batched.rows;
    expect(cases.filter((row) => row.includes('"outcome":"REACTIVATED"'))).toHaveLength(3);
    expect(cases.filter((row) => row.includes('"kecamatan":"Sebangau"'))).toHaveLength(1);
    expect(cooperatives.filter((row) => row.includes('"kecamatan":"Sebangau"'))).toHaveLength(2);
  });

  it('applies a wave in as many statements whatever its size', async () => {
    async function statementsFor(size: number): Promise<number> {
      const run = `wave-${randomUUID().slice(0, 8)}`;
      const s = scenario(run);
      for (let i = 0; i < size; i += 1) s.registered(`open-${i}`, 'INACTIVE');
      await oneByOne(s.events);
      const events = Array.from({ length: size }, (_, i) => [
        s.statusChanged(`open-${i}`, i % 2 ? 'INACTIVE' : 'IN_DISSOLUTION', i % 2 ? 'ACTIVE' : 'DISSOLVED', 5),
        s.statusChanged(`new-${i}`, 'ACTIVE', 'INACTIVE', 5),
      ]).flat();
      const statements = await statementsOf(events, together);
      expect(await f.count('cases', `cooperative_id LIKE $1 AND status = 'CLOSED'`, [`${run}-%`])).toBe(size);
      expect(await f.count('cases', `cooperative_id LIKE $1 AND status = 'UNASSIGNED'`, [`${run}-%`])).toBe(size);
      return statements;
    }

    expect(await statementsFor(12)).toBe(await statementsFor(3));
  });

  it('applies a status change alone in one statement with its processed_events row (the latency path)', async () => {
    const run = `alone-${randomUUID().slice(0, 8)}`;
    const s = scenario(run);
    const alone = [s.statusChanged('alone', 'IN_DISSOLUTION', 'INACTIVE', 5)];
    const wave = [
      s.statusChanged('wave-1', 'ACTIVE', 'INACTIVE', 5),
      s.statusChanged('wave-2', 'ACTIVE', 'INACTIVE', 5),
    ];

    const consumer = f.app.get(CooperativeStatusChangedConsumer);
    const handle = jest.spyOn(consumer, 'handle');
    const statementFor = jest.spyOn(consumer, 'statementFor');
    // The inbox's row, the read model with our history, and the case with all it opens with.
    expect(await statementsOf(alone, oneByOne)).toBe(1);
    expect(statementFor).toHaveBeenCalledTimes(1);
    expect(handle).not.toHaveBeenCalled();
    handle.mockRestore();
    statementFor.mockRestore();

    // Prepared once per connection (DATABASE_PREPARED_STATEMENTS): named after its text.
    const query = jest.spyOn(Client.prototype, 'query');
    expect(await oneByOne([s.statusChanged('named', 'ACTIVE', 'INACTIVE', 5)])).toEqual(['applied']);
    const [sent] = (query.mock.calls as unknown[][])
      .map(([config]) => config as { name?: string; text?: string })
      .filter((config) => config.text?.includes('INSERT INTO processed_events'));
    query.mockRestore();
    expect(sent.name).toMatch(/^s[0-9a-f]{24}$/);

    // BEGIN, the inbox, the same statement for every event, COMMIT.
    expect(await statementsOf(wave, together)).toBe(4);
    expect(await f.count('cases', `cooperative_id LIKE $1 AND status = 'UNASSIGNED'`, [`${run}-%`])).toBe(4);
    expect(
      await f.count('deadlines', `subject_id IN (SELECT id::text FROM cases WHERE cooperative_id LIKE $1)`, [
        `${run}-%`,
      ]),
    ).toBe(8);
  });

  it('applies a repeat alone as a duplicate: its statement writes nothing', async () => {
    const run = `again-${randomUUID().slice(0, 8)}`;
    const s = scenario(run);
    const event = s.statusChanged('again', 'ACTIVE', 'INACTIVE', 5);
    expect(await oneByOne([event])).toEqual(['applied']);
    // Closed meanwhile: only the inbox's row keeps a repeat from opening another case.
    await f.db.query(
      `UPDATE cases SET status = 'CLOSED', outcome = 'REACTIVATED', closed_at = now() WHERE cooperative_id = $1`,
      [`${run}-again`],
    );
    const before = await written(run, s.events);

    expect(await oneByOne([event])).toEqual(['duplicate']);
    expect(await written(run, s.events)).toEqual(before);
    expect(before.cases).toHaveLength(1);
    expect(before.transitions).toHaveLength(1);
    expect(before.notifications).toHaveLength(1);
  });
});
