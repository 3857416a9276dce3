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
