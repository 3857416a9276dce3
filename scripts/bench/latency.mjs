// Measurement 4: event latency at a steady rate. A separate process plays the dissolution
// service and upholds objections at `rate` per second for cooperatives that are IN_DISSOLUTION;
// the registry commits each status change (to INACTIVE), mentoring opens a REACTIVATION case.
// Latency = case opened_at (mentoring) - status_history.at (registry), per cooperative. Both
// stamps are taken inside the writing transaction just before its commit; see BENCHMARKS.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkHelper } from './processes.mjs';
import { connect } from './scratch.mjs';
import { NotMeasured } from './seed.mjs';
import { sleep, summarize } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

const LATENCIES_SQL = `
  SELECT extract(epoch FROM (c.opened_at - h.at)) * 1000 AS ms, h.at
  FROM registry.status_history h
  JOIN mentoring.cases c ON c.cooperative_id = h.cooperative_id::text AND c.type = 'REACTIVATION' AND c.opened_at >= h.at
  WHERE h.from_status = 'IN_DISSOLUTION' AND h.to_status = 'INACTIVE' AND h.cooperative_id = ANY($1::uuid[])`;

export async function eventLatency({ options, scratch, report, log, seeded, logDir }) {
  if (!seeded?.subjects?.length) throw new NotMeasured('no seeded IN_DISSOLUTION cooperatives to drive');
  const { rate } = options.latency;
  const subjects = seeded.subjects;
  const ids = subjects.map((s) => s.cooperativeId);
  const client = await connect(scratch.databaseUrl);
  try {
    const producer = forkHelper(path.join(here, 'paced-producer.mjs'), {
      redisUrl: scratch.redisUrl, prefix: scratch.prefix, subjects, rate,
    }, { logFile: path.join(logDir, 'paced-producer.log') });
    await producer.next((m) => m.ready);
    producer.send('go');
    const sent = await producer.next((m) => m.sent !== undefined);
    log(`  latency: ${sent.sent} objections upheld at ${sent.achievedRate.toFixed(0)}/s; waiting for every case`);

    const deadline = Date.now() + 120_000;
    let opened = 0;
    for (;;) {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n FROM mentoring.cases WHERE type = 'REACTIVATION' AND cooperative_id = ANY($1::text[])`, [ids]);
      opened = rows[0].n;
      if (opened >= ids.length || Date.now() > deadline) break;
      await sleep(250);
    }
    const { rows } = await client.query(LATENCIES_SQL, [ids]);
    if (rows.length === 0) throw new NotMeasured(`no case was opened for the ${ids.length} upheld objections (see the service logs)`);
    const latencies = rows.map((row) => Number(row.ms));
    const times = rows.map((row) => row.at.getTime()).sort((a, b) => a - b);
    const registryRate = rows.length / Math.max(0.001, (times[times.length - 1] - times[0]) / 1000);
    const summary = summarize(latencies);

    report.add('latency', `events injected (objection upheld -> INACTIVE -> case), target ${rate}/s`, sent.achievedRate, 'events/s');
    report.add('latency', 'status changes committed by the registry', registryRate, 'per s');
    report.add('latency', `cases opened / status changes sent`, `${opened} / ${ids.length}`, '');
    report.add('latency', 'commit of status change -> case opened, p50', summary.p50, 'ms');
    report.add('latency', 'p95', summary.p95, 'ms');
    report.add('latency', 'p99', summary.p99, 'ms', '<= 25 ms');
    report.detail('latency', { targetRate: rate, injection: sent, registryRate, opened, sent: ids.length, ...summary });
  } finally {
    await client.end();
  }
}
