import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import { QueueDirectory } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import { EvaluationService } from '../src/evaluation/evaluation.service';
import { alsoCount, cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

alsoCount('rats', 'evaluation_runs', 'evaluation_chunks');

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

  it('answers a dry run with what would change, changing nothing', async () => {
    const before = await f.counts();
    const run = await finished((await start({ fiscalYear: 2023, dryRun: true }, ['supervisor'])).id);
    expect(run).toMatchObject({
      dryRun: true,
      done: 6,
      total: 6,
      chunks: { done: 3, total: 3 },
      outcomes: { becameInactive: 3, keptActive: 2, notActive: 1 },
    });
    expect(await statusOf(coops.never)).toBe('ACTIVE');
    const after = await f.counts();
    expect({
      ...after,
      evaluation_runs: before.evaluation_runs,
      evaluation_chunks: before.evaluation_chunks,
      audit_log: before.audit_log,
    }).toEqual(before);
  });

  it('sets ACTIVE cooperatives without a RAT in the window INACTIVE, with history and events', async () => {
    const run = await finished((await start({ fiscalYear: 2023 })).id);
    expect(run.outcomes).toEqual({ becameInactive: 3, keptActive: 2, notActive: 1 });
    expect(await statusOf(coops.ratIn2023)).toBe('ACTIVE');
    expect(await statusOf(coops.ratIn2022)).toBe('ACTIVE');
    for (const key of ['ratIn2021', 'never', 'onlyLater']) expect(await statusOf(coops[key])).toBe('INACTIVE');
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
    expect(events.map((e) => e.data.cooperativeId).sort()).toEqual(
      [coops.ratIn2021, coops.never, coops.onlyLater].sort(),
    );
    expect(events[0].data).toMatchObject({
      from: 'ACTIVE',
      to: 'INACTIVE',
      status: 'INACTIVE',
      triggeringEventId: null,
    });
    const changes = (await f.as(['manager']).get(`/evaluations/${run.id}/changes`).expect(200)).body;
    expect(changes.total).toBe(3);
  });

  it('changes nothing when run again for the same year', async () => {
    const before = await f.counts();
    const run = await finished((await start({ fiscalYear: 2023 })).id);
    expect(run.outcomes).toEqual({ becameInactive: 0, keptActive: 2, notActive: 4 });
    const after = await f.counts();
    expect(after.status_history).toBe(before.status_history);
    expect(after.outbox).toBe(before.outbox);
  });

  it('resumes after a crash without redoing finished chunks', async () => {
    const fresh = [await register(), await register(), await register(), await register()].map((c) => c.id);
    await batchQueue().pause();
    const queued = await start({ fiscalYear: 2022 });
    const service = f.app.get(EvaluationService);
    // The work a worker did before it died: the plan and the first chunk.
    await service.plan(queued.id);
    expect(await service.processNextChunk(queued.id)).toBe(true);
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
    // Window 2021-2022: ratIn2023 and the four fresh ones have none; ratIn2022 keeps it active.
    expect(run).toMatchObject({
      done: 10,
      chunks: { done: 5, total: 5 },
      outcomes: { becameInactive: 5, keptActive: 1, notActive: 4 },
    });
    for (const id of [...fresh, coops.ratIn2023]) {
      const [{ n }] = await f.db.query(
        `SELECT count(*)::int AS n FROM status_history WHERE cooperative_id = $1 AND evaluation_run_id = $2`,
        [id, queued.id],
      );
      expect(n).toBe(1);
    }
    const events = (await f.published('registry.cooperative-status-changed.v1')).filter((e) =>
      e.data.reason.startsWith('Annual evaluation 2022'),
    );
    expect(events).toHaveLength(5);
  });

  it('re-queues unfinished runs at boot (the job was lost with Redis)', async () => {
    await register();
    await batchQueue().pause();
    const queued = await start({ fiscalYear: 2021 });
    await batchQueue().obliterate({ force: true });
    await batchQueue().resume();
    await f.app.get(EvaluationService).onApplicationBootstrap();
    expect((await finished(queued.id)).state).toBe('COMPLETED');
  });

  describe('bad inputs', () => {
    it.each([
      ['a fiscal year that has not ended', { fiscalYear: new Date().getFullYear() }, 422, 'FISCAL_YEAR_NOT_CLOSED'],
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
