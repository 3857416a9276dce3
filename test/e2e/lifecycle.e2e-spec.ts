import { eventually } from '@koperasi/testing';
import { as } from './support/api';
import { startCity, type City } from './support/city';
import {
  casesOf,
  cooperativeStatus,
  daysAgo,
  failReactivation,
  officer,
  openReactivationCase,
  otherSupervisor,
  propose,
  registerCooperative,
  registrar,
  runEvaluation,
  supervisor,
  waitForStatus,
} from './support/lifecycle';

describe('the whole lifecycle across the three services (separate processes, HTTP only)', () => {
  let city: City;
  let kept: string;
  let revived: string;
  let objected: string;
  let dissolved: string;

  beforeAll(async () => {
    city = await startCity();
    kept = await registerCooperative(city, 'Maju Bersama', [2021, 2022]);
    revived = await registerCooperative(city, 'Sumber Rejeki', [2019, 2020]);
    objected = await registerCooperative(city, 'Harapan Jaya', [2018]);
    dissolved = await registerCooperative(city, 'Tunas Lestari', [2017]);
  }, 120_000);

  afterAll(() => city?.close());

  it('1. evaluation makes cooperatives inactive; a RAT reactivates one and closes its case', async () => {
    const run = await runEvaluation(city);
    expect(run.outcomes.becameInactive).toBe(3);
    expect(await cooperativeStatus(city, kept)).toBe('ACTIVE');
    for (const id of [revived, objected, dissolved]) expect(await cooperativeStatus(city, id)).toBe('INACTIVE');

    const reactivation = await openReactivationCase(city, revived);
    expect((await officer.post(`${city.urls.mentoring}/cases/${reactivation.id}/claim`)).status).toBe(200);
    const visit = await officer.post(`${city.urls.mentoring}/cases/${reactivation.id}/activities`, {
      kind: 'VISIT',
      occurredOn: daysAgo(3),
      text: 'Met the new board; the RAT for 2023 is planned',
    });
    expect(visit.status).toBe(201);

    const traced = as(['registrar'], 'registrar-1', { 'x-correlation-id': 'e2e-rat-revived' });
    const rat = await traced.post(`${city.urls.registry}/cooperatives/${revived}/rats`, {
      fiscalYear: 2023,
      meetingDate: daysAgo(2),
      reportedDate: daysAgo(2),
      membersPresent: 50,
      membersTotal: 75,
    });
    expect(rat.status).toBe(201);
    await waitForStatus(city, revived, 'ACTIVE');
    const closed = await eventually(
      async () => (await casesOf(city, revived, true)).find((c) => c.id === reactivation.id),
      'the case to close',
    );
    expect(closed).toMatchObject({ status: 'CLOSED', outcome: 'REACTIVATED' });

    // The request's correlation id travelled through the registry's events into mentoring's audit.
    const audit = await supervisor.get(`${city.urls.mentoring}/audit?entityId=${reactivation.id}&limit=200`);
    const closing = (audit.body.items as { action: string; correlationId: string }[]).filter(
      (entry) => entry.correlationId === 'e2e-rat-revived',
    );
    expect(closing.length).toBeGreaterThan(0);
    expect(await casesOf(city, revived)).toEqual([]);
    expect(await casesOf(city, kept)).toEqual([]);
  });

  it('2. a failed reactivation becomes a proceeding; four eyes; an upheld objection sends it back to mentoring', async () => {
    const draft = await failReactivation(city, objected);
    await propose(city, draft.id);
    const base = `${city.urls.dissolution}/proceedings/${draft.id}`;

    const byProposer = await officer.post(`${base}/approve`);
    expect(byProposer.status).toBe(403);
    const approved = await otherSupervisor.post(`${base}/approve`, { approvedOn: daysAgo(15) });
    expect(approved.status).toBe(200);
    await waitForStatus(city, objected, 'IN_DISSOLUTION');

    expect(
      (
        await officer.post(`${base}/notice`, {
          method: 'REGISTERED_MAIL_BOARD',
          sentOn: daysAgo(14),
          receivedOn: daysAgo(10),
        })
      ).status,
    ).toBe(200);
    const objection = await officer.post(`${base}/objection`, {
      receivedOn: daysAgo(2),
      filedBy: 'The members',
      grounds: 'A new board was elected',
    });
    expect(objection.status).toBe(200);
    expect(objection.body.step).toBe('OBJECTION_UNDER_REVIEW');
    const upheld = await supervisor.post(`${base}/objection/decision`, {
      outcome: 'UPHELD',
      reason: 'The members elected a new board',
    });
    expect(upheld.status).toBe(200);

    await waitForStatus(city, objected, 'INACTIVE');
    const reopened = await openReactivationCase(city, objected);
    expect(reopened.status).toBe('UNASSIGNED');
    // Back from dissolution: as urgent as after a rejection or a withdrawal.
    expect(reopened.priority).toBe('HIGH');
    const history = await registrar.get(`${city.urls.registry}/cooperatives/${objected}/status-history`);
    const moves = (history.body as { from: string | null; to: string }[]).map((entry) => `${entry.from}->${entry.to}`);
    expect(moves).toEqual(
      expect.arrayContaining(['ACTIVE->INACTIVE', 'INACTIVE->IN_DISSOLUTION', 'IN_DISSOLUTION->INACTIVE']),
    );
  });

  it('3. no objection: the window closes by timer; decree, liquidation, gazette; nothing left open anywhere', async () => {
    const draft = await failReactivation(city, dissolved);
    await propose(city, draft.id);
    const base = `${city.urls.dissolution}/proceedings/${draft.id}`;
    // The approval was signed 310 days ago: the old notice below follows it.
    expect((await supervisor.post(`${base}/approve`, { approvedOn: daysAgo(310) })).status).toBe(200);
    await waitForStatus(city, dissolved, 'IN_DISSOLUTION');

    // The notice was received long enough ago that the two-month window has already closed.
    expect(
      (
        await officer.post(`${base}/notice`, {
          method: 'POSTED_AT_OFFICE',
          sentOn: daysAgo(305),
          receivedOn: daysAgo(300),
        })
      ).status,
    ).toBe(200);
    await eventually(
      async () => (await supervisor.get(base)).body.step === 'READY_FOR_DECREE',
      'the window timer to fire',
    );

    const decree = await supervisor.post(`${base}/decree`, { number: '188.45/17/DISKOP/2026', date: daysAgo(200) });
    expect(decree.status).toBe(200);
    await waitForStatus(city, dissolved, 'DISSOLVED');
    expect(
      (
        await officer.post(`${base}/creditor-notice`, {
          noticeOn: daysAgo(190),
          liquidators: ['Tim Penyelesai A'],
          liquidatorAppointedOn: daysAgo(190),
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await officer.post(`${base}/settlement-report`, {
          reportedOn: daysAgo(60),
          summary: 'No assets, no claims filed',
        })
      ).status,
    ).toBe(200);
    const gazette = await officer.post(`${base}/gazette`, { publishedOn: daysAgo(30) });
    expect(gazette.status).toBe(200);
    expect(gazette.body.step).toBe('GAZETTED');

    await waitForStatus(city, dissolved, 'LEGAL_ENTITY_REVOKED');
    expect(await casesOf(city, dissolved)).toEqual([]);
    const open = await supervisor.get(`${city.urls.dissolution}/proceedings?limit=200`);
    expect((open.body.items as { cooperativeId: string }[]).filter((p) => p.cooperativeId === dissolved)).toEqual([]);
  });
});
