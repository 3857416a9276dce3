import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import { QueueDirectory } from '@koperasi/platform';
import { EVALUATION_JOB, IMPORT_JOB, batchJobId, type BatchJobName } from '../src/batch/batch-jobs';
import { cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

/** The conventions the three APIs share (issue 13): Idempotency-Key, version, search length, malformed ids. */
describe('registry: the conventions every API shares', () => {
  let f: RegistryFixture;

  beforeAll(async () => {
    f = await startRegistry();
  });
  afterAll(() => f.close());

  it('answers a retried registration with the same Idempotency-Key with the first answer, registering once', async () => {
    const body = cooperativeBody();
    const first = await f
      .as(['registrar'])
      .post('/cooperatives')
      .set('Idempotency-Key', 'reg-1')
      .send(body)
      .expect(201);
    const before = await f.counts();
    const retry = await f
      .as(['registrar'])
      .post('/cooperatives')
      .set('Idempotency-Key', 'reg-1')
      .send(body)
      .expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await f.counts()).toEqual(before);
    const reused = await f
      .as(['registrar'])
      .post(`/cooperatives/${first.body.id}/rats`)
      .set('Idempotency-Key', 'reg-1')
      .send({
        fiscalYear: 2024,
        meetingDate: '2025-03-15',
        reportedDate: '2025-03-20',
        membersPresent: 40,
        membersTotal: 75,
      })
      .expect(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('records a RAT once under a retried Idempotency-Key', async () => {
    const cooperative = await f.as(['registrar']).post('/cooperatives').send(cooperativeBody()).expect(201);
    const rat = {
      fiscalYear: 2024,
      meetingDate: '2025-03-15',
      reportedDate: '2025-03-20',
      membersPresent: 40,
      membersTotal: 75,
    };
    const url = `/cooperatives/${cooperative.body.id}/rats`;
    const first = await f.as(['registrar']).post(url).set('Idempotency-Key', 'rat-2024').send(rat);
    expect(first.status).toBe(201);
    const retry = await f.as(['registrar']).post(url).set('Idempotency-Key', 'rat-2024').send(rat).expect(201);
    expect(retry.body).toEqual(first.body);
    expect(
      Number(
        (await f.db.query(`SELECT count(*) AS n FROM rats WHERE cooperative_id = $1`, [cooperative.body.id]))[0].n,
      ),
    ).toBe(1);
  });

  /** When the run's job was queued (a re-queue would replace the job, with a later timestamp). */
  const queuedAt = async (name: BatchJobName, id: string) =>
    (await f.app.get(QueueDirectory).get(REGISTRY_BATCH_QUEUE).getJob(batchJobId(name, id)))?.timestamp;
  const countRows = async (table: string) => Number((await f.db.query(`SELECT count(*) AS n FROM ${table}`))[0].n);

  it('starts an evaluation once under a retried Idempotency-Key, queueing its job once', async () => {
    const post = () =>
      f
        .as(['registrar'])
        .post('/evaluations')
        .set('Idempotency-Key', 'eval-1')
        .send({ fiscalYear: 2024, dryRun: true });
    const first = await post().expect(202);
    const firstQueuedAt = await queuedAt(EVALUATION_JOB, first.body.id);
    expect(firstQueuedAt).toBeDefined();
    const runs = await countRows('evaluation_runs');
    const retry = await post().expect(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await countRows('evaluation_runs')).toBe(runs);
    expect(await queuedAt(EVALUATION_JOB, first.body.id)).toBe(firstQueuedAt);
    const otherBody = await f
      .as(['registrar'])
      .post('/evaluations')
      .set('Idempotency-Key', 'eval-1')
      .send({ fiscalYear: 2023, dryRun: true })
      .expect(422);
    expect(otherBody.body.error).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: { firstRoute: 'POST /evaluations' },
    });
    expect(await countRows('evaluation_runs')).toBe(runs);
    const reused = await f
      .as(['registrar'])
      .post('/imports/rats')
      .set('Idempotency-Key', 'eval-1')
      .attach('file', Buffer.from('fiscalYear\n', 'utf8'), 'rats.csv')
      .expect(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('starts a CSV import once under a retried Idempotency-Key, queueing its job once', async () => {
    const csv = [
      'name,legalEntityNumber,legalEntityDate,type,kelurahan,kecamatan',
      `Koperasi Sekali,IDEM/${Date.now()}/1,2001-01-01,SERVICES,Pager,Rakumpit`,
    ].join('\n');
    const post = () =>
      f
        .as(['registrar'])
        .post('/imports/cooperatives')
        .set('Idempotency-Key', 'import-1')
        .attach('file', Buffer.from(csv, 'utf8'), 'cooperatives.csv');
    const first = await post().expect(202);
    const firstQueuedAt = await queuedAt(IMPORT_JOB, first.body.id);
    expect(firstQueuedAt).toBeDefined();
    const runs = await countRows('import_runs');
    const retry = await post().expect(202);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await countRows('import_runs')).toBe(runs);
    expect(await queuedAt(IMPORT_JOB, first.body.id)).toBe(firstQueuedAt);
    const otherFile = await f
      .as(['registrar'])
      .post('/imports/cooperatives')
      .set('Idempotency-Key', 'import-1')
      .attach('file', Buffer.from(`${csv}\n`, 'utf8'), 'cooperatives.csv')
      .expect(422);
    expect(otherFile.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await countRows('import_runs')).toBe(runs);
  });

  it('takes the optimistic-lock version under the name it answers with: version', async () => {
    const created = await f.as(['registrar']).post('/cooperatives').send(cooperativeBody()).expect(201);
    expect(created.body.version).toBe(1);
    const stale = await f
      .as(['registrar'])
      .patch(`/cooperatives/${created.body.id}`)
      .send({ name: 'Koperasi Baru Sekali', version: 7 })
      .expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'STALE_VERSION',
      details: { expectedVersion: 7, currentVersion: 1 },
    });
    const old = await f
      .as(['registrar'])
      .patch(`/cooperatives/${created.body.id}`)
      .send({ name: 'Koperasi Baru Sekali', expectedVersion: 1 })
      .expect(400);
    expect(old.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('needs 3 characters to search and answers a malformed id with 400 INVALID_IDENTIFIER', async () => {
    const short = await f.as(['registrar']).get('/cooperatives?q=ab').expect(400);
    expect(short.body.error.code).toBe('VALIDATION_FAILED');
    const malformed = await f.as(['registrar']).get('/cooperatives/not-a-uuid').expect(400);
    expect(malformed.body.error).toMatchObject({ code: 'INVALID_IDENTIFIER', message: 'id must be a UUID' });
  });
});
