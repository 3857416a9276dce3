import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditEntry, DeadLetter, DeadLetters } from '@koperasi/platform';
import { bearer, TEST_JWT_SECRET } from '@koperasi/testing';
import { SAMPLE_EVENT, sampleStatusChange, startMessagingFixture, type MessagingFixture } from './messaging-fixture';

describe('HTTP conventions every service shares', () => {
  let fx: MessagingFixture;
  let http: ReturnType<MessagingFixture['consumer']['getHttpServer']>;
  let dataSource: DataSource;

  beforeAll(async () => {
    fx = await startMessagingFixture();
    http = fx.consumer.getHttpServer();
    dataSource = fx.consumer.get(DataSource);
  });

  afterAll(() => fx?.close());

  const deadLetter = async () =>
    (await fx.consumer.get(DeadLetters).record({
      queue: 'mentoring-inbox',
      jobId: null,
      eventType: SAMPLE_EVENT,
      payload: {
        eventId: randomUUID(),
        type: SAMPLE_EVENT,
        occurredAt: new Date().toISOString(),
        correlationId: 'c',
        data: sampleStatusChange(randomUUID()),
      },
      errorCode: 'INVALID_PAYLOAD',
      errorMessage: 'sample',
      attempts: 1,
    }))!;

  it('answers liveness and readiness (database, Redis, queues) without a token', async () => {
    const live = await request(http).get('/health');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok', service: 'mentoring' });

    const ready = await request(http).get('/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.info)).toEqual(
      expect.arrayContaining(['database', 'queue:mentoring-inbox', 'queue:mentoring-timers']),
    );
  });

  it('serves the OpenAPI document at /docs-json and the UI at /docs', async () => {
    const json = await request(http).get('/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.paths['/admin/dead-letters/{id}/retry'].post.responses).toHaveProperty('403');
    expect(json.body.components.securitySchemes).toHaveProperty('bearer');
    const ui = await request(http).get('/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers 401 in the error shape for a missing, tampered or expired token', async () => {
    const missing = await request(http).get('/audit');
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'A bearer token is required', details: {} },
    });

    const token = bearer(['admin']);
    const tampered = await request(http)
      .get('/audit')
      .set('Authorization', `${token.slice(0, -3)}abc`);
    expect(tampered.status).toBe(401);
    expect(tampered.body.error.message).toBe('The token is not valid');

    const expiredToken = jwt.sign(
      { sub: 'u1', roles: ['admin'], exp: Math.floor(Date.now() / 1000) - 60 },
      TEST_JWT_SECRET,
    );
    const expired = await request(http).get('/audit').set('Authorization', `Bearer ${expiredToken}`);
    expect(expired.status).toBe(401);
    expect(expired.body.error.message).toBe('The token has expired');

    const foreign = jwt.sign({ sub: 'u1', roles: ['admin'] }, 'some-other-secret-entirely');
    expect((await request(http).get('/audit').set('Authorization', `Bearer ${foreign}`)).status).toBe(401);
  });

  it('answers 403 with the roles needed when the role may not act', async () => {
    const response = await request(http)
      .get('/admin/dead-letters')
      .set('Authorization', bearer(['officer']));
    expect(response.status).toBe(403);
    expect(response.body.error).toEqual({
      code: 'FORBIDDEN_ROLE',
      message: 'This action needs one of the roles: admin',
      details: { required: ['admin'], held: ['officer'] },
    });
  });

  it('rejects a bad body with 400 VALIDATION_FAILED and writes nothing', async () => {
    const letter = await deadLetter();
    const auditBefore = await dataSource.getRepository(AuditEntry).count();

    const unknownField = await request(http)
      .post(`/admin/dead-letters/${letter.id}/retry`)
      .set('Authorization', bearer(['admin']))
      .send({ data: {}, sneaky: true });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.code).toBe('VALIDATION_FAILED');
    expect(unknownField.body.error.details.fields).toEqual([
      { field: 'sneaky', problems: ['property sneaky should not exist'] },
    ]);

    const wrongType = await request(http)
      .post(`/admin/dead-letters/${letter.id}/retry`)
      .set('Authorization', bearer(['admin']))
      .send({ data: 'not an object' });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details.fields[0].field).toBe('data');

    const badId = await request(http)
      .post('/admin/dead-letters/not-a-uuid/retry')
      .set('Authorization', bearer(['admin']))
      .send({});
    expect(badId.status).toBe(400);
    expect(badId.body.error.code).toBe('BAD_REQUEST');

    const unchanged = await dataSource.getRepository(DeadLetter).findOneByOrFail({ id: letter.id });
    expect(unchanged.resolvedAt).toBeNull();
    expect(unchanged.retryCount).toBe(0);
    expect(await dataSource.getRepository(AuditEntry).count()).toBe(auditBefore);
  });

  it('echoes the correlation id and records it with the audited write', async () => {
    const letter = await deadLetter();
    const response = await request(http)
      .post(`/admin/dead-letters/${letter.id}/retry`)
      .set('Authorization', bearer(['admin'], 'admin-7', 'Admin Tujuh'))
      .set('x-correlation-id', 'corr-http-conventions-1')
      .send({});
    expect(response.status).toBe(202);
    expect(response.headers['x-correlation-id']).toBe('corr-http-conventions-1');

    const audit = await dataSource
      .getRepository(AuditEntry)
      .findOneByOrFail({ entityId: letter.id, action: 'dead-letter.retried' });
    expect(audit).toMatchObject({
      actorId: 'admin-7',
      actorName: 'Admin Tujuh',
      correlationId: 'corr-http-conventions-1',
    });

    const generated = await request(http).get('/health');
    expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
