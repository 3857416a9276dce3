import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Logger } from 'nestjs-pino';
import request from 'supertest';
import { INBOX_QUEUES } from '@koperasi/contracts';
import { baseEnvSchema, parseEnvironment, serviceIdentity } from '@koperasi/platform';
import {
  createTestDatabase,
  eventually,
  testQueuePrefix,
  useTestEnvironment,
  type TestDatabase,
} from '@koperasi/testing';
import { RedisThrottlerStorage } from '../../libs/platform/src/rate-limit/redis-throttler-storage';
import { UsersService } from '../../apps/console/src/accounts/users.service';
import { ConsoleModule } from '../../apps/console/src/console.module';
import { configureWeb } from '../../apps/console/src/web/configure-web';

describe('the console and the rate limits on a Redis Cluster', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;

  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment({ databaseUrl: database.url, queuePrefix: testQueuePrefix() });
    const moduleRef = await Test.createTestingModule({ imports: [ConsoleModule] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true, bodyParser: false });
    app.useLogger(app.get(Logger));
    configureWeb(app);
    await app.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('keeps the session in the cluster and serves the queue board from it', async () => {
    await app
      .get(UsersService)
      .create(
        { username: 'sari.admin', fullName: 'Sari', email: null, roles: ['admin'], kecamatan: null },
        'sandi-sari-benar',
      );
    const browser = request.agent(app.getHttpServer());
    const page = await browser.get('/masuk');
    expect(page.status).toBe(200);
    const csrf = /name=["']_csrf["'] value=["']([^"']+)["']/.exec(page.text)?.[1];
    expect(csrf).toBeDefined();

    const wrong = await browser
      .post('/masuk')
      .type('form')
      .send({ username: 'sari.admin', password: 'salah', _csrf: csrf });
    expect(wrong.status).toBe(401);
    const signedIn = await browser
      .post('/masuk')
      .type('form')
      .send({ username: 'sari.admin', password: 'sandi-sari-benar', _csrf: csrf });
    expect(signedIn.status).toBe(303);

    // Only the session in Redis says who this is; the board reads every queue through the cluster.
    const board = await browser.get('/admin/antrean/api/queues');
    expect(board.status).toBe(200);
    const names = (board.body as { queues: { name: string }[] }).queues.map((queue) => queue.name);
    expect(names).toEqual(expect.arrayContaining(Object.values(INBOX_QUEUES)));
  });

  it('counts and blocks per user with both keys of a limit in one slot', async () => {
    const env = parseEnvironment(baseEnvSchema.extend({ PORT: baseEnvSchema.shape.PORT.default(0) }), process.env);
    const storage = new RedisThrottlerStorage(env, serviceIdentity('registry'));
    try {
      // A limiter lets requests through until its connection is up.
      await eventually(
        async () => (await storage.increment('user:warm-up', 60_000, 100, 60_000, 'default')).totalHits > 0,
        'the limiter to reach the cluster',
      );
      const hit = () => storage.increment('user:rani', 60_000, 2, 60_000, 'default');
      expect(await hit()).toMatchObject({ totalHits: 1, isBlocked: false });
      expect(await hit()).toMatchObject({ totalHits: 2, isBlocked: false });
      expect(await hit()).toMatchObject({ totalHits: 3, isBlocked: true, timeToBlockExpire: 60 });
      // Another user lands in another slot and has a budget of its own.
      expect(await storage.increment('user:budi', 60_000, 2, 60_000, 'default')).toMatchObject({
        totalHits: 1,
        isBlocked: false,
      });
    } finally {
      await storage.onModuleDestroy();
    }
  });
});
