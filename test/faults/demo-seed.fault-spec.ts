import { spawn } from 'node:child_process';
import path from 'node:path';
import { SERVICE_NAMES } from '@koperasi/contracts';
import { TEST_JWT_SECRET } from '@koperasi/testing';
import { manager } from '../e2e/support/lifecycle';
import { narrate, startFaultCity, type FaultCity } from './support/fault-city';
import { poll } from './support/workload';

const ROOT = path.resolve(__dirname, '../..');
const SCENARIO = '9 demo seed interrupted';

/**
 * Runs the demo seed against the city; with `until`, kills it (SIGKILL) a moment after its output
 * matches and stops every service with `signal` (SIGINT: Ctrl-C on `npm start`; SIGKILL: the
 * machine going down), then starts the services again.
 */
async function seed(city: FaultCity, until?: RegExp, afterMs = 0, signal: NodeJS.Signals = 'SIGINT'): Promise<string> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'scripts/demo/seed-cli.mjs'), city.urls.registry, city.urls.mentoring, city.urls.dissolution],
    { env: { ...process.env, JWT_SECRET: TEST_JWT_SECRET }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const done = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const interrupted = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (until && until.test(output)) resolve();
    });
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  if (!until) {
    const code = await done;
    if (code !== 0) throw new Error(`the seed failed:\n${output}`);
    return output;
  }
  await Promise.race([interrupted.then(() => new Promise((resolve) => setTimeout(resolve, afterMs))), done]);
  child.kill('SIGKILL');
  await Promise.all(SERVICE_NAMES.map((service) => city.stop(service, signal)));
  await done;
  for (const service of SERVICE_NAMES) await city.start(service);
  return output;
}

describe('the first npm start interrupted while it seeds the demo city', () => {
  let city: FaultCity;
  beforeAll(async () => {
    city = await startFaultCity();
  });
  afterAll(() => city?.shutdown());

  it('is finished by the next start and reads exactly as published', async () => {
    // Points of interruption (what the seed printed last, then a moment): mid registration, mid RAT
    // history, right after the evaluation started, while the reactivations fail.
    // Ctrl-C everywhere but once: a hard kill while the evaluation runs (its job then waits for
    // BullMQ's stall check, about a minute).
    const points: [RegExp, number, NodeJS.Signals][] = [
      [/registering/, 2000, 'SIGINT'],
      [/recording the RAT history/, 3000, 'SIGINT'],
      [/annual evaluation/, 200, 'SIGKILL'],
      [/reactivations fail/, 1500, 'SIGINT'],
    ];
    for (const [point, afterMs, signal] of points) {
      await seed(city, point, afterMs, signal);
      const [{ count }] = await city.sql<{ count: string }>('SELECT count(*) FROM registry.cooperatives');
      const [{ rats }] = await city.sql<{ rats: string }>('SELECT count(*) AS rats FROM registry.rats');
      narrate(
        SCENARIO,
        `killed the seed, ${signal} to the services, ${afterMs} ms after "${point.source}" (${count} cooperatives, ${rats} RATs)`,
      );
    }
    const last = await seed(city);
    const seededAt = Date.now();
    narrate(SCENARIO, `started again: ${last.trim().split('\n').at(-1)}`);

    // The registry applies the proceedings' approvals from dissolution's events, after the seed's
    // calls have returned: wait until the last one has arrived (or the poll gives up) before comparing.
    const readStatistics = async () => (await manager.get(`${city.urls.registry}/statistics`)).body;
    const statistics =
      (await poll(async () => {
        const read = await readStatistics();
        return read.byStatus.IN_DISSOLUTION === 22 && read;
      })) ?? (await readStatistics());
    expect(statistics.total).toBe(298);
    expect(statistics.byStatus).toMatchObject({ ACTIVE: 177, INACTIVE: 99, IN_DISSOLUTION: 22 });
    expect(statistics.ratsByFiscalYear.find((year: { fiscalYear: number }) => year.fiscalYear === 2023).count).toBe(52);
    const pipeline = (await manager.get(`${city.urls.dissolution}/proceedings/pipeline`)).body;
    const byStep = Object.fromEntries(
      (pipeline.steps as { step: string; count: number }[]).map((step) => [step.step, step.count]),
    );
    expect(byStep).toMatchObject({ APPROVED: 5, NOTICE_DELIVERED: 6, OBJECTION_UNDER_REVIEW: 5, READY_FOR_DECREE: 6 });
    // The tab counts may be up to CASE_COUNTS_MAX_AGE_SECONDS old (asOf says when they were taken), and
    // the seed itself asked for these before its last reactivations failed: wait for a count taken after
    // the seed finished (reading the cached one once showed 105, the 6 failures still open).
    const first = (await manager.get(`${city.urls.mentoring}/cases/counts?type=REACTIVATION`)).body;
    const open = await poll(async () => {
      const counts = (await manager.get(`${city.urls.mentoring}/cases/counts?type=REACTIVATION`)).body;
      return Date.parse(counts.asOf) >= seededAt && counts;
    });
    narrate(SCENARIO, `open reactivation cases: first read ${first.all} (as of ${first.asOf}), fresh ${open?.all}`);
    expect(open?.all).toBe(99);
    const [cases] = await city.sql<{ open: number; notInactive: number }>(
      `SELECT count(*)::int AS open, count(*) FILTER (WHERE c.status <> 'INACTIVE')::int AS "notInactive"
       FROM mentoring.cases m JOIN registry.cooperatives c ON c.id::text = m.cooperative_id
       WHERE m.type = 'REACTIVATION' AND m.status <> 'CLOSED'`,
    );
    expect(cases).toEqual({ open: 99, notInactive: 0 });
    narrate(SCENARIO, 'checked 298 / 177 / 99 / 22 / 52, the pipeline 5/6/5/6 and 99 open reactivation cases');

    const again = await seed(city);
    expect(again).not.toMatch(/registering|recording|annual evaluation|reactivations fail|entered as cases/);
    narrate(SCENARIO, 'a further start changed nothing');
    expect(await city.invariants()).toEqual([]);
  }, 600_000);
});
