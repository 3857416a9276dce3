import { randomBytes } from 'node:crypto';
import { eventually } from '@koperasi/testing';
import { as } from './api';
import type { City } from './city';

/** What the helpers need of a city: where its services answer. */
type Urls = Pick<City, 'urls'>;

export const registrar = as(['registrar'], 'registrar-1');
export const officer = as(['officer'], 'officer-1');
export const otherOfficer = as(['officer'], 'officer-2');
export const supervisor = as(['supervisor'], 'supervisor-1');
export const otherSupervisor = as(['supervisor'], 'supervisor-2');
export const manager = as(['manager'], 'manager-1');

export const FISCAL_YEAR = 2023;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
export { daysAgo };

/** Registers a cooperative with RATs for the given fiscal years; answers its id. */
export async function registerCooperative(city: Urls, label: string, ratYears: number[]): Promise<string> {
  const serial = randomBytes(3).toString('hex');
  const created = await registrar.post(`${city.urls.registry}/cooperatives`, {
    name: `Koperasi ${label} ${serial}`,
    legalEntityNumber: `${serial}/BH/XIX.1/2001`,
    legalEntityDate: '2001-03-14',
    type: 'SAVINGS_AND_LOAN',
    group: 'KSP',
    kelurahan: 'Langkai',
    kecamatan: 'Pahandut',
    membersMale: 40,
    membersFemale: 35,
  });
  expect(created.status).toBe(201);
  for (const fiscalYear of ratYears) await recordRat(city, created.body.id, fiscalYear);
  return created.body.id;
}

export async function recordRat(
  city: Urls,
  cooperativeId: string,
  fiscalYear: number,
  meetingDate = `${fiscalYear + 1}-03-20`,
) {
  const response = await registrar.post(`${city.urls.registry}/cooperatives/${cooperativeId}/rats`, {
    fiscalYear,
    meetingDate,
    reportedDate: meetingDate,
    membersPresent: 50,
    membersTotal: 75,
    financialStatementsReceived: true,
  });
  expect(response.status).toBe(201);
  return response.body;
}

export async function runEvaluation(city: Urls, fiscalYear = FISCAL_YEAR) {
  const started = await registrar.post(`${city.urls.registry}/evaluations`, { fiscalYear });
  expect(started.status).toBe(202);
  return eventually(async () => {
    const run = await registrar.get(`${city.urls.registry}/evaluations/${started.body.id}`);
    return run.body.state === 'COMPLETED' && run.body;
  }, 'the evaluation to complete');
}

export async function cooperativeStatus(city: Urls, id: string): Promise<string> {
  return (await registrar.get(`${city.urls.registry}/cooperatives/${id}`)).body.status;
}

export function waitForStatus(city: Urls, id: string, status: string) {
  return eventually(async () => (await cooperativeStatus(city, id)) === status, `cooperative ${id} to be ${status}`);
}

/** The cooperative's cases of a type (open, or closed with `closed`). */
export async function casesOf(city: Urls, cooperativeId: string, closed = false) {
  const response = await supervisor.get(
    `${city.urls.mentoring}/cases?cooperativeId=${cooperativeId}${closed ? '&status=CLOSED' : ''}&limit=200`,
  );
  expect(response.status).toBe(200);
  return response.body.items as {
    id: string;
    type: string;
    status: string;
    priority: string;
    outcome: string | null;
  }[];
}

export function openReactivationCase(city: Urls, cooperativeId: string) {
  return eventually(
    async () => (await casesOf(city, cooperativeId)).find((c) => c.type === 'REACTIVATION'),
    `a reactivation case for ${cooperativeId}`,
  );
}

/** An officer claims the reactivation case and closes it as failed; answers the draft proceeding. */
export async function failReactivation(city: Urls, cooperativeId: string) {
  const open = await openReactivationCase(city, cooperativeId);
  expect((await officer.post(`${city.urls.mentoring}/cases/${open.id}/claim`)).status).toBe(200);
  expect(
    (
      await officer.post(`${city.urls.mentoring}/cases/${open.id}/activities`, {
        kind: 'VISIT',
        occurredOn: daysAgo(10),
        text: 'Office closed; no board',
      })
    ).status,
  ).toBe(201);
  const closed = await officer.post(`${city.urls.mentoring}/cases/${open.id}/close`, {
    outcome: 'NO_BOARD',
    reason: 'The board cannot be rebuilt',
    evidenceNotes: 'Kelurahan head confirms no activity since 2019',
  });
  expect(closed.status).toBe(200);
  return eventually(async () => {
    const list = await supervisor.get(`${city.urls.dissolution}/proceedings?step=DRAFT&limit=200`);
    return (list.body.items as { id: string; cooperativeId: string }[]).find((p) => p.cooperativeId === cooperativeId);
  }, `a draft proceeding for ${cooperativeId}`);
}

/** Fills the proposal and proposes it as the officer. */
export async function propose(city: Urls, proceedingId: string) {
  const base = `${city.urls.dissolution}/proceedings/${proceedingId}`;
  const filled = await officer.patch(`${base}/proposal`, {
    grounds: ['NO_MEETING_3_YEARS'],
    fieldCheck: { checkedOn: daysAgo(320), kelurahanOfficial: 'Lurah Langkai', finding: 'No longer operates' },
    debtCheck: { checkedOn: daysAgo(318), hasOutstandingDebts: false },
  });
  expect(filled.status).toBe(200);
  const proposed = await officer.post(`${base}/propose`);
  expect(proposed.status).toBe(200);
  expect(proposed.body.step).toBe('PROPOSED');
}
