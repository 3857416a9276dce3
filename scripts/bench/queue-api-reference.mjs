// Measurement 5b: the queue API's floor. The bare reference server (queue-api-reference-server.mjs)
// runs the service's SQL with the service's pool size; the same load generator drives it with the
// same request mix at the top rate the service was offered and at twice that, so its saturation
// rate shows. The service's best achieved rate over the reference's is the ratio the issue asks for.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkHelper } from './processes.mjs';
import { DATABASE_POOL_SIZE } from './services.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The service's default (CASE_COUNTS_MAX_AGE_SECONDS); the benchmark does not change it. */
const COUNTS_MAX_AGE_SECONDS = 5;

export async function queueApiReference({ options, scratch, report, log, logDir, drive, serviceRuns }) {
  const { rates, seconds } = options.queueApi;
  const top = Math.max(...rates);
  const server = forkHelper(
    path.join(here, 'queue-api-reference-server.mjs'),
    { databaseUrl: scratch.databaseUrl, poolSize: DATABASE_POOL_SIZE, countsMaxAgeSeconds: COUNTS_MAX_AGE_SECONDS },
    { logFile: path.join(logDir, 'queue-api-reference.log') },
  );
  try {
    const { url } = await server.next((m) => m.url);
    log('  queue API reference: warm-up (2 s at 100 req/s, not reported)');
    await drive(url, 100, 2);
    const runs = [];
    for (const rate of [top, 2 * top]) {
      log(`  queue API reference: ${rate} req/s for ${seconds} s`);
      const result = await drive(url, rate, seconds);
      runs.push(result);
      report.add(
        'queue API reference',
        `bare http + pg, pool ${DATABASE_POOL_SIZE}, ${rate} req/s: achieved, p50 / p95 / p99, errors`,
        `${Math.round(result.achievedRate)} req/s, ${result.p50?.toFixed(1)} / ${result.p95?.toFixed(1)} / ${result.p99?.toFixed(1)} ms, ${result.non2xx + result.errors}`,
        '',
      );
    }
    const saturation = Math.max(...runs.map((r) => r.achievedRate));
    const service = Math.max(...serviceRuns.map((r) => r.achievedRate));
    report.add('queue API reference', 'reference saturation rate (best achieved)', saturation, 'req/s');
    report.add(
      'queue API reference',
      `service / reference (best achieved: ${Math.round(service)} / ${Math.round(saturation)} req/s)`,
      service / saturation,
      '',
      '>= 0.8',
    );
    report.detail('queueApiReference', { poolSize: DATABASE_POOL_SIZE, runs, saturation, service });
  } finally {
    await server.stop();
  }
}
