import { registrar, runEvaluation } from '../e2e/support/lifecycle';
import { narrate, pause, startFaultCity, type FaultCity } from './support/fault-city';
import { nextEvaluationYear, poll, registerMany } from './support/workload';

/** Answers whether a request answered at all within `ms` (a write must not hang while Redis is down). */
async function answersWithin<T>(work: Promise<T>, ms: number): Promise<T | 'hung'> {
  return Promise.race([work, new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), ms))]);
}

describe('Redis loss: FLUSHALL, Redis stopped, connections killed (a private redis-server)', () => {
  let city: FaultCity;
  beforeAll(async () => {
    city = await startFaultCity();
  });
  afterAll(() => city?.shutdown());

  it('2 FLUSHALL with events waiting, delayed timers and a running evaluation: everything is replayed', async () => {
    await city.stop('mentoring');
    await registerMany(city, 15, 'flush');
    const run = await registrar.post(`${city.urls.registry}/evaluations`, { fiscalYear: nextEvaluationYear(city) });
    expect(run.status).toBe(202);
    await poll(async () => (await city.inbox('mentoring').getJobCounts('waiting')).waiting > 0);
    const waiting = await city.inbox('mentoring').getJobCounts('waiting');
    const timers = await city.sql<{ n: string }>(
      `SELECT count(*) AS n FROM dissolution.deadlines WHERE state = 'PENDING'`,
    );
    await city.redis.admin().flushall();
    narrate(
      '2 FLUSHALL',
      `flushed the private Redis with ${waiting.waiting} mentoring jobs waiting, an evaluation running, ${timers[0].n} dissolution timers pending`,
    );
    await city.start('mentoring');
    const finished = await poll(
      async () => {
        const state = (await registrar.get(`${city.urls.registry}/evaluations/${run.body.id}`)).body.state;
        return ['COMPLETED', 'FAILED'].includes(state) && state;
      },
      600,
      200,
    );
    expect(finished).toBe('COMPLETED');
    expect(await city.invariants({ settleMs: 90_000 })).toEqual([]);
    narrate('2 FLUSHALL', 'checked: the evaluation completed and every outbox row reached its consumers');
  });

  it('2 Redis stopped for 30 s during writes: writes commit and answer, reads are served, events follow', async () => {
    await city.redis.stop();
    const started = Date.now();
    const write = await answersWithin(registerMany(city, 5, 'redis-down'), 15_000);
    const read = await answersWithin(registrar.get(`${city.urls.registry}/cooperatives?limit=5`), 10_000);
    narrate('2 Redis down 30 s', `writes: ${JSON.stringify(write)}, read: ${read === 'hung' ? 'hung' : read.status}`);
    expect(write).toEqual({ ok: 5, failed: 0 });
    expect(read).not.toBe('hung');
    await pause(Math.max(0, 30_000 - (Date.now() - started)));
    await city.redis.start();
    expect(await city.invariants({ settleMs: 90_000 })).toEqual([]);
    narrate(
      '2 Redis down 30 s',
      'checked the invariants after Redis came back (empty, as after a crash without persistence)',
    );
  });

  it('2 Redis stopped for 30 s during an evaluation wave', async () => {
    await registerMany(city, 20, 'wave');
    const run = await registrar.post(`${city.urls.registry}/evaluations`, { fiscalYear: nextEvaluationYear(city) });
    expect(run.status).toBe(202);
    await pause(300);
    await city.redis.stop();
    await pause(30_000);
    await city.redis.start();
    narrate('2 Redis down in a wave', 'stopped Redis 30 s right after the evaluation started');
    const finished = await poll(
      async () => {
        const state = (await registrar.get(`${city.urls.registry}/evaluations/${run.body.id}`)).body.state;
        return ['COMPLETED', 'FAILED'].includes(state) && state;
      },
      600,
      200,
    );
    expect(finished).toBe('COMPLETED');
    expect(await city.invariants({ settleMs: 90_000 })).toEqual([]);
    narrate('2 Redis down in a wave', 'checked: the run completed, every event reached its consumers');
  });

  it("2 CLIENT KILL of the workers' connections", async () => {
    const writes = registerMany(city, 30, 'client-kill');
    for (let round = 0; round < 3; round++) {
      await pause(400);
      const killed = await city.redis.admin().call('CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      narrate('2 CLIENT KILL', `round ${round + 1}: killed ${String(killed)} connections`);
    }
    await writes;
    expect(await city.invariants({ settleMs: 90_000 })).toEqual([]);
    narrate('2 CLIENT KILL', 'checked the invariants');
  });

  it('still runs a whole evaluation after the faults', async () => {
    await registerMany(city, 5, 'after');
    await runEvaluation(city, nextEvaluationYear(city));
    expect(await city.invariants()).toEqual([]);
  });
});
