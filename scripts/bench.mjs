// npm run bench [-- --scale national|province|small]: the national-scale benchmark. Everything
// runs against a scratch database and Redis prefix made for this run and removed afterwards.
// See BENCHMARKS.md for what each figure means and the latest results.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseOptions } from './bench/options.mjs';
import { MemorySampler } from './bench/memory.mjs';
import { stopAll } from './bench/processes.mjs';
import { prepareReference, referenceRun } from './bench/reference.mjs';
import { Report } from './bench/report.mjs';
import { connect, createScratch, dropScratch } from './bench/scratch.mjs';
import {
  DATABASE_POOL_SIZE,
  WORKER_CONCURRENCY,
  assertRunning,
  migrateAll,
  startServices,
  stopServices,
} from './bench/services.mjs';
import { NotMeasured, seed } from './bench/seed.mjs';
import { annualEvaluation } from './bench/evaluation.mjs';
import { eventLatency } from './bench/latency.mjs';
import { latencyReference } from './bench/latency-reference.mjs';
import { latencyFloor } from './bench/latency-floor.mjs';
import { queueApiLoad } from './bench/queue-api.mjs';
import { consoleQueuePage } from './bench/console-queue.mjs';
import { timerWave } from './bench/timer-wave.mjs';
import { median, repeat } from './bench/stats.mjs';
import { waitForQuiet } from './bench/quiet.mjs';
import { summarizeProfile } from './bench/profile-summary.mjs';
import { Floor } from './bench/floor.mjs';

const options = parseOptions(process.argv.slice(2));
const report = new Report(options.scale);
const logDir = mkdtempSync(path.join(os.tmpdir(), 'koperasi-bench-'));
const jwtSecret = randomBytes(24).toString('hex');
// The services run with NODE_ENV=production, which refuses the development event keys; the
// helper processes (the paced producer) inherit these to sign what they add.
process.env.EVENT_SIGNING_KEYS = ['registry', 'mentoring', 'dissolution', 'console']
  .map((service) => `${service}=${randomBytes(24).toString('hex')}`)
  .join(',');
const memory = new MemorySampler();
const benchStarted = Date.now();
/** Other work on the machine skews every figure: the load average is sampled and reported. */
const loads = [];
const loadSampler = setInterval(() => loads.push(Number(os.loadavg()[0].toFixed(2))), 5_000).unref();
let scratch;
let services;
let floor;
let cleaning;

function log(message) {
  console.log(`[bench ${((Date.now() - benchStarted) / 1000).toFixed(1).padStart(6)} s] ${message}`);
}

async function cleanup() {
  cleaning ??= (async () => {
    await stopServices(services).catch((error) => console.error('stopping services:', error.message));
    await stopAll();
    if (floor && !options.keep)
      await floor.drop().catch((error) => console.error('removing the floor copy:', error.message));
    if (scratch && !options.keep) {
      await dropScratch(scratch).catch((error) => console.error(`removing ${scratch.databaseName}:`, error.message));
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping the services and removing the scratch database and Redis keys`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** Runs one measurement; a NotMeasured answer is reported as such, any other error stops the run. */
async function measure(section, work) {
  log(`${section}...`);
  try {
    const result = await work();
    assertRunning(services);
    return result;
  } catch (error) {
    assertRunning(services);
    if (!(error instanceof NotMeasured)) throw error;
    log(`${section}: not measured (${error.message})`);
    report.skip(section, error.message);
    return null;
  }
}

async function serverVersions(url) {
  const client = await connect(url);
  try {
    const [{ server_version: postgres }] = (await client.query('SHOW server_version')).rows;
    return { postgres };
  } finally {
    await client.end();
  }
}

async function main() {
  scratch = await createScratch();
  log(
    `scale ${options.scale}: scratch database ${scratch.databaseName}, Redis prefix ${scratch.prefix}, logs in ${logDir}`,
  );
  report.machine({
    ...(await serverVersions(scratch.databaseUrl)),
    workerConcurrency: WORKER_CONCURRENCY,
    databasePoolSize: DATABASE_POOL_SIZE,
  });
  await migrateAll(scratch.databaseUrl);
  await prepareReference(scratch.databaseUrl);
  const context = { options, scratch, report, log, jwtSecret, logDir };

  const seeded = await measure('seed', () => seed(context));
  context.seeded = seeded;

  const referenceCount = seeded?.expectedInactive ?? Math.round(options.cooperatives * 0.3);
  await measure('reference', async () => {
    const runs = await repeat(options.referenceRuns, (run) =>
      referenceRun({
        scratch,
        count: referenceCount,
        concurrency: WORKER_CONCURRENCY,
        poolSize: DATABASE_POOL_SIZE,
        run,
        logFile: path.join(logDir, 'reference.log'),
      }),
    );
    const jobsPerSecond = median(runs.map((r) => r.jobsPerSecond));
    context.referenceJobsPerSecond = jobsPerSecond;
    report.add(
      'reference',
      `bare BullMQ + 1 INSERT/job, ${referenceCount} jobs, concurrency ${WORKER_CONCURRENCY} (median of ${runs.length})`,
      jobsPerSecond,
      'jobs/s',
    );
    report.add('reference', 'wall time (median)', median(runs.map((r) => r.seconds)), 's');
    report.detail('reference', { jobs: referenceCount, concurrency: WORKER_CONCURRENCY, runs });
  });

  floor = new Floor(context);
  await measure('floor', () => floor.copy());

  log('starting the services (separate processes)');
  const profileDir = options.profile ? path.join(logDir, 'profiles') : undefined;
  services = await startServices({ scratch, jwtSecret, logDir, memory, profileDir });
  context.services = services;

  const quiet = async (before) => {
    const client = await connect(scratch.databaseUrl);
    try {
      assertRunning(services);
      const seconds = await waitForQuiet({ scratch, client });
      log(`pipeline quiet before ${before} (waited ${seconds.toFixed(1)} s)`);
    } finally {
      await client.end();
    }
  };
  // The evaluation goes last: at national scale its tail can outlast the time budget, and
  // nothing measured after it would then start from a quiet pipeline.
  await quiet('the queue API run');
  await measure('queue API', () => queueApiLoad(context));
  await quiet('the console queue page');
  await measure('console', () => consoleQueuePage(context));
  await quiet('the latency run');
  context.latency = await measure('latency', () => eventLatency(context));
  await quiet('the latency reference');
  await measure('latency reference', () => latencyReference(context));
  await quiet('the timer wave');
  await measure('timer wave', () => timerWave(context));
  await quiet('the evaluation');
  await floor.beforeEvaluation();
  context.evaluationDeadline = Math.min(
    Date.now() + options.evaluationTimeoutMs,
    benchStarted + options.budgetSeconds * 1000,
  );
  await measure('evaluation', () => annualEvaluation(context));

  log('stopping the services');
  await stopServices(services);
  services = undefined;
  const peaks = memory.stop();
  await measure('floor', () => floor.measure(context));
  await measure('latency floor', () => latencyFloor({ ...context, floor }));
  if (profileDir) {
    const profiles = {};
    for (const service of Object.keys(peaks)) {
      const file = path.join(profileDir, `${service}.cpuprofile`);
      if (!existsSync(file)) continue;
      profiles[service] = summarizeProfile(file);
      console.log(`\nCPU profile of ${service} (${file}): busy ${profiles[service].busyMs} ms`);
      console.table(profiles[service].byOwner);
      console.table(profiles[service].byFunction);
    }
    report.detail('profiles', profiles);
  }
  for (const [service, { peakRssMb }] of Object.entries(peaks))
    report.add('memory', `peak RSS ${service}`, peakRssMb, 'MB', '<= 250 MB');
  report.detail('memory', peaks);
}

let exitCode = 0;
try {
  await main();
} catch (error) {
  exitCode = 1;
  console.error(`\nThe benchmark failed: ${error.stack ?? error}\nService logs: ${logDir}`);
} finally {
  await cleanup();
}
clearInterval(loadSampler);
report.add(
  'run',
  'whole benchmark wall time (cleanup included)',
  (Date.now() - benchStarted) / 1000,
  's',
  options.scale === 'national' ? '< 600 s' : '',
);
report.add(
  'run',
  'machine load average (1 min) during the run: mean / max',
  `${(loads.reduce((a, b) => a + b, 0) / Math.max(1, loads.length)).toFixed(1)} / ${Math.max(0, ...loads).toFixed(1)}`,
  `on ${os.cpus().length} cores`,
);
report.detail('load', { oneMinuteLoadSamples: loads });
report.print();
const file = report.write();
console.log(`\nFigures written to ${path.relative(process.cwd(), file)}`);
if (exitCode === 0 && !options.profile) rmSync(logDir, { recursive: true, force: true });
else console.log(`Service logs${options.profile ? ' and CPU profiles' : ''}: ${logDir}`);
process.exit(exitCode);
