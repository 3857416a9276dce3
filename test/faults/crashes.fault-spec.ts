import { Worker } from 'bullmq';
import { INBOX_QUEUES, queueKeyPrefix } from '@koperasi/contracts';
import { redisConnectionFromUrl } from '@koperasi/platform';
import { registrar } from '../e2e/support/lifecycle';
import { narrate, pause, startFaultCity, type FaultCity } from './support/fault-city';
import { admin, openDeadLetter, retryDeadLetter } from './support/operator';
import { nextEvaluationYear, poll, registerMany } from './support/workload';

/** How long a service may take to stop on SIGTERM (a container orchestrator's default grace period). */
const GRACE_MS = 30_000;
/** A killed relay's claimed rows are sent again after this lease (the default is three minutes). */
const CLAIM_LEASE_MS = 20_000;

describe('crashes, repeats and stalls', () => {
  let city: FaultCity;
  beforeAll(async () => {
    city = await startFaultCity({ env: { all: { OUTBOX_CLAIM_LEASE_MS: String(CLAIM_LEASE_MS) } } });
  });
  afterAll(() => city?.shutdown());

  const processed = async (consumer: string) =>
    Number((await city.sql<{ n: string }>(`SELECT count(*) AS n FROM ${consumer}.processed_events`))[0].n);

  it('1 SIGKILL after the commit and before the relay publishes: the events still arrive', async () => {
    const outboxRows = async () =>
      Number((await city.sql<{ n: string }>(`SELECT count(*) AS n FROM registry.outbox`))[0].n);
    for (let round = 1; round <= 3; round++) {
      const before = await outboxRows();
      const writes = registerMany(city, 15, `kill-relay-${round}`);
      // Killed as soon as a few writes committed: the relay's publish of the last ones is cut.
      await poll(async () => (await outboxRows()) >= before + 3 * round, 500, 10);
      await city.stop('registry', 'SIGKILL');
      const { ok, failed } = await writes;
      const [{ unpublished }] = await city.sql<{ unpublished: string }>(
        `SELECT count(*) AS unpublished FROM registry.outbox WHERE published_at IS NULL`,
      );
      narrate(
        '1 SIGKILL before relay',
        `round ${round}: ${ok} writes answered, ${failed} cut, ${unpublished} unpublished at the kill`,
      );
      await city.start('registry');
    }
    // Rows the killed relay had claimed are sent again when the claim's lease runs out.
    expect(await city.invariants({ settleMs: CLAIM_LEASE_MS + 60_000 })).toEqual([]);
    narrate('1 SIGKILL before relay', 'checked the invariants');
  });

  it('1 SIGKILL after the relay published and before the consumer commits, and in the middle of a batch', async () => {
    for (let round = 1; round <= 3; round++) {
      const before = await processed('mentoring');
      const writes = registerMany(city, 40, `kill-consumer-${round}`);
      await poll(async () => (await processed('mentoring')) > before + 3 * round, 500, 10);
      await city.stop('mentoring', 'SIGKILL');
      await writes;
      const active = await city.inbox('mentoring').getJobCounts('active', 'waiting');
      narrate('1 SIGKILL mid-batch', `round ${round}: killed mentoring with ${JSON.stringify(active)} jobs`);
      await city.start('mentoring');
    }
    expect(await city.invariants({ settleMs: 90_000 })).toEqual([]);
    narrate('1 SIGKILL mid-batch', 'checked the invariants (stalled jobs are taken again once the lock expires)');
  });

  it('4 the same event delivered twice and out of order for one cooperative: the newest details stay', async () => {
    await city.stop('mentoring');
    const created = await registrar.post(`${city.urls.registry}/cooperatives`, {
      name: 'Koperasi Urutan Awal',
      legalEntityNumber: 'ORDER/BH/FAULT/2001',
      legalEntityDate: '2001-03-14',
      type: 'SAVINGS_AND_LOAN',
      group: 'KSP',
      kelurahan: 'Langkai',
      kecamatan: 'Pahandut',
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    for (const name of ['Koperasi Urutan Kedua', 'Koperasi Urutan Ketiga']) {
      const current = (await registrar.get(`${city.urls.registry}/cooperatives/${id}`)).body;
      const changed = await registrar.patch(`${city.urls.registry}/cooperatives/${id}`, {
        name,
        version: current.version,
      });
      expect(changed.status).toBe(200);
    }
    // The cooperative's three events wait for mentoring in order; they are queued again newest
    // first, each twice, before mentoring sees any of them.
    const inbox = city.inbox('mentoring');
    const ofCooperative = (await poll(async () => {
      const waiting = (await inbox.getWaiting(0, 1000)).filter((job) => job.data?.data?.cooperativeId === id);
      return waiting.length === 3 ? waiting : undefined;
    }))!;
    const ordered = ofCooperative.sort((first, second) => first.timestamp - second.timestamp);
    for (const job of ordered) await job.remove();
    for (const job of [...ordered].reverse()) {
      await inbox.add(job.name, job.data, { jobId: job.id });
      await inbox.add(job.name, job.data, { jobId: `${job.id}-again` });
    }
    narrate(
      '4 duplicates out of order',
      `queued the ${ordered.length} events of one cooperative newest first, each twice`,
    );
    await city.start('mentoring');
    expect(await city.invariants()).toEqual([]);
    const [row] = await city.sql<{ name: string }>(`SELECT name FROM mentoring.cooperatives WHERE id = $1`, [id]);
    expect(row?.name).toBe('Koperasi Urutan Ketiga');
    narrate('4 duplicates out of order', 'checked: the read model keeps the newest name; each event applied once');
  });

  it('4 a job that stalls twice reaches the dead-letter list', async () => {
    await city.stop('mentoring');
    const created = await registerMany(city, 1, 'stall');
    expect(created.ok).toBe(1);
    await poll(async () => (await city.inbox('mentoring').getJobCounts('waiting')).waiting > 0);
    // A worker that takes the job and dies holding it (no lock renewal, so its lock expires), twice;
    // its own stall check, run by hand at a short interval, finds the expired lock each time.
    const thief = new Worker(INBOX_QUEUES.mentoring, null, {
      connection: redisConnectionFromUrl(city.redis.url),
      prefix: queueKeyPrefix(city.prefix, INBOX_QUEUES.mentoring),
      lockDuration: 1000,
      skipLockRenewal: true,
      skipStalledCheck: true,
      stalledInterval: 300,
      maxStalledCount: 1,
    });
    // The check runs at most once per stalledInterval per queue: its marker key is dropped first, so a
    // check another worker ran just before cannot swallow this one.
    const stallCheck = async () => {
      await city.redis.admin().del(`${thief.opts.prefix}:${INBOX_QUEUES.mentoring}:stalled-check`);
      await (thief as unknown as { moveStalledJobsToWait(): Promise<unknown> }).moveStalledJobsToWait();
    };
    let stalledJobId: string | undefined;
    try {
      for (let stall = 1; stall <= 2; stall++) {
        const job = await thief.getNextJob(`thief-${stall}`, { block: false });
        if (!job) break;
        stalledJobId = job.id;
        await poll(
          async () => {
            await stallCheck();
            return (await job.getState()) !== 'active';
          },
          50,
          400,
        );
      }
    } finally {
      await thief.close(true);
    }
    // Past maxStalledCount BullMQ marks the job to fail when a worker next takes it (the handler never runs).
    const job = stalledJobId ? await city.inbox('mentoring').getJob(stalledJobId) : undefined;
    narrate('4 stalls twice', `job ${stalledJobId} abandoned ${job?.stalledCounter ?? 0} times by a dying worker`);
    await city.start('mentoring');
    expect(job?.stalledCounter).toBeGreaterThanOrEqual(2);
    // Once recorded as a dead letter the job leaves BullMQ's failed set (its state reads unknown).
    const state = await poll(async () => {
      const current = await job!.getState();
      return ['failed', 'completed', 'unknown'].includes(current) && current;
    });
    narrate('4 stalls twice', `mentoring restarted; the job's state: ${state}`);
    // The read model stays behind the registry until an operator acts, as one would: the admin
    // finds the stalled job on mentoring's dead-letter list and retries it.
    const letter = await openDeadLetter(city, 'mentoring', job!.data.eventId, 'STALLED');
    expect(letter).toBeDefined();
    const retried = await retryDeadLetter(city, 'mentoring', letter!.id);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ resolution: 'RETRIED', resolvedBy: admin.id });
    narrate('4 stalls twice', `the admin retried dead letter ${letter!.id} (STALLED) through /admin/dead-letters`);
    expect(await city.invariants()).toEqual([]);
    narrate(
      '4 stalls twice',
      'checked: the failed job was on the dead-letter list; after the retry the invariants hold',
    );
  });

  it('4 an event loop blocked past the lock duration (SIGSTOP) loses and doubles nothing', async () => {
    const writes = registerMany(city, 30, 'blocked');
    await pause(300);
    city.process('mentoring')!.kill('SIGSTOP');
    await writes;
    await pause(35_000); // past BullMQ's 30 s lock duration
    city.process('mentoring')!.kill('SIGCONT');
    narrate('4 blocked event loop', 'stopped mentoring for 35 s while 30 registrations flowed');
    expect(await city.invariants()).toEqual([]);
    narrate('4 blocked event loop', 'checked the invariants');
  });

  it('5 SIGTERM with jobs in flight: exits within the grace period, nothing lost', async () => {
    const writes = registerMany(city, 40, 'sigterm');
    await pause(500);
    const started = Date.now();
    await Promise.all([city.stop('mentoring'), city.stop('dissolution')]);
    const took = Date.now() - started;
    await writes;
    narrate('5 SIGTERM in flight', `mentoring and dissolution stopped in ${took} ms`);
    expect(took).toBeLessThan(GRACE_MS);
    await Promise.all([city.start('mentoring'), city.start('dissolution')]);
    expect(await city.invariants()).toEqual([]);
    narrate('5 SIGTERM in flight', 'checked the invariants after the restart');
  });

  it('5 SIGTERM with an evaluation running: exits within the grace period and the run completes', async () => {
    await registerMany(city, 20, 'evaluation-term');
    const run = await registrar.post(`${city.urls.registry}/evaluations`, { fiscalYear: nextEvaluationYear(city) });
    expect(run.status).toBe(202);
    const started = Date.now();
    await city.stop('registry');
    const took = Date.now() - started;
    narrate('5 SIGTERM evaluation', `registry stopped in ${took} ms with the evaluation ${run.body.state}`);
    expect(took).toBeLessThan(GRACE_MS);
    await city.start('registry');
    const finished = await poll(
      async () => {
        const state = (await registrar.get(`${city.urls.registry}/evaluations/${run.body.id}`)).body.state;
        return ['COMPLETED', 'FAILED'].includes(state) && state;
      },
      600,
      200,
    );
    expect(finished).toBe('COMPLETED');
    expect(await city.invariants()).toEqual([]);
    narrate('5 SIGTERM evaluation', 'checked: the run completed after the restart; invariants hold');
  });
});
