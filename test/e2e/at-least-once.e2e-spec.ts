import { eventually } from '@koperasi/testing';
import { startCity, type City } from './support/city';
import { duplicateEveryDelivery } from './support/duplicator';
import {
  casesOf,
  cooperativeStatus,
  daysAgo,
  officer,
  openReactivationCase,
  recordRat,
  registerCooperative,
  registrar,
  runEvaluation,
  waitForStatus,
} from './support/lifecycle';

type Duplicator = Awaited<ReturnType<typeof duplicateEveryDelivery>>;

/** What flow 1 must leave behind, whatever the delivery did. */
async function endState(city: City, ids: Record<string, string>) {
  const state: Record<string, unknown> = {};
  for (const [label, id] of Object.entries(ids)) {
    const history = await registrar.get(`${city.urls.registry}/cooperatives/${id}/status-history`);
    const closed = await casesOf(city, id, true);
    const open = await casesOf(city, id);
    state[label] = {
      status: await cooperativeStatus(city, id),
      statusMoves: (history.body as { from: string | null; to: string }[]).map((entry) => `${entry.from}->${entry.to}`),
      openCases: open.map((c) => `${c.type}:${c.status}`),
      closedCases: closed.map((c) => `${c.type}:${c.outcome}`),
    };
  }
  return state;
}

describe('flow 1 again with every event delivered twice and a service restarted mid-flow', () => {
  let city: City;
  let duplicator: Duplicator;

  beforeAll(async () => {
    city = await startCity();
    duplicator = await duplicateEveryDelivery(city.prefix);
  }, 120_000);

  afterAll(async () => {
    await duplicator?.stop();
    await city?.close();
  });

  it('ends in the same state as the plain flow, with nothing duplicated', async () => {
    const ids = {
      kept: await registerCooperative(city, 'Karya Mandiri', [2021, 2022]),
      revived: await registerCooperative(city, 'Bina Usaha', [2019, 2020]),
      dormant: await registerCooperative(city, 'Sinar Abadi', [2018]),
    };

    // Mentoring crashes while the evaluation's events are on their way, then comes back.
    const evaluation = runEvaluation(city);
    await city.stop('mentoring', 'SIGKILL');
    await evaluation;
    await city.start('mentoring');

    const reactivation = await openReactivationCase(city, ids.revived);
    await openReactivationCase(city, ids.dormant);
    expect((await officer.post(`${city.urls.mentoring}/cases/${reactivation.id}/claim`)).status).toBe(200);
    expect(
      (
        await officer.post(`${city.urls.mentoring}/cases/${reactivation.id}/activities`, {
          kind: 'VISIT',
          occurredOn: daysAgo(3),
          text: 'Board rebuilt',
        })
      ).status,
    ).toBe(201);

    // The registry restarts just after recording the RAT, before its events have all gone out.
    await recordRat(city, ids.revived, 2023, daysAgo(2));
    await city.stop('registry');
    await city.start('registry');
    await waitForStatus(city, ids.revived, 'ACTIVE');
    await eventually(async () => (await casesOf(city, ids.revived)).length === 0, 'the reactivation case to close');
    await eventually(() => Promise.resolve(duplicator.count() > 0), 'duplicated deliveries');
    // Let the duplicates drain before reading the end state.
    await new Promise((resolve) => setTimeout(resolve, 2_000));

    expect(await endState(city, ids)).toEqual({
      kept: { status: 'ACTIVE', statusMoves: [expect.stringMatching(/->ACTIVE$/)], openCases: [], closedCases: [] },
      revived: {
        status: 'ACTIVE',
        statusMoves: [expect.stringMatching(/->ACTIVE$/), 'ACTIVE->INACTIVE', 'INACTIVE->ACTIVE'],
        openCases: [],
        closedCases: ['REACTIVATION:REACTIVATED'],
      },
      dormant: {
        status: 'INACTIVE',
        statusMoves: [expect.stringMatching(/->ACTIVE$/), 'ACTIVE->INACTIVE'],
        openCases: ['REACTIVATION:UNASSIGNED'],
        closedCases: [],
      },
    });
  });
});
