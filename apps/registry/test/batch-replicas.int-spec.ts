import type { INestApplication } from '@nestjs/common';
import { checkEventData } from '@koperasi/contracts';
import { eventually, startTestApp } from '@koperasi/testing';
import { EvaluationRunner } from '../src/evaluation/evaluation-runner.service';
import { ImportsRunner } from '../src/imports/imports-runner.service';
import { RegistryModule } from '../src/registry.module';
import { cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

type Runner = { processChunk(id: string, chunkNo: number): Promise<boolean> };

/**
 * Wraps each replica's chunk work so that no chunk starts before both replicas hold one: the
 * replicas then provably share the chunks and finish the first two at the same time.
 */
function meetAtTheFirstChunks(runners: Runner[]): { chunksBy: number[][]; completions: number[] } {
  const chunksBy = runners.map(() => [] as number[]);
  const completions = runners.map(() => 0);
  let release!: () => void;
  const bothHoldAChunk = new Promise<void>((resolve) => (release = resolve));
  let arrived = 0;
  runners.forEach((runner, index) => {
    const original = runner.processChunk.bind(runner);
    jest.spyOn(runner, 'processChunk').mockImplementation(async (id, chunkNo) => {
      arrived += 1;
      if (arrived === runners.length) release();
      await bothHoldAChunk;
      const completed = await original(id, chunkNo);
      chunksBy[index].push(chunkNo);
      if (completed) completions[index] += 1;
      return completed;
    });
  });
  return { chunksBy, completions };
}

describe('registry batch work over two replicas', () => {
  let f: RegistryFixture;
  let second: INestApplication;
  beforeAll(async () => {
    f = await startRegistry({
      EVALUATION_CHUNK_SIZE: '2',
      IMPORT_CHUNK_SIZE: '2',
      INACTIVE_AFTER_FISCAL_YEARS: '2',
      // One chunk at a time per replica: two chunks in flight at once are then on two replicas.
      BATCH_CONCURRENCY: '1',
    });
    // A second replica: same database, same queue prefix, its own batch worker.
    second = await startTestApp(RegistryModule);
  });
  afterAll(async () => {
    await second?.close();
    await f.close();
  });
  afterEach(() => jest.restoreAllMocks());

  it('evaluates chunks on both replicas and completes the run exactly once, with its history, audit and events', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await f.as(['registrar']).post('/cooperatives').send(cooperativeBody()).expect(201)).body.id);
    await f
      .as(['registrar'])
      .post(`/cooperatives/${ids[0]}/rats`)
      .send({
        fiscalYear: 2023,
        meetingDate: '2024-03-01',
        reportedDate: '2024-03-05',
        membersPresent: 10,
        membersTotal: 20,
      })
      .expect(201);
    const shared = meetAtTheFirstChunks([f.app.get(EvaluationRunner), second.get(EvaluationRunner)]);

    const { id } = (await f.as(['registrar']).post('/evaluations').send({ fiscalYear: 2023 }).expect(202)).body;
    const run = await eventually(async () => {
      const body = (await f.as(['manager']).get(`/evaluations/${id}`).expect(200)).body;
      // The last chunk commits the run's completion before its spy records the chunk.
      const recorded = shared.chunksBy.flat().length >= 2;
      return body.state === 'COMPLETED' && recorded ? body : null;
    }, 'the evaluation to complete');

    expect(shared.chunksBy.map((chunks) => chunks.length)).toEqual([1, 1]);
    expect(shared.completions.reduce((a, b) => a + b)).toBe(1);
    expect(run).toMatchObject({
      done: 4,
      total: 4,
      chunks: { done: 2, total: 2 },
      outcomes: { becameInactive: 3, keptActive: 1, notActive: 0 },
    });
    const history = await f.db.query(
      `SELECT cooperative_id, from_status, to_status, reason, actor_id FROM status_history WHERE evaluation_run_id = $1`,
      [id],
    );
    expect(history.map((row: { cooperative_id: string }) => row.cooperative_id).sort()).toEqual(ids.slice(1).sort());
    const reason = 'Annual evaluation 2023: no RAT for fiscal years 2022-2023';
    expect(history[0]).toMatchObject({ from_status: 'ACTIVE', to_status: 'INACTIVE', reason, actor_id: 'registrar-1' });

    const audit = await f.db.query(
      `SELECT actor_id, actor_name, entity_type, entity_id, before, after, reason, correlation_id FROM audit_log
       WHERE action = 'cooperative.status-changed' AND after ->> 'evaluationRunId' = $1 ORDER BY entity_id`,
      [id],
    );
    expect(audit).toEqual(
      ids
        .slice(1)
        .sort()
        .map((cooperativeId) => ({
          actor_id: 'registrar-1',
          actor_name: null,
          entity_type: 'Cooperative',
          entity_id: cooperativeId,
          before: { status: 'ACTIVE' },
          after: { status: 'INACTIVE', evaluationRunId: id },
          reason,
          correlation_id: null,
        })),
    );

    const events = (await f.published('registry.cooperative-status-changed.v1')).filter(
      (event) => event.data.reason === reason,
    );
    expect(events).toHaveLength(3);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(3);
    const cooperative = (await f.as(['manager']).get(`/cooperatives/${ids[1]}`).expect(200)).body;
    const event = events.find((candidate) => candidate.data.cooperativeId === ids[1])!;
    // The envelope buildEnvelope made before the events were written in SQL: same members, same values.
    expect(Object.keys(event).sort()).toEqual(['actor', 'correlationId', 'data', 'eventId', 'occurredAt', 'type']);
    expect(event).toMatchObject({ type: 'registry.cooperative-status-changed.v1', actor: { id: 'registrar-1' } });
    expect(event.occurredAt).toBe(event.data.changedAt);
    expect(new Date(event.data.changedAt).toISOString()).toBe(event.data.changedAt);
    expect(event.data).toEqual({
      cooperativeId: ids[1],
      name: cooperative.name,
      legalEntityNumber: cooperative.legalEntityNumber,
      nik: null,
      kecamatan: 'Pahandut',
      kelurahan: 'Langkai',
      type: 'SAVINGS_AND_LOAN',
      status: 'INACTIVE',
      cooperativeVersion: cooperative.version,
      from: 'ACTIVE',
      to: 'INACTIVE',
      reason,
      changedAt: event.data.changedAt,
      triggeringEventId: null,
    });
    expect(checkEventData('registry.cooperative-status-changed.v1', event.data).ok).toBe(true);
  });

  it('applies an import chunk by chunk on both replicas and completes it exactly once', async () => {
    const tag = `${process.pid}${Date.now()}`;
    const csv = [
      'name,legalEntityNumber,legalEntityDate,type,kelurahan,kecamatan',
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => `Koperasi Replika ${n},${tag}/RP/${n},2001-01-01,SERVICES,Pager,Rakumpit`),
    ].join('\n');
    const shared = meetAtTheFirstChunks([f.app.get(ImportsRunner), second.get(ImportsRunner)]);
    const started = (
      await f
        .as(['registrar'])
        .post('/imports/cooperatives')
        .attach('file', Buffer.from(csv), { filename: 'replicas.csv', contentType: 'text/csv' })
        .expect(202)
    ).body;
    const done = await eventually(async () => {
      const body = (await f.as(['manager']).get(`/imports/${started.id}`).expect(200)).body;
      return body.state === 'COMPLETED' ? body : null;
    }, 'the import to complete');

    expect(shared.chunksBy.every((chunks) => chunks.length >= 1)).toBe(true);
    expect(shared.chunksBy.flat().sort()).toEqual([0, 1, 2, 3]);
    expect(shared.completions.reduce((a, b) => a + b)).toBe(1);
    expect(done).toMatchObject({ done: 7, total: 7, imported: 7, failures: [] });
    const listed = (await f.as(['manager']).get(`/cooperatives?q=${encodeURIComponent(`${tag}/RP/`)}`)).body;
    expect(listed.total).toBe(7);
    expect(
      (await f.published('registry.cooperative-registered.v1')).filter((e) =>
        e.data.legalEntityNumber.startsWith(`${tag}/RP/`),
      ),
    ).toHaveLength(7);
  });
});
