// Measurement 4: event latency at a steady rate. A separate process plays the dissolution service
// and upholds objections at `rate` per second for cooperatives that are IN_DISSOLUTION; the
// registry commits each status change (to INACTIVE), mentoring opens a REACTIVATION case.
// Latency = the commit of the case (mentoring) - the commit of the status change (registry), per
// cooperative, each stamped by a deferred trigger the benchmark puts on the two tables for this
// measurement only; see BENCHMARKS.md. A second, slower pass (below the consumers' capacity) shows
// the pipeline's own delay. Each pass's first second warms the path and is not counted.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuPerEvent, readCpu, reportCpu } from './cpu-usage.mjs';
import { forkHelper } from './processes.mjs';
import { waitForQuiet } from './quiet.mjs';
import { connect } from './scratch.mjs';
import { latencyPasses } from './options.mjs';
import { NotMeasured } from './seed.mjs';
import { sleep, summarize } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Deferred constraint triggers run at COMMIT, after every statement of the transaction: each
 * stamps clock_timestamp() there, so a latency runs from one commit to the other, whatever the
 * writing transactions do after the services' own stamps (status_history.at and cases.opened_at
 * are taken in the services' code, before the rest of the transaction's statements). Each row
 * keeps the service's own stamp beside it, for comparison with runs before the commit stamps.
 */
export const COMMIT_STAMPS_SQL = `
  CREATE SCHEMA IF NOT EXISTS bench_latency;
  CREATE TABLE IF NOT EXISTS bench_latency.commits (
    side text NOT NULL, cooperative_id text NOT NULL, at timestamptz NOT NULL, stamped_at timestamptz NOT NULL);
  CREATE OR REPLACE FUNCTION bench_latency.stamp_commit() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
    BEGIN
      INSERT INTO bench_latency.commits
        VALUES (TG_ARGV[0], NEW.cooperative_id::text, clock_timestamp(), (to_jsonb(NEW) ->> TG_ARGV[1])::timestamptz);
      RETURN NULL;
    END $$;
  CREATE CONSTRAINT TRIGGER bench_latency_commit AFTER INSERT ON registry.status_history
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.to_status = 'INACTIVE')
    EXECUTE FUNCTION bench_latency.stamp_commit('registry', 'at');
  CREATE CONSTRAINT TRIGGER bench_latency_commit AFTER INSERT ON mentoring.cases
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.type = 'REACTIVATION')
    EXECUTE FUNCTION bench_latency.stamp_commit('mentoring', 'opened_at');`;

export const DROP_COMMIT_STAMPS_SQL = `
  DROP TRIGGER IF EXISTS bench_latency_commit ON registry.status_history;
  DROP TRIGGER IF EXISTS bench_latency_commit ON mentoring.cases;`;

/** Commit to commit, and the services' own stamps (status_history.at to cases.opened_at). */
export const LATENCIES_SQL = `
  SELECT extract(epoch FROM (m.at - r.at)) * 1000 AS ms,
         extract(epoch FROM (m.stamped_at - r.stamped_at)) * 1000 AS stamped_ms, r.at
  FROM bench_latency.commits r
  JOIN bench_latency.commits m ON m.cooperative_id = r.cooperative_id AND m.side = 'mentoring'
  WHERE r.side = 'registry' AND r.cooperative_id = ANY($1::text[])`;

/** Issue 15's p99 goals for the two latency passes, at `rate` and below capacity. */
const P99_GOALS = ['<= 25 ms', '<= 15 ms'];

/**
 * The latency passes (`latencyPasses`) of a measurement set beside the pipeline's: each with its
 * goal and the pipeline's figures at its rate, when the latency run measured them.
 */
export function besidePipeline(passes, latency) {
  const pipeline = [latency?.at, latency?.belowCapacity];
  return passes.map((pass, index) => ({ ...pass, goal: P99_GOALS[index], pipeline: pipeline[index] }));
}

/** A pass's p50 / p95 / p99 and, when the pipeline ran at its rate, the two p99s side by side. */
export function reportBesidePipeline({ report, section, what, versus, pass, run }) {
  report.add(
    section,
    `at ${pass.rate}/s: ${what}, p50 / p95 / p99`,
    `${run.p50.toFixed(1)} / ${run.p95.toFixed(1)} / ${run.p99.toFixed(1)}`,
    'ms',
  );
  if (pass.pipeline?.p99 != null)
    report.add(
      section,
      `at ${pass.rate}/s, p99: pipeline / ${versus}`,
      `${pass.pipeline.p99.toFixed(0)} / ${run.p99.toFixed(1)}`,
      'ms',
      pass.goal,
    );
}

async function latencyRun({ client, scratch, log, logDir, services, subjects, measuredIds, rate }) {
  const ids = subjects.map((s) => s.cooperativeId);
  const producer = forkHelper(
    path.join(here, 'paced-producer.mjs'),
    {
      redisUrl: scratch.redisUrl,
      prefix: scratch.prefix,
      subjects,
      rate,
    },
    { logFile: path.join(logDir, 'paced-producer.log') },
  );
  await producer.next((m) => m.ready);
  const pids = Object.fromEntries(Object.entries(services).map(([service, { child }]) => [service, child.pid]));
  const cpuBefore = readCpu(pids);
  producer.send('go');
  const sent = await producer.next((m) => m.sent !== undefined);
  log(`  latency: ${sent.sent} objections upheld at ${sent.achievedRate.toFixed(0)}/s; waiting for every case`);

  const deadline = Date.now() + 120_000;
  let opened = 0;
  for (;;) {
    const { rows } = await client.query(
      `SELECT count(*)::int AS n FROM mentoring.cases WHERE type = 'REACTIVATION' AND cooperative_id = ANY($1::text[])`,
      [ids],
    );
    opened = rows[0].n;
    if (opened >= ids.length || Date.now() > deadline) break;
    await sleep(250);
  }
  const cpu = cpuPerEvent(cpuBefore, readCpu(pids), ids.length);
  const { rows } = await client.query(LATENCIES_SQL, [measuredIds]);
  if (rows.length === 0)
    throw new NotMeasured(`no case was opened for the ${measuredIds.length} upheld objections (see the service logs)`);
  const times = rows.map((row) => row.at.getTime()).sort((a, b) => a - b);
  return {
    targetRate: rate,
    injection: sent,
    registryRate: rows.length / Math.max(0.001, (times[times.length - 1] - times[0]) / 1000),
    opened,
    sent: ids.length,
    warmUp: ids.length - measuredIds.length,
    ...summarize(rows.map((row) => Number(row.ms))),
    stampedInTransaction: summarize(rows.map((row) => Number(row.stamped_ms))),
    cpu,
  };
}

export async function eventLatency({ options, scratch, report, log, seeded, logDir, services }) {
  if (!seeded?.subjects?.length) throw new NotMeasured('no seeded IN_DISSOLUTION cooperatives to drive');
  const [main, slow] = latencyPasses(options.latency, seeded.subjects);
  const { rate } = main;
  const client = await connect(scratch.databaseUrl);
  await client.query(COMMIT_STAMPS_SQL);
  try {
    const at = await latencyRun({ client, scratch, log, logDir, services, ...main });
    report.add(
      'latency',
      `events injected (objection upheld -> INACTIVE -> case), target ${rate}/s`,
      at.injection.achievedRate,
      'events/s',
    );
    report.add('latency', 'status changes committed by the registry', at.registryRate, 'per s');
    report.add('latency', 'cases opened / status changes sent', `${at.opened} / ${at.sent}`, '');
    report.add('latency', `at ${rate}/s: status change committed -> case opened, p50`, at.p50, 'ms');
    report.add('latency', `at ${rate}/s: p95`, at.p95, 'ms');
    report.add('latency', `at ${rate}/s: p99`, at.p99, 'ms', P99_GOALS[0]);
    reportCpu({ report, log, section: 'latency', label: `at ${rate}/s`, cpu: at.cpu });

    const seconds = await waitForQuiet({ scratch, client });
    log(`  latency: pipeline quiet again after ${seconds.toFixed(1)} s; now ${slow.rate}/s`);
    const below = slow.measuredIds.length
      ? await latencyRun({ client, scratch, log, logDir, services, ...slow })
      : null;
    if (below) {
      report.add(
        'latency',
        `at ${slow.rate}/s (below capacity): p50 / p95 / p99`,
        `${below.p50.toFixed(0)} / ${below.p95.toFixed(0)} / ${below.p99.toFixed(0)}`,
        'ms',
        `p99 ${P99_GOALS[1]}`,
      );
      reportCpu({ report, log, section: 'latency', label: `at ${slow.rate}/s`, cpu: below.cpu });
    }
    report.detail('latency', { ...at, belowCapacity: below });
    return { at, belowCapacity: below };
  } finally {
    await client.query(DROP_COMMIT_STAMPS_SQL);
    await client.end();
  }
}
