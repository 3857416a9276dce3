// Seeds the demo city through the real flows, resuming where an interrupted start stopped:
// registration and RAT history (registrar) -> annual evaluation for fiscal 2023 -> reactivation
// cases (events) -> failed reactivations (officer) -> dissolution drafts (events) -> proposals,
// approvals, notices, objections and the objection-window timer; then requests received earlier,
// entered as cases that are overdue or due soon (sla-cases.mjs).
import { buildCity, FISCAL_YEAR } from './city-data.mjs';
import { client, inBatches, until } from './api-client.mjs';
import { seedSlaCases } from './sla-cases.mjs';

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
 * Seeds the city, or finishes a seed an interrupted start left half done: every step reads what the
 * services already hold and does only what is missing, so a start interrupted at any moment is
 * completed by the next one. A registry holding cooperatives that are not the demo's is left alone.
 * `actors` are the console's demo users doing the work (registrar, officer, supervisor: { id, name,
 * roles }; officers: the officers with their `kecamatan`, each working the requests of theirs);
 * without them, placeholder ids act.
 */
export async function seedCity(urls, log = console.log, actors = {}) {
  const { registrar = REGISTRAR, officer = OFFICER, supervisor = SUPERVISOR, officers = [] } = actors;
  const city = buildCity();
  const registry = client(urls.registry, registrar);
  const registered = await registeredCooperatives(registry);
  const demoNumbers = new Set(city.map((cooperative) => cooperative.legalEntityNumber));
  const foreign = [...registered.keys()].filter((number) => !demoNumbers.has(number)).length;
  if (foreign > 0) {
    log(`demo: the registry holds ${foreign} cooperatives that are not the demo city's; not seeding`);
    return false;
  }
  const missing = city.filter((cooperative) => !registered.has(cooperative.legalEntityNumber));
  if (missing.length > 0) log(`demo: registering ${missing.length} of ${city.length} cooperatives`);
  await inBatches(missing, 8, async (cooperative) => {
    const created = await registry.post('/cooperatives', registration(cooperative));
    registered.set(cooperative.legalEntityNumber, created);
  });
  const ids = city.map((cooperative) => registered.get(cooperative.legalEntityNumber).id);
  await recordRatHistory(registry, city, ids, registered, log);
  await evaluate(registry, log);

  const mentoring = client(urls.mentoring, officer);
  const inactive = city
    .map((cooperative, index) => ({ cooperative, id: ids[index] }))
    .filter(({ cooperative }) => cooperative.cohort === 'dormant' || cooperative.cohort === 'defunct');
  await until(async () => {
    const open = await mentoring.get('/cases/counts?type=REACTIVATION');
    return open.all + (await closedReactivations(mentoring)).size >= inactive.length;
  }, 'the reactivation cases to open');

  const defunct = inactive.filter(({ cooperative }) => cooperative.cohort === 'defunct');
  const closed = await closedReactivations(mentoring);
  const failing = defunct.filter(({ id }) => !closed.has(id));
  if (failing.length > 0) log(`demo: ${failing.length} reactivations fail; their dissolution proceedings start`);
  await inBatches(failing, 4, ({ cooperative, id }) =>
    failReactivation(
      mentoring,
      officer.id,
      cooperative,
      id,
      defunct.findIndex((d) => d.id === id),
    ),
  );

  const dissolution = client(urls.dissolution, officer);
  const approver = client(urls.dissolution, supervisor);
  const proceedings = await until(async () => {
    const page = await dissolution.get('/proceedings?limit=200');
    const byCooperative = new Map(page.items.map((proceeding) => [proceeding.cooperativeId, proceeding]));
    return defunct.every(({ id }) => byCooperative.has(id)) && byCooperative;
  }, 'the dissolution proceedings');
  await inBatches(defunct, 4, ({ cooperative, id }, index) =>
    advanceProceeding(dissolution, approver, proceedings.get(id), cooperative, DISSOLUTION_STAGES[index]),
  );

  const closing = defunct.filter((_, index) => DISSOLUTION_STAGES[index] === 'READY_FOR_DECREE');
  await until(async () => {
    const page = await dissolution.get('/proceedings?limit=200');
    const byCooperative = new Map(page.items.map((proceeding) => [proceeding.cooperativeId, proceeding]));
    return closing.every(({ id }) => reached(byCooperative.get(id), 'READY_FOR_DECREE'));
  }, 'the objection windows to close by timer');

  const active = city
    .map((cooperative, index) => ({ cooperative, id: ids[index] }))
    .filter(({ cooperative }) => cooperative.cohort === 'held2023' || cooperative.cohort === 'held2022');
  const clients = new Map();
  await seedSlaCases(
    active,
    (kecamatan) => {
      const covering = officers.find((candidate) => candidate.kecamatan === kecamatan) ?? officer;
      if (!clients.has(covering.id)) clients.set(covering.id, client(urls.mentoring, covering));
      return { officer: covering, mentoring: clients.get(covering.id) };
    },
    log,
  );
  log('demo: the city is seeded');
  return true;
}

/** The registry's cooperatives by legal-entity number (the demo city's natural key). */
async function registeredCooperatives(registry) {
  const found = new Map();
  for (let offset = 0; ; offset += 200) {
    const page = await registry.get(`/cooperatives?sort=legalEntityNumber&limit=200&offset=${offset}`);
    for (const cooperative of page.items) found.set(cooperative.legalEntityNumber, cooperative);
    if (page.items.length < 200) return found;
  }
}

/**
 * Each cooperative's RATs in fiscal order, so one whose latest recorded year is its last is
 * complete; for the others the recorded years are read and only the missing ones are sent.
 */
async function recordRatHistory(registry, city, ids, registered, log) {
  const incomplete = city
    .map((cooperative, index) => ({ cooperative, id: ids[index] }))
    .filter(({ cooperative }) => {
      const last = cooperative.rats.at(-1)?.fiscalYear ?? null;
      return registered.get(cooperative.legalEntityNumber).lastRatYear !== last;
    });
  if (incomplete.length === 0) return;
  log(`demo: recording the RAT history of ${incomplete.length} cooperatives`);
  await inBatches(incomplete, 8, async ({ cooperative, id }) => {
    const recorded = await registry.get(`/cooperatives/${id}/rats`);
    const years = new Set(recorded.map((rat) => rat.fiscalYear));
    for (const rat of cooperative.rats) {
      if (!years.has(rat.fiscalYear)) await registry.post(`/cooperatives/${id}/rats`, ratRecord(rat));
    }
  });
}

/** The fiscal year's evaluation: an earlier completed run counts; a running one is awaited; a failed one is run again. */
async function evaluate(registry, log) {
  const runs = await registry.get(`/evaluations?fiscalYear=${FISCAL_YEAR}&limit=50`);
  const real = runs.items.filter((run) => !run.dryRun);
  if (real.some((run) => run.state === 'COMPLETED')) return;
  let run = real.find((run) => !['COMPLETED', 'FAILED'].includes(run.state));
  if (!run) {
    log(`demo: annual evaluation for fiscal ${FISCAL_YEAR}`);
    run = await registry.post('/evaluations', { fiscalYear: FISCAL_YEAR });
  }
  const finished = await until(async () => {
    const progress = await registry.get(`/evaluations/${run.id}`);
    return ['COMPLETED', 'FAILED'].includes(progress.state) && progress;
  }, 'the evaluation to finish');
  if (finished.state !== 'COMPLETED') throw new Error(`evaluation failed: ${finished.error}`);
  log(`demo: ${finished.outcomes.becameInactive} cooperatives became inactive`);
}

/** Cooperatives whose reactivation case is closed. */
async function closedReactivations(mentoring) {
  const page = await mentoring.get('/cases?type=REACTIVATION&status=CLOSED&limit=200');
  return new Set(page.items.map((found) => found.cooperative.id));
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

/** Claims, documents and closes the case as failed, skipping what an interrupted start already did. */
async function failReactivation(mentoring, officerId, cooperative, cooperativeId, index) {
  const page = await until(async () => {
    const found = await mentoring.get(`/cases?type=REACTIVATION&cooperativeId=${cooperativeId}`);
    return found.total === 1 && found;
  }, `the reactivation case of ${cooperative.name}`);
  const { id: caseId, assigneeId } = page.items[0];
  if (assigneeId !== officerId) await mentoring.post(`/cases/${caseId}/claim`);
  const recorded = new Set((await mentoring.get(`/cases/${caseId}/activities`)).map((a) => a.kind));
  if (!recorded.has('VISIT')) {
    await mentoring.post(`/cases/${caseId}/activities`, {
      kind: 'VISIT',
      occurredOn: addDays(today(), -30),
      text: `Visited the registered address on ${cooperative.street}; the office is closed and neighbours say it stopped years ago.`,
    });
  }
  if (!recorded.has('CALL')) {
    await mentoring.post(`/cases/${caseId}/activities`, {
      kind: 'CALL',
      occurredOn: addDays(today(), -20),
      text: `Called the last known chair, ${cooperative.chair}: no board has met since the last RAT.`,
    });
  }
  await mentoring.post(`/cases/${caseId}/close`, {
    outcome: FAILURES[index % FAILURES.length],
    reason: 'Reactivation failed after visits and calls',
    evidenceNotes: `No RAT since fiscal ${cooperative.rats.at(-1)?.fiscalYear ?? 'ever'}; the kelurahan confirms it no longer operates.`,
  });
}

const STEP_ORDER = ['DRAFT', 'PROPOSED', 'APPROVED', 'NOTICE_DELIVERED', 'OBJECTION_UNDER_REVIEW', 'READY_FOR_DECREE'];
/** Whether the proceeding is at `step` or past it (a step after the demo's stages, or a closed one, is past all). */
const reached = (proceeding, step) => {
  const at = STEP_ORDER.indexOf(proceeding.step);
  return at === -1 || at >= STEP_ORDER.indexOf(step);
};

/** Takes the proceeding from the step it is at (after an interrupted start, any) to its stage. */
async function advanceProceeding(officer, supervisor, proceeding, cooperative, stage) {
  const base = `/proceedings/${proceeding.id}`;
  if (!reached(proceeding, 'PROPOSED')) {
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
  }
  // The approval was signed after the checks; the notices and objections below follow it.
  if (!reached(proceeding, 'APPROVED'))
    await supervisor.post(`${base}/approve`, { approvedOn: addDays(today(), -140) });
  if (stage === 'APPROVED') return;
  // A window still open received its notice recently; a closed one more than two months ago.
  const receivedOn = stage === 'READY_FOR_DECREE' ? addDays(today(), -75) : addDays(today(), -20);
  if (!reached(proceeding, 'NOTICE_DELIVERED')) {
    await officer.post(`${base}/notice`, {
      method: 'REGISTERED_MAIL_BOARD',
      sentOn: addDays(receivedOn, -5),
      receivedOn,
    });
  }
  if (stage !== 'OBJECTION_UNDER_REVIEW' || reached(proceeding, 'OBJECTION_UNDER_REVIEW')) return;
  await officer.post(`${base}/objection`, {
    receivedOn: addDays(today(), -5),
    filedBy: `Members of ${cooperative.name}`,
    grounds: 'The members intend to hold an extraordinary meeting and elect a new board',
  });
}
