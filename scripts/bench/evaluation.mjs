// Measurement 2: the annual evaluation, through the whole pipeline. From the API call until every
// status change is committed in the registry, and until every resulting REACTIVATION case is open
// in mentoring (outbox -> relay -> queue -> consumer -> case). Polls both schemas; the end times
// are the rows' own stamps (status_history.at, cases.opened_at), taken inside their transactions.
import { platform } from '../services.mjs';
import { connect } from './scratch.mjs';
import { NotMeasured } from './seed.mjs';
import { sleep } from './stats.mjs';
import { waitForQuiet } from './quiet.mjs';

const PROGRESS_SQL = `SELECT
  (SELECT count(*)::int FROM registry.status_history WHERE at >= $2 AND evaluation_run_id = $1) AS changed,
  (SELECT max(at) FROM registry.status_history WHERE at >= $2 AND evaluation_run_id = $1) AS last_change,
  (SELECT count(*)::int FROM mentoring.cases WHERE type = 'REACTIVATION' AND opened_at >= $2) AS opened,
  (SELECT max(opened_at) FROM mentoring.cases WHERE type = 'REACTIVATION' AND opened_at >= $2) AS last_opened`;

export async function annualEvaluation({
  options,
  scratch,
  report,
  log,
  seeded,
  services,
  jwtSecret,
  referenceJobsPerSecond,
  evaluationDeadline,
}) {
  if (!seeded) throw new NotMeasured('nothing was seeded');
  const token = platform().signToken(platform().tokenSettings({ JWT_SECRET: jwtSecret }), {
    id: 'bench-registrar',
    name: 'Benchmark registrar',
    roles: ['registrar'],
  });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const api = services.registry.url;
  const client = await connect(scratch.databaseUrl);
  try {
    const {
      rows: [{ now: dbNow }],
    } = await client.query('SELECT now()');
    const startedAt = new Date(Math.min(Date.now(), dbNow.getTime()) - 1);
    const t0 = Date.now();
    const response = await fetch(`${api}/evaluations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ fiscalYear: seeded.year }),
    });
    const apiMs = Date.now() - t0;
    if (response.status === 404) throw new NotMeasured('the registry has no POST /evaluations route');
    if (!response.ok) throw new Error(`POST /evaluations answered ${response.status}: ${await response.text()}`);
    const run = await response.json();
    log(`  evaluation: run ${run.id} accepted in ${apiMs} ms; expecting ${seeded.expectedInactive} status changes`);

    const deadline = evaluationDeadline ?? t0 + options.evaluationTimeoutMs;
    let view = run;
    let progress;
    let lastView = 0;
    let registryObservedAt = null;
    let mentoringObservedAt = null;
    for (;;) {
      if (Date.now() - lastView > 500 || ['COMPLETED', 'FAILED'].includes(view.state)) {
        const answer = await fetch(`${api}/evaluations/${run.id}`, { headers });
        if (answer.ok) view = await answer.json();
        lastView = Date.now();
      }
      if (view.state === 'FAILED') throw new Error(`the evaluation run failed: ${view.error}`);
      progress = (await client.query(PROGRESS_SQL, [run.id, startedAt])).rows[0];
      const finished = view.state === 'COMPLETED';
      const expected = finished ? view.outcomes.becameInactive : null;
      if (expected !== null && registryObservedAt === null && progress.changed >= expected)
        registryObservedAt = Date.now();
      if (expected !== null && mentoringObservedAt === null && progress.opened >= expected)
        mentoringObservedAt = Date.now();
      if (registryObservedAt && mentoringObservedAt) break;
      if (Date.now() > deadline) break;
      await sleep(250);
    }
    const changed = view.state === 'COMPLETED' ? view.outcomes.becameInactive : progress.changed;
    const registrySeconds =
      registryObservedAt && progress.last_change
        ? (Math.max(progress.last_change.getTime(), Date.parse(view.finishedAt ?? 0)) - t0) / 1000
        : null;
    const complete = Boolean(mentoringObservedAt);
    const openedSeconds = progress.last_opened ? (progress.last_opened.getTime() - t0) / 1000 : null;
    const eventsPerSecond = openedSeconds ? progress.opened / openedSeconds : null;
    const drainSeconds = complete ? await waitForQuiet({ scratch, client }) : null;

    report.add(
      'evaluation',
      `cooperatives made INACTIVE (seed expected ${seeded.expectedInactive})`,
      changed,
      'changes',
    );
    report.add(
      'evaluation',
      'API call -> every status change committed (registry)',
      registrySeconds ?? 'not finished in time',
      's',
    );
    if (complete) {
      report.add(
        'evaluation',
        'API call -> every REACTIVATION case open (mentoring)',
        openedSeconds,
        's',
        options.scale === 'national' ? '<= 10 s' : '',
      );
    } else {
      const waited = ((deadline - t0) / 1000).toFixed(0);
      report.add(
        'evaluation',
        `cases open when the time budget cut the wait (${waited} s)`,
        `${progress.opened} of ${changed}`,
        'cases',
      );
      if (eventsPerSecond)
        report.add(
          'evaluation',
          'projected: API call -> every case open, at the rate seen',
          changed / eventsPerSecond,
          's',
          options.scale === 'national' ? '<= 10 s' : '',
        );
    }
    report.add(
      'evaluation',
      `pipeline throughput (status change -> case)${complete ? '' : ', over the cases opened'}`,
      eventsPerSecond,
      'events/s',
    );
    if (referenceJobsPerSecond && eventsPerSecond) {
      report.add('evaluation', 'pipeline / reference', eventsPerSecond / referenceJobsPerSecond, 'ratio', '>= 1.0');
    }
    if (complete)
      report.add('evaluation', 'then until every consumer is idle (dissolution read model too)', drainSeconds, 's');
    report.detail('evaluation', {
      run: view,
      apiMs,
      progress,
      registrySeconds,
      openedSeconds,
      eventsPerSecond,
      referenceJobsPerSecond,
      drainSeconds,
      complete,
    });
  } finally {
    await client.end();
  }
}
