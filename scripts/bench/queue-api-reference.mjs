// Measurement 5b: the queue API's floor. The bare reference server (queue-api-reference-server.mjs)
// runs the service's SQL with the service's pool size; the same load generator drives it with the
// same request mix at the service's rates from the goal's up (500 and 1,000 req/s: its latency
// there is what the goal can be held against) and at twice the top rate, so its saturation rate
// shows. The service's best achieved rate over the reference's is the ratio the issue asks for.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkHelper } from './processes.mjs';
import { DATABASE_POOL_SIZE } from './services.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The service's default (CASE_COUNTS_MAX_AGE_SECONDS); the benchmark does not change it. */
const COUNTS_MAX_AGE_SECONDS = 5;
/** Linux reports a process's CPU time in clock ticks of 10 ms (`getconf CLK_TCK`: 100). */
const TICK_MS = 10;

/**
 * CPU time (user + system, ms) a process has used so far, from /proc; undefined elsewhere. Unlike
 * latency and sampled profiles, it does not grow when other work on the machine takes the cores.
 */
export function cpuMsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return undefined;
  }
}

/**
 * Measures a process's CPU per request over some runs. The process's background work
 * (pollers, sweepers) is measured first while nothing is asked of it, for `idleMs`, and taken out.
 */
export async function cpuMeter(pid, idleMs = 3_000) {
  const idleStart = cpuMsOf(pid);
  if (idleStart === undefined) return { perRequest: () => undefined };
  await new Promise((resolve) => setTimeout(resolve, idleMs));
  const started = Date.now();
  const start = cpuMsOf(pid);
  const idlePerMs = idleMs > 0 ? (start - idleStart) / idleMs : 0;
  return {
    perRequest(runs) {
      const used = cpuMsOf(pid) - start - idlePerMs * (Date.now() - started);
      // A request the load generator gave up on (10 s) was still served, most often.
      return used / runs.reduce((sum, run) => sum + run.responses + run.timeouts, 0);
    },
  };
}

export async function queueApiReference({ options, scratch, report, log, logDir, drive, serviceRuns, serviceCpuMs }) {
  const { rates, seconds, goalRate, referenceBelowTopSeconds } = options.queueApi;
  const top = Math.max(...rates);
  const plan = [...rates.filter((rate) => rate >= goalRate && rate < top), top, 2 * top].map((rate) => ({
    rate,
    seconds: rate < top ? Math.min(seconds, referenceBelowTopSeconds) : seconds,
  }));
  const server = forkHelper(
    path.join(here, 'queue-api-reference-server.mjs'),
    { databaseUrl: scratch.databaseUrl, poolSize: DATABASE_POOL_SIZE, countsMaxAgeSeconds: COUNTS_MAX_AGE_SECONDS },
    { logFile: path.join(logDir, 'queue-api-reference.log') },
  );
  try {
    const { url } = await server.next((m) => m.url);
    const cpu = await cpuMeter(server.child.pid, 0);
    log('  queue API reference: warm-up (2 s at 100 req/s, not reported)');
    const runs = [await drive(url, 100, 2)];
    for (const { rate, seconds: runSeconds } of plan) {
      log(`  queue API reference: ${rate} req/s for ${runSeconds} s`);
      const result = await drive(url, rate, runSeconds);
      runs.push(result);
      // The printed table cuts figures at 60 characters.
      const shorter = runSeconds < seconds ? ` (${runSeconds} s, not ${seconds})` : '';
      report.add(
        'queue API reference',
        `${rate} req/s${shorter}: achieved, p50 / p95 / p99, errors`,
        `${Math.round(result.achievedRate)} req/s, ${result.p50?.toFixed(1)} / ${result.p95?.toFixed(1)} / ${result.p99?.toFixed(1)} ms, ${result.non2xx + result.errors}`,
        '',
      );
    }
    const serviceAtGoal = serviceRuns.find((r) => r.targetRate === goalRate);
    const referenceAtGoal = runs.find((r) => r.targetRate === goalRate && r !== runs[0]);
    if (serviceAtGoal && referenceAtGoal)
      report.add(
        'queue API reference',
        `${goalRate} req/s: p99, service / reference`,
        `${serviceAtGoal.p99?.toFixed(1)} / ${referenceAtGoal.p99?.toFixed(1)}`,
        'ms',
        'p99 <= 50 ms',
      );
    const referenceCpu = cpu.perRequest(runs);
    const saturation = Math.max(...runs.slice(1).map((r) => r.achievedRate));
    const service = Math.max(...serviceRuns.map((r) => r.achievedRate));
    report.add(
      'queue API reference',
      `bare http + pg, pool ${DATABASE_POOL_SIZE}: saturation (best achieved)`,
      saturation,
      'req/s',
    );
    report.add(
      'queue API reference',
      `service / reference (best achieved: ${Math.round(service)} / ${Math.round(saturation)} req/s)`,
      service / saturation,
      '',
      '>= 0.8',
    );
    if (referenceCpu !== undefined && serviceCpuMs !== undefined)
      report.add(
        'queue API reference',
        'CPU per request, service / reference (user + system)',
        `${serviceCpuMs.toFixed(2)} / ${referenceCpu.toFixed(2)}`,
        'ms',
      );
    report.detail('queueApiReference', {
      poolSize: DATABASE_POOL_SIZE,
      plan,
      runs,
      saturation,
      service,
      serviceCpuMs,
      referenceCpu,
    });
  } finally {
    await server.stop();
  }
}
