import { spawn } from 'node:child_process';
import path from 'node:path';
import { SERVICE_NAMES } from '@koperasi/contracts';
import { TEST_JWT_SECRET } from '@koperasi/testing';
import { manager } from '../e2e/support/lifecycle';
import { narrate, startFaultCity, type FaultCity } from './support/fault-city';

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
    narrate(SCENARIO, `started again: ${last.trim().split('\n').at(-1)}`);

    const statistics = (await manager.get(`${city.urls.registry}/statistics`)).body;
    expect(statistics.total).toBe(298);
    expect(statistics.byStatus).toMatchObject({ ACTIVE: 177, INACTIVE: 99, IN_DISSOLUTION: 22 });
    expect(statistics.ratsByFiscalYear.find((year: { fiscalYear: number }) => year.fiscalYear === 2023).count).toBe(52);
    const pipeline = (await manager.get(`${city.urls.dissolution}/proceedings/pipeline`)).body;
    const byStep = Object.fromEntries(
      (pipeline.steps as { step: string; count: number }[]).map((step) => [step.step, step.count]),
    );
    expect(byStep).toMatchObject({ APPROVED: 5, NOTICE_DELIVERED: 6, OBJECTION_UNDER_REVIEW: 5, READY_FOR_DECREE: 6 });
    const open = (await manager.get(`${city.urls.mentoring}/cases/counts?type=REACTIVATION`)).body;
    expect(open.all).toBe(99);
    narrate(SCENARIO, 'checked 298 / 177 / 99 / 22 / 52, the pipeline 5/6/5/6 and 99 open reactivation cases');

    const again = await seed(city);
    expect(again).not.toMatch(/registering|recording|annual evaluation|reactivations fail|entered as cases/);
    narrate(SCENARIO, 'a further start changed nothing');
    expect(await city.invariants()).toEqual([]);
  }, 600_000);
});
