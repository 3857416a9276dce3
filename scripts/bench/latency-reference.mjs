// Measurement 4b: the event latency's reference, one bare hop. At the latency run's rates and
// durations, a producer process commits one INSERT per event stamped with clock_timestamp() and,
// after the commit, adds one BullMQ job for it (latency-reference-producer.mjs); a worker process at
// the services' concurrency and pool size commits one INSERT per job, stamped the same way
// (latency-reference-worker.mjs). Latency = worker stamp - producer stamp, per event, from SQL.
// The pipeline's hop from the registry's commit to mentoring's crosses this once, plus the services'
// own work (and the registry's relay, batches and checks); what the bare hop takes on this machine
// is what the goals can be held against.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { besidePipeline, reportBesidePipeline } from './latency.mjs';
import { latencyPasses } from './options.mjs';
import { forkHelper } from './processes.mjs';
import { connect } from './scratch.mjs';
import { DATABASE_POOL_SIZE, WORKER_CONCURRENCY } from './services.mjs';
import { NotMeasured } from './seed.mjs';
import { summarize } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Events sent (and awaited) before each run, not measured: they open both processes' pools. */
const WARM_UP_EVENTS = 2 * DATABASE_POOL_SIZE;
/** How long a run waits for its last job, as the latency run waits for its last case. */
const TIMEOUT_MS = 120_000;

const LATENCIES_SQL = `
  SELECT extract(epoch FROM (r.stamped_at - s.stamped_at)) * 1000 AS ms
  FROM bench_reference.latency_sent s JOIN bench_reference.latency_received r USING (event_id)
  WHERE s.run = $1`;

async function referenceRun({ client, scratch, log, logFile, rate, seconds }) {
  const count = rate * seconds;
  const run = `latency-${rate}`;
  const settings = {
    redisUrl: scratch.redisUrl,
    prefix: scratch.prefix,
    queue: `bench-latency-reference-${rate}`,
    databaseUrl: scratch.databaseUrl,
    poolSize: DATABASE_POOL_SIZE,
    warmUp: WARM_UP_EVENTS,
  };
  const worker = forkHelper(
    path.join(here, 'latency-reference-worker.mjs'),
    { ...settings, concurrency: WORKER_CONCURRENCY, expected: count },
    { logFile },
  );
  const producer = forkHelper(
    path.join(here, 'latency-reference-producer.mjs'),
    { ...settings, run, count, rate },
    { logFile },
  );
  let timer;
  try {
    const failed = Promise.race([worker.next((m) => m.failed), producer.next((m) => m.failed)]).then((m) =>
      Promise.reject(new Error(`latency reference: ${m.failed}`)),
    );
    failed.catch(() => {});
    const until = (work) => Promise.race([work, failed]);
    await until(Promise.all([worker.next((m) => m.ready), producer.next((m) => m.ready)]));
    producer.send('warm-up');
    await until(Promise.all([worker.next((m) => m.warmedUp), producer.next((m) => m.warmedUp)]));
    producer.send('go');
    const sent = await until(producer.next((m) => m.sent !== undefined));
    log(`  latency reference: ${sent.sent} events committed and queued at ${sent.achievedRate.toFixed(0)}/s`);
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(resolve, TIMEOUT_MS, null);
    });
    const done = await until(Promise.race([worker.next((m) => m.done), timedOut]));
    if (!done) log(`  latency reference: not every job was done within ${TIMEOUT_MS / 1000} s`);
    const { rows } = await client.query(LATENCIES_SQL, [run]);
    if (rows.length === 0) throw new NotMeasured(`no reference job was committed at ${rate}/s (see ${logFile})`);
    return {
      targetRate: rate,
      seconds,
      injection: sent,
      sent: count,
      received: rows.length,
      ...summarize(rows.map((row) => Number(row.ms))),
    };
  } finally {
    clearTimeout(timer);
    await Promise.all([worker.stop(), producer.stop()]);
  }
}

export async function latencyReference({ options, scratch, report, log, logDir, latency }) {
  const logFile = path.join(logDir, 'latency-reference.log');
  const client = await connect(scratch.databaseUrl);
  try {
    const runs = [];
    // The latency run's rates and durations; the reference sends its own warm-up events.
    for (const pass of besidePipeline(latencyPasses(options.latency, []), latency)) {
      log(`  latency reference: ${pass.rate}/s for ${pass.seconds} s`);
      const result = await referenceRun({ client, scratch, log, logFile, rate: pass.rate, seconds: pass.seconds });
      runs.push(result);
      reportBesidePipeline({
        report,
        section: 'latency reference',
        what: 'commit -> BullMQ job -> commit',
        versus: 'reference',
        pass,
        run: result,
      });
    }
    report.add(
      'latency reference',
      'jobs committed by the worker / events sent',
      runs.map((r) => `${r.received} / ${r.sent}`).join(', '),
      '',
    );
    report.detail('latencyReference', {
      concurrency: WORKER_CONCURRENCY,
      poolSize: DATABASE_POOL_SIZE,
      warmUpEvents: WARM_UP_EVENTS,
      runs,
    });
  } finally {
    await client.end();
  }
}
