// Measurement 4c: the event latency's floor. The latency run's hop, with the same rows but none of
// the services' machinery: in the floor's copy of the database (floor.mjs), after the services have
// stopped, a producer process writes all the registry's rows for an upheld objection in one
// statement and then adds the status change to two queues (latency-floor-producer.mjs); a worker
// process each for mentoring and dissolution, at the services' concurrency and pool size, commits
// all of its service's rows for the event in one statement (latency-floor-worker.mjs). No outbox
// relay, signatures, checks or batching. Same cooperatives, rates and durations as the latency
// run, warm-up included, and the same figure: from the status change's commit to the case's,
// stamped by the latency run's commit triggers.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compiled } from '../services.mjs';
import { serviceSettings } from './floor.mjs';
import {
  besidePipeline,
  COMMIT_STAMPS_SQL,
  DROP_COMMIT_STAMPS_SQL,
  LATENCIES_SQL,
  reportBesidePipeline,
} from './latency.mjs';
import { cpuPerEvent, readCpu, reportCpu } from './cpu-usage.mjs';
import { forkHelper } from './processes.mjs';
import { connect } from './scratch.mjs';
import { DATABASE_POOL_SIZE, WORKER_CONCURRENCY } from './services.mjs';
import { latencyPasses } from './options.mjs';
import { NotMeasured } from './seed.mjs';
import { summarize } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { PRIORITY_RANK } = compiled('apps/mentoring/src/cases/case-types.js');
const { BACK_FROM_DISSOLUTION_PRIORITY } = compiled('apps/mentoring/src/cases/consumers/reopen-reactivation.js');
const TIMEOUT_MS = 120_000;
const ACTOR_ID = 'bench-supervisor';

function settings() {
  return {
    ...serviceSettings(),
    actorId: ACTOR_ID,
    priority: BACK_FROM_DISSOLUTION_PRIORITY,
    priorityRank: PRIORITY_RANK[BACK_FROM_DISSOLUTION_PRIORITY],
  };
}

async function floorRun({ client, databaseUrl, scratch, log, logFile, subjects, measuredIds, rate }) {
  const queues = ['mentoring', 'dissolution'].map((part) => ({ part, queue: `bench-latency-floor-${part}-${rate}` }));
  const common = { redisUrl: scratch.redisUrl, prefix: scratch.prefix, databaseUrl, poolSize: DATABASE_POOL_SIZE };
  const workers = queues.map(({ part, queue }) =>
    forkHelper(
      path.join(here, 'latency-floor-worker.mjs'),
      { ...common, queue, part, settings: settings(), concurrency: WORKER_CONCURRENCY, expected: subjects.length },
      { logFile },
    ),
  );
  const producer = forkHelper(
    path.join(here, 'latency-floor-producer.mjs'),
    { ...common, queues: queues.map(({ queue }) => queue), subjects, rate, settings: settings() },
    { logFile },
  );
  const helpers = [...workers, producer];
  let timer;
  try {
    const failed = Promise.race(helpers.map((helper) => helper.next((m) => m.failed))).then((m) =>
      Promise.reject(new Error(`latency floor: ${m.failed}`)),
    );
    failed.catch(() => {});
    const until = (work) => Promise.race([work, failed]);
    await until(Promise.all(helpers.map((helper) => helper.next((m) => m.ready))));
    const pids = {
      producer: producer.child.pid,
      ...Object.fromEntries(queues.map(({ part }, index) => [`${part} worker`, workers[index].child.pid])),
    };
    const cpuBefore = readCpu(pids);
    producer.send('go');
    const sent = await until(producer.next((m) => m.sent !== undefined));
    log(`  latency floor: ${sent.sent} objections upheld at ${sent.achievedRate.toFixed(0)}/s`);
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(resolve, TIMEOUT_MS, null);
    });
    const done = await until(
      Promise.race([Promise.all(workers.map((worker) => worker.next((m) => m.done))), timedOut]),
    );
    if (!done) log(`  latency floor: not every job was done within ${TIMEOUT_MS / 1000} s`);
    const cpu = cpuPerEvent(cpuBefore, readCpu(pids), subjects.length);
    const { rows } = await client.query(LATENCIES_SQL, [measuredIds]);
    if (rows.length === 0) throw new NotMeasured(`no case was opened at ${rate}/s (see ${logFile})`);
    return {
      targetRate: rate,
      injection: sent,
      sent: measuredIds.length,
      warmUp: subjects.length - measuredIds.length,
      opened: rows.length,
      ...summarize(rows.map((row) => Number(row.ms))),
      cpu,
    };
  } finally {
    clearTimeout(timer);
    await Promise.all(helpers.map((helper) => helper.stop()));
  }
}

export async function latencyFloor({ options, scratch, report, log, logDir, seeded, floor, latency }) {
  if (!floor?.copied) throw new NotMeasured('the floor has no copy of the database');
  if (!seeded?.subjects?.length) throw new NotMeasured('no seeded IN_DISSOLUTION cooperatives to drive');
  const logFile = path.join(logDir, 'latency-floor.log');
  const client = await connect(floor.databaseUrl);
  await client.query(COMMIT_STAMPS_SQL);
  try {
    const runs = [];
    for (const pass of besidePipeline(latencyPasses(options.latency, seeded.subjects), latency)) {
      if (pass.measuredIds.length === 0) continue;
      const run = await floorRun({ client, databaseUrl: floor.databaseUrl, scratch, log, logFile, ...pass });
      runs.push(run);
      const section = 'latency floor';
      reportBesidePipeline({
        report,
        section,
        what: '1 statement per service + BullMQ hop',
        versus: 'floor',
        pass,
        run,
      });
      reportCpu({ report, log, section, label: `at ${pass.rate}/s`, cpu: run.cpu });
    }
    report.add(
      'latency floor',
      'cases opened / objections sent',
      runs.map((r) => `${r.opened} / ${r.sent}`).join(', '),
      '',
    );
    report.detail('latencyFloor', { concurrency: WORKER_CONCURRENCY, poolSize: DATABASE_POOL_SIZE, runs });
  } finally {
    await client.query(DROP_COMMIT_STAMPS_SQL);
    await client.end();
  }
}
