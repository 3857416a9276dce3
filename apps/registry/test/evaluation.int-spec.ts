import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import { QueueDirectory } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import { EvaluationRunner } from '../src/evaluation/evaluation-runner.service';
import { alsoCount, cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

alsoCount('rats', 'evaluation_runs', 'evaluation_chunks', 'evaluation_run_cooperatives');

interface RunView {
  id: string;
  state: string;
  done: number;
  total: number;
  dryRun: boolean;
  chunks: { done: number; total: number };
  outcomes: { becameInactive: number; keptActive: number; notActive: number };
}

describe('registry annual evaluation', () => {
  let f: RegistryFixture;
  const batchQueue = () => f.app.get(QueueDirectory).get(REGISTRY_BATCH_QUEUE);
  beforeAll(async () => {
    f = await startRegistry({ EVALUATION_CHUNK_SIZE: '2', INACTIVE_AFTER_FISCAL_YEARS: '2' });
  });
  afterAll(() => f.close());

  const register = async (overrides: Record<string, unknown> = {}) =>
    (await f.as(['registrar']).post('/cooperatives').send(cooperativeBody(overrides)).expect(201)).body as {
      id: string;
    };
  const holdRat = (id: string, fiscalYear: number) =>
    f
      .as(['registrar'])
      .post(`/cooperatives/${id}/rats`)
      .send({
        fiscalYear,
        meetingDate: `${fiscalYear + 1}-03-01`,
        reportedDate: `${fiscalYear + 1}-03-05`,
        membersPresent: 10,
        membersTotal: 20,
      })
      .expect(201);
  const statusOf = async (id: string) => (await f.as(['manager']).get(`/cooperatives/${id}`)).body.status as string;
  const finished = (id: string) =>
    eventually(async () => {
      const run = (await f.as(['manager']).get(`/evaluations/${id}`).expect(200)).body as RunView;
      return run.state === 'COMPLETED' ? run : null;
    }, `evaluation ${id} to complete`);
  const start = async (body: Record<string, unknown>, roles: ('registrar' | 'supervisor')[] = ['registrar']) =>
    (await f.as(roles).post('/evaluations').send(body).expect(202)).body as RunView;

  const coops: Record<string, string> = {};
  beforeAll(async () => {
    coops.ratIn2023 = (await register()).id;
    coops.ratIn2022 = (await register()).id;
    coops.ratIn2021 = (await register()).id;
    coops.never = (await register()).id;
    coops.onlyLater = (await register()).id;
    coops.inactive = (await register({ initialStatus: 'INACTIVE' })).id;
    await holdRat(coops.ratIn2023, 2023);
    await holdRat(coops.ratIn2022, 2022);
    await holdRat(coops.ratIn2021, 2021);
    await holdRat(coops.onlyLater, 2024);
  });

  it('answers a dry run with what would change, listing the cooperatives page by page, changing nothing', async () => {
    const before = await f.counts();
    const run = await finished((await start({ fiscalYear: 2023, dryRun: true }, ['supervisor'])).id);
    expect(run).toMatchObject({
      dryRun: true,
      done: 6,
      total: 6,
      chunks: { done: 3, total: 3 },
      outcomes: { becameInactive: 2, keptActive: 3, notActive: 1 },
    });
    expect(await statusOf(coops.never)).toBe('ACTIVE');
    const after = await f.counts();
    expect({
      ...after,
      evaluation_runs: before.evaluation_runs,
      evaluation_chunks: before.evaluation_chunks,
      evaluation_run_cooperatives: before.evaluation_run_cooperatives,
      audit_log: before.audit_log,
    }).toEqual(before);

    const listed = async (offset: number) =>
      (await f.as(['manager']).get(`/evaluations/${run.id}/cooperatives?limit=1&offset=${offset}`).expect(200)).body;
    const [first, second, beyond] = [await listed(0), await listed(1), await listed(2)];
    expect([first.total, second.total]).toEqual([2, 2]);
    expect(beyond.items).toEqual([]);
    const items = [...first.items, ...second.items];
    expect(items.map((item: { cooperativeId: string }) => item.cooperativeId).sort()).toEqual(
      [coops.ratIn2021, coops.never].sort(),
    );
    expect(items.find((item: { cooperativeId: string }) => item.cooperativeId === coops.ratIn2021)).toMatchObject({
      status: 'ACTIVE',
      lastRatYear: 2021,
      kecamatan: 'Pahandut',
    });
  });

  it('sets ACTIVE cooperatives without a RAT in the window INACTIVE, with history and events', async () => {
    const run = await finished((await start({ fiscalYear: 2023 })).id);
    expect(run.outcomes).toEqual({ becameInactive: 2, keptActive: 3, notActive: 1 });
    // A RAT for a later fiscal year (2024) keeps a cooperative ACTIVE when 2023 is evaluated.
    for (const key of ['ratIn2023', 'ratIn2022', 'onlyLater']) expect(await statusOf(coops[key])).toBe('ACTIVE');
    for (const key of ['ratIn2021', 'never']) expect(await statusOf(coops[key])).toBe('INACTIVE');
    const history = (await f.as(['manager']).get(`/cooperatives/${coops.never}/status-history`)).body;
    expect(history[1]).toMatchObject({
      from: 'ACTIVE',
      to: 'INACTIVE',
      reason: 'Annual evaluation 2023: no RAT for fiscal years 2022-2023',
      actorId: 'registrar-1',
      evaluationRunId: run.id,
    });
    const events = (await f.published('registry.cooperative-status-changed.v1')).filter((e) =>
      e.data.reason.startsWith('Annual evaluation'),
    );
    expect(events.map((e) => e.data.cooperativeId).sort()).toEqual([coops.ratIn2021, coops.never].sort());
    expect(events[0].data).toMatchObject({
      from: 'ACTIVE',
      to: 'INACTIVE',
      status: 'INACTIVE',
      triggeringEventId: null,
    });
    const changes = (await f.as(['manager']).get(`/evaluations/${run.id}/changes`).expect(200)).body;
    expect(changes.total).toBe(2);
    const listed = (await f.as(['manager']).get(`/evaluations/${run.id}/cooperatives`).expect(200)).body;
    expect(listed.items.map((item: { status: string }) => item.status)).toEqual(['INACTIVE', 'INACTIVE']);
  });

  it('refuses a second real run of a year whose real run completed; a dry run of it is still allowed', async () => {
    const [completed] = await f.db.query(
      `SELECT id FROM evaluation_runs WHERE fiscal_year = 2023 AND NOT dry_run AND state = 'COMPLETED'`,
    );
    const before = await f.counts();
    const again = await f.as(['registrar']).post('/evaluations').send({ fiscalYear: 2023 }).expect(409);
    expect(again.body.error).toMatchObject({
      code: 'EVALUATION_ALREADY_COMPLETED',
      details: { fiscalYear: 2023, runId: completed.id },
    });
    expect(await f.counts()).toEqual(before);
    const dry = await finished((await start({ fiscalYear: 2023, dryRun: true })).id);
    expect(dry.outcomes.becameInactive).toBe(0);
  });

  it('resumes after a crash without redoing finished chunks', async () => {
    const fresh = [await register(), await register(), await register(), await register()].map((c) => c.id);
    await batchQueue().pause();
    const queued = await start({ fiscalYear: 2022 });
    const runner = f.app.get(EvaluationRunner);
    // The work a worker did before it died: the plan (which queued the chunk jobs) and the first chunk.
    await runner.plan(queued.id);
    expect(await runner.processChunk(queued.id, 0)).toBe(false);
    // A chunk job that runs twice (a stalled job taken again) changes nothing the second time.
    expect(await runner.processChunk(queued.id, 0)).toBe(false);
    const [firstChunk] = await f.db.query(
      `SELECT completed_at, became_inactive FROM evaluation_chunks WHERE run_id = $1 AND chunk_no = 0`,
      [queued.id],
    );
    const midway = (await f.as(['manager']).get(`/evaluations/${queued.id}`)).body as RunView;
    expect(midway).toMatchObject({ state: 'RUNNING', chunks: { done: 1, total: 5 }, done: 2 });

    await batchQueue().resume();
    const run = await finished(queued.id);
    const [again] = await f.db.query(`SELECT completed_at FROM evaluation_chunks WHERE run_id = $1 AND chunk_no = 0`, [
      queued.id,
    ]);
    expect(again.completed_at).toEqual(firstChunk.completed_at);
    // Window 2021-2022 or later: the four fresh ones have no RAT; ratIn2022, ratIn2023 and onlyLater stay active.
    expect(run).toMatchObject({
      done: 10,
      chunks: { done: 5, total: 5 },
      outcomes: { becameInactive: 4, keptActive: 3, notActive: 3 },
    });
    for (const id of fresh) {
      const [{ n }] = await f.db.query(
        `SELECT count(*)::int AS n FROM status_history WHERE cooperative_id = $1 AND evaluation_run_id = $2`,
        [id, queued.id],
      );
      expect(n).toBe(1);
    }
    const events = (await f.published('registry.cooperative-status-changed.v1')).filter((e) =>
      e.data.reason.startsWith('Annual evaluation 2022'),
    );
    expect(events).toHaveLength(4);
  });

  it('re-queues unfinished runs at boot (the job was lost with Redis)', async () => {
    await register();
    await batchQueue().pause();
    const queued = await start({ fiscalYear: 2021 });
    await batchQueue().obliterate({ force: true });
    await batchQueue().resume();
    await f.app.get(EvaluationRunner).resume();
    expect((await finished(queued.id)).state).toBe('COMPLETED');
  });

  it('re-queues the pending chunks of a planned run whose chunk jobs were lost with Redis', async () => {
    await register();
    await batchQueue().pause();
    const queued = await start({ fiscalYear: 2020 });
    const runner = f.app.get(EvaluationRunner);
    await runner.plan(queued.id);
    await runner.processChunk(queued.id, 1);
    await batchQueue().obliterate({ force: true });
    await batchQueue().resume();
    await runner.resume();
    const run = await finished(queued.id);
    const [{ n }] = await f.db.query(
      `SELECT count(*)::int AS n FROM evaluation_chunks WHERE run_id = $1 AND state = 'DONE'`,
      [queued.id],
    );
    expect(run.chunks).toEqual({ done: n, total: n });
    expect(run.done).toBe(run.total);
  });

  it('completes at boot a planned run whose chunks are all done (a crash between its last chunk and its completion)', async () => {
    await batchQueue().pause();
    const queued = await start({ fiscalYear: 2018, dryRun: true });
    const runner = f.app.get(EvaluationRunner);
    await runner.plan(queued.id);
    await f.db.query(`UPDATE evaluation_chunks SET state = 'DONE' WHERE run_id = $1`, [queued.id]);
    await batchQueue().obliterate({ force: true });
    await batchQueue().resume();
    await runner.resume();
    expect((await f.as(['manager']).get(`/evaluations/${queued.id}`).expect(200)).body.state).toBe('COMPLETED');
  });

  describe('bad inputs', () => {
    it.each([
      ['a fiscal year that has not ended', { fiscalYear: new Date().getFullYear() }, 422, 'FISCAL_YEAR_NOT_CLOSED'],
      ['a fiscal year too far back (issue 13: 2000)', { fiscalYear: 2000 }, 422, 'FISCAL_YEAR_TOO_OLD'],
      ['no fiscal year', {}, 400, 'VALIDATION_FAILED'],
      ['a text dry-run flag', { fiscalYear: 2020, dryRun: 'yes' }, 400, 'VALIDATION_FAILED'],
    ])('refuses %s and changes nothing', async (_what, body, status, code) => {
      const before = await f.counts();
      expect((await f.as(['registrar']).post('/evaluations').send(body).expect(status)).body.error.code).toBe(code);
      expect(await f.counts()).toEqual(before);
    });

    it('refuses a second run of a year while one is running, and managers may only read', async () => {
      await batchQueue().pause();
      const first = await start({ fiscalYear: 2019 });
      const before = await f.counts();
      const second = await f.as(['supervisor']).post('/evaluations').send({ fiscalYear: 2019 }).expect(409);
      expect(second.body.error).toMatchObject({ code: 'EVALUATION_IN_PROGRESS', details: { runId: first.id } });
      expect(
        (await f.as(['manager']).post('/evaluations').send({ fiscalYear: 2019 }).expect(403)).body.error.code,
      ).toBe('FORBIDDEN_ROLE');
      expect(await f.counts()).toEqual(before);
      await batchQueue().resume();
      await finished(first.id);
      expect((await f.as(['manager']).get('/evaluations?fiscalYear=2019').expect(200)).body.total).toBe(1);
      expect(
        (await f.as(['manager']).get('/evaluations/00000000-0000-4000-8000-000000000000').expect(404)).body.error.code,
      ).toBe('EVALUATION_RUN_NOT_FOUND');
    });
  });
});
