import { setImmediate as nextTurn } from 'node:timers/promises';
import { Body, Controller, Get, Post } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { SERVICE_CONFIG } from '../config/config.tokens';
import { currentCorrelationId } from '../context/request-context';
import { configureApp, serviceHttpAdapter } from './bootstrap';

@Controller()
class PingController {
  @Get('ping')
  ping() {
    return { ok: true };
  }

  /** The request's correlation id as the code behind a request sees it, after the body and an await. */
  @Post('echo-context')
  async echoContext(@Body() body: { note?: string }) {
    await nextTurn();
    return { correlationId: currentCorrelationId(), note: body.note };
  }
}

async function appWith(env: Record<string, string>): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    controllers: [PingController],
    providers: [{ provide: SERVICE_CONFIG, useValue: env }],
  }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(serviceHttpAdapter(), { logger: false });
  configureApp(app, 'test');
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}

describe('configureApp', () => {
  const apps: NestFastifyApplication[] = [];
  const start = async (env: Record<string, string>) => {
    const app = await appWith(env);
    apps.push(app);
    return app.getHttpServer();
  };
  afterAll(() => Promise.all(apps.map((app) => app.close())));

  it('sends security headers on every answer', async () => {
    const response = await request(await start({ NODE_ENV: 'development' })).get('/ping');
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(response.headers).not.toHaveProperty('x-powered-by');
  });

  it('runs each request in its own context, under the correlation id it sent or a fresh one', async () => {
    const server = await start({ NODE_ENV: 'development' });
    const sent = await request(server)
      .post('/echo-context')
      .set('x-correlation-id', 'caller-chosen-1')
      .send({ note: 'a JSON body read before the handler' });
    expect(sent.status).toBe(201);
    expect(sent.body).toEqual({ correlationId: 'caller-chosen-1', note: 'a JSON body read before the handler' });
    expect(sent.headers['x-correlation-id']).toBe('caller-chosen-1');

    const [first, second] = await Promise.all([1, 2].map(() => request(server).post('/echo-context').send({})));
    expect(first.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.body.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.body.correlationId).not.toBe(second.body.correlationId);
    expect(first.headers['x-correlation-id']).toBe(first.body.correlationId);
  });

  it('serves the OpenAPI pages outside production only, unless API_DOCS says otherwise', async () => {
    const docs = async (env: Record<string, string>) => (await request(await start(env)).get('/docs-json')).status;
    expect(await docs({ NODE_ENV: 'development' })).toBe(200);
    expect(await docs({ NODE_ENV: 'production' })).toBe(404);
    expect(await docs({ NODE_ENV: 'production', API_DOCS: 'true' })).toBe(200);
    expect(await docs({ NODE_ENV: 'development', API_DOCS: 'false' })).toBe(404);
    expect((await request(await start({ NODE_ENV: 'production' })).get('/docs')).status).toBe(404);
  });
});
