import { randomUUID } from 'node:crypto';
import { registered, startMentoring, type MentoringFixture } from './mentoring-fixture';

/** The conventions the three APIs share (issue 13): Idempotency-Key on creating POSTs, version, search length, audit names. */
describe('mentoring: the conventions every API shares', () => {
  let f: MentoringFixture;
  const officer = () => f.as(['officer'], 'officer-1');

  beforeAll(async () => {
    f = await startMentoring();
  });
  afterAll(() => f.close());

  it('opens a case once under a retried Idempotency-Key; the retry gets the first answer', async () => {
    const cooperativeId = randomUUID();
    await f.deliver('registry.cooperative-registered.v1', registered(cooperativeId, 'ACTIVE'));
    await f.quiet();
    const body = { cooperativeId, type: 'RAT_PREPARATION', priority: 'NORMAL', reason: 'Help with the RAT' };
    const open = () =>
      f.http().post('/cases').set('Authorization', officer()).set('Idempotency-Key', 'open-1').send(body);
    const first = await open().expect(201);
    const retry = await open().expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    expect(await f.count('cases', 'cooperative_id = $1', [cooperativeId])).toBe(1);

    await f.http().post(`/cases/${first.body.id}/claim`).set('Authorization', officer()).expect(200);
    const activity = { kind: 'VISIT', occurredOn: '2025-01-10', text: 'Met the board' };
    const log = () =>
      f
        .http()
        .post(`/cases/${first.body.id}/activities`)
        .set('Authorization', officer())
        .set('Idempotency-Key', 'visit-1')
        .send(activity);
    const logged = await log().expect(201);
    expect((await log().expect(201)).body.id).toBe(logged.body.id);
    expect(await f.count('case_activities', 'case_id = $1', [first.body.id])).toBe(1);
    const bad = await f
      .http()
      .post('/cases')
      .set('Authorization', officer())
      .set('Idempotency-Key', 'has spaces')
      .send(body)
      .expect(400);
    expect(bad.body.error.code).toBe('INVALID_IDEMPOTENCY_KEY');
  });

  it('takes the optimistic-lock version under the name it answers with: version; a stale one changes nothing', async () => {
    const cooperativeId = randomUUID();
    await f.deliver('registry.cooperative-registered.v1', registered(cooperativeId, 'ACTIVE'));
    await f.quiet();
    const supervisor = f.as(['supervisor'], 'supervisor-1');
    const opened = await f
      .http()
      .post('/cases')
      .set('Authorization', supervisor)
      .send({ cooperativeId, type: 'RAT_PREPARATION', priority: 'NORMAL', reason: 'Help with the RAT' })
      .expect(201);
    const read = await f.http().get(`/cases/${opened.body.id}`).set('Authorization', supervisor).expect(200);
    expect(read.body.version).toEqual(expect.any(Number));
    const priority = (body: object) =>
      f.http().post(`/cases/${opened.body.id}/priority`).set('Authorization', supervisor).send(body);
    const changed = await priority({ priority: 'HIGH', reason: 'Deadline near', version: read.body.version }).expect(
      200,
    );
    expect(changed.body.version).toBe(read.body.version + 1);
    const stale = await priority({
      priority: 'LOW',
      reason: 'Based on an old read',
      version: read.body.version,
    }).expect(409);
    expect(stale.body.error).toMatchObject({
      code: 'STALE_VERSION',
      details: { expectedVersion: read.body.version, currentVersion: changed.body.version },
    });
    const after = await f.http().get(`/cases/${opened.body.id}`).set('Authorization', supervisor).expect(200);
    expect(after.body).toMatchObject({ priority: 'HIGH', version: changed.body.version });
    await f
      .http()
      .post(`/cases/${opened.body.id}/hold`)
      .set('Authorization', supervisor)
      .send({ until: '2099-01-01', reason: 'Stale hold', version: read.body.version })
      .expect(409);
    await priority({ priority: 'LOW', reason: 'Without a version acts on the current one' }).expect(200);
  });

  it('writes audit actions as entity.kebab-case-verb', async () => {
    const rows: { action: string }[] = await f.db.query(`SELECT DISTINCT action FROM audit_log`);
    expect(rows.length).toBeGreaterThan(0);
    for (const { action } of rows) expect(action).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/);
  });

  it('needs 3 characters to search and answers a malformed id with 400 INVALID_IDENTIFIER', async () => {
    const short = await f.http().get('/cases').query({ q: 'ab' }).set('Authorization', officer()).expect(400);
    expect(short.body.error.code).toBe('VALIDATION_FAILED');
    const malformed = await f.http().post('/notifications/12/read').set('Authorization', officer()).expect(400);
    expect(malformed.body.error).toMatchObject({ code: 'INVALID_IDENTIFIER', message: 'id must be a UUID' });
  });
});
