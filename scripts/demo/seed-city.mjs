// Seeds the demo city through the real flows, only when the registry is empty:
// registration and RAT history (registrar) -> annual evaluation for fiscal 2023 -> reactivation
// cases (events) -> failed reactivations (officer) -> dissolution drafts (events) -> proposals,
// approvals, notices, objections and the objection-window timer.
import { buildCity, FISCAL_YEAR } from './city-data.mjs';
import { client, inBatches, until } from './api-client.mjs';

const REGISTRAR = { id: 'registrar-1', name: 'Rina Registrar', roles: ['registrar'] };
const OFFICER = { id: 'officer-1', name: 'Oki Pendamping', roles: ['officer'] };
const SUPERVISOR = { id: 'supervisor-1', name: 'Sri Kepala Bidang', roles: ['supervisor'] };
const FAILURES = ['NO_BOARD', 'NO_MEMBERS', 'UNREACHABLE', 'NO_BUSINESS'];
/** Where the 22 proceedings stand once seeded, in order of the defunct cohort. */
const DISSOLUTION_STAGES = [
  ...Array(5).fill('APPROVED'),
  ...Array(6).fill('NOTICE_DELIVERED'),
  ...Array(5).fill('OBJECTION_UNDER_REVIEW'),
  ...Array(6).fill('READY_FOR_DECREE'),
];

const addDays = (isoDate, days) =>
  new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const today = () => new Date().toISOString().slice(0, 10);

/**
 * `actors` are the console's demo users doing the work (registrar, officer, supervisor: { id, name,
 * roles }); without them, placeholder ids act.
 */
export async function seedCity(urls, log = console.log, actors = {}) {
  const { registrar = REGISTRAR, officer = OFFICER, supervisor = SUPERVISOR } = actors;
  const registry = client(urls.registry, registrar);
  const existing = await registry.get('/cooperatives?limit=1');
  if (existing.total > 0) {
    log(`demo: the registry already holds ${existing.total} cooperatives; not seeding again`);
    return false;
  }
  const city = buildCity();
  log(`demo: registering ${city.length} cooperatives with their RAT history`);
  const ids = await inBatches(city, 8, (cooperative) =>
    registry.post('/cooperatives', registration(cooperative)).then((c) => c.id),
  );
  const rats = city.flatMap((cooperative, index) => cooperative.rats.map((rat) => ({ id: ids[index], rat })));
  await inBatches(rats, 8, ({ id, rat }) => registry.post(`/cooperatives/${id}/rats`, ratRecord(rat)));

  log(`demo: annual evaluation for fiscal ${FISCAL_YEAR}`);
  const run = await registry.post('/evaluations', { fiscalYear: FISCAL_YEAR });
  const finished = await until(async () => {
    const progress = await registry.get(`/evaluations/${run.id}`);
    return ['COMPLETED', 'FAILED'].includes(progress.state) && progress;
  }, 'the evaluation to finish');
  if (finished.state !== 'COMPLETED') throw new Error(`evaluation failed: ${finished.error}`);
  log(`demo: ${finished.outcomes.becameInactive} cooperatives became inactive`);

  const mentoring = client(urls.mentoring, officer);
  const inactive = city.filter(
    (cooperative) => cooperative.cohort === 'dormant' || cooperative.cohort === 'defunct',
  ).length;
  await until(
    async () => (await mentoring.get('/cases/counts?type=REACTIVATION')).all === inactive,
    'the reactivation cases to open',
  );

  const defunct = city
    .map((cooperative, index) => ({ cooperative, id: ids[index] }))
    .filter(({ cooperative }) => cooperative.cohort === 'defunct');
  log(`demo: ${defunct.length} reactivations fail; their dissolution proceedings start`);
  await inBatches(defunct, 4, ({ cooperative, id }, index) => failReactivation(mentoring, cooperative, id, index));

  const dissolution = client(urls.dissolution, officer);
  const approver = client(urls.dissolution, supervisor);
  const drafts = await until(async () => {
    const page = await dissolution.get('/proceedings?step=DRAFT&limit=200');
    return page.total === defunct.length && page.items;
  }, 'the draft proceedings');
  const draftByCooperative = new Map(drafts.map((proceeding) => [proceeding.cooperativeId, proceeding.id]));
  await inBatches(defunct, 4, ({ cooperative, id }, index) =>
    advanceProceeding(dissolution, approver, draftByCooperative.get(id), cooperative, DISSOLUTION_STAGES[index]),
  );

  await until(async () => {
    const pipeline = await approver.get('/proceedings/pipeline');
    return (
      pipeline.steps.find((step) => step.step === 'READY_FOR_DECREE')?.count ===
      DISSOLUTION_STAGES.filter((s) => s === 'READY_FOR_DECREE').length
    );
  }, 'the objection windows to close by timer');
  log('demo: the city is seeded');
  return true;
}

function registration(c) {
  return {
    name: c.name,
    legalEntityNumber: c.legalEntityNumber,
    legalEntityDate: c.legalEntityDate,
    ...(c.nik ? { nik: c.nik, nikCertificateStatus: 'CERTIFIED' } : { nikCertificateStatus: 'NOT_CERTIFIED' }),
    form: 'PRIMARY_CITY',
    type: c.type,
    group: c.group,
    scheme: 'CONVENTIONAL',
    street: c.street,
    kelurahan: c.kelurahan,
    kecamatan: c.kecamatan,
    city: 'Palangka Raya',
    province: 'Kalimantan Tengah',
    chair: c.chair,
    secretary: c.secretary,
    treasurer: c.treasurer,
    membersMale: c.membersMale,
    membersFemale: c.membersFemale,
    employees: c.employees,
  };
}

function ratRecord(rat) {
  return {
    fiscalYear: rat.fiscalYear,
    meetingDate: rat.meetingDate,
    reportedDate: addDays(rat.meetingDate, 12),
    membersPresent: rat.membersPresent,
    membersTotal: rat.membersTotal,
    accountabilityReportReceived: true,
    financialStatementsReceived: true,
    workPlanReceived: true,
    ownCapital: rat.ownCapital,
    outsideCapital: rat.outsideCapital,
    assets: rat.assets,
    businessVolume: rat.businessVolume,
    ...(rat.surplus !== undefined ? { surplus: rat.surplus } : {}),
  };
}

async function failReactivation(mentoring, cooperative, cooperativeId, index) {
  const page = await until(async () => {
    const found = await mentoring.get(`/cases?type=REACTIVATION&cooperativeId=${cooperativeId}`);
    return found.total === 1 && found;
  }, `the reactivation case of ${cooperative.name}`);
  const caseId = page.items[0].id;
  await mentoring.post(`/cases/${caseId}/claim`);
  await mentoring.post(`/cases/${caseId}/activities`, {
    kind: 'VISIT',
    occurredOn: addDays(today(), -30),
    text: `Visited the registered address on ${cooperative.street}; the office is closed and neighbours say it stopped years ago.`,
  });
  await mentoring.post(`/cases/${caseId}/activities`, {
    kind: 'CALL',
    occurredOn: addDays(today(), -20),
    text: `Called the last known chair, ${cooperative.chair}: no board has met since the last RAT.`,
  });
  await mentoring.post(`/cases/${caseId}/close`, {
    outcome: FAILURES[index % FAILURES.length],
    reason: 'Reactivation failed after visits and calls',
    evidenceNotes: `No RAT since fiscal ${cooperative.rats.at(-1)?.fiscalYear ?? 'ever'}; the kelurahan confirms it no longer operates.`,
  });
}

async function advanceProceeding(officer, supervisor, id, cooperative, stage) {
  const base = `/proceedings/${id}`;
  await officer.patch(`${base}/proposal`, {
    grounds: ['NO_MEETING_3_YEARS'],
    fieldCheck: {
      checkedOn: addDays(today(), -150),
      kelurahanOfficial: `Lurah ${cooperative.kelurahan}`,
      finding: 'The cooperative no longer operates at its address',
    },
    debtCheck: { checkedOn: addDays(today(), -145), hasOutstandingDebts: false },
  });
  await officer.post(`${base}/propose`);
  // The approval was signed after the checks; the notices and objections below follow it.
  await supervisor.post(`${base}/approve`, { approvedOn: addDays(today(), -140) });
  if (stage === 'APPROVED') return;
  // A window still open received its notice recently; a closed one more than two months ago.
  const receivedOn = stage === 'READY_FOR_DECREE' ? addDays(today(), -75) : addDays(today(), -20);
  await officer.post(`${base}/notice`, {
    method: 'REGISTERED_MAIL_BOARD',
    sentOn: addDays(receivedOn, -5),
    receivedOn,
  });
  if (stage !== 'OBJECTION_UNDER_REVIEW') return;
  await officer.post(`${base}/objection`, {
    receivedOn: addDays(today(), -5),
    filedBy: `Members of ${cooperative.name}`,
    grounds: 'The members intend to hold an extraordinary meeting and elect a new board',
  });
}
