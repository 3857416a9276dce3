import request from 'supertest';
import Redis from 'ioredis';
import { RedisThrottlerStorage } from '../../../libs/platform/src/rate-limit/redis-throttler-storage';
import { serviceIdentity, type BaseEnv } from '@koperasi/platform';
import { bearer, redisUrl } from '@koperasi/testing';
import { startRegistry, type RegistryFixture } from './registry-fixture';

/** Rate limits per user on a Redis store: every request, and the stricter costly routes. */
describe('registry: rate limits', () => {
  let f: RegistryFixture;
  let prefix: string;
  const as = (user: string) => bearer(['registrar', 'manager'], user);
  const get = (path: string, user: string) => request(f.app.getHttpServer()).get(path).set('Authorization', as(user));

  beforeAll(async () => {
    f = await startRegistry({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_COSTLY_PER_MINUTE: '2' });
    prefix = process.env.QUEUE_PREFIX!;
  });
  afterAll(() => f.close());

  it('answers 429 in the error shape once a user passes the limit, and counts each user apart', async () => {
    for (let call = 1; call <= 5; call++) expect((await get('/cooperatives', 'limited-a')).status).toBe(200);
    const refused = await get('/cooperatives', 'limited-a');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      details: { limit: 5, windowSeconds: 60 },
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    // Same address, another user: its own budget (the limit keys on the token's subject).
    expect((await get('/cooperatives', 'limited-b')).status).toBe(200);
    const redis = new Redis(redisUrl());
    try {
      const keys = await redis.keys(`${prefix}:rate-limit:registry:{default:user:limited-*`);
      expect(keys.sort()).toEqual(
        expect.arrayContaining([
          `${prefix}:rate-limit:registry:{default:user:limited-a}:hits`,
          `${prefix}:rate-limit:registry:{default:user:limited-a}:blocked`,
          `${prefix}:rate-limit:registry:{default:user:limited-b}:hits`,
        ]),
      );
    } finally {
      redis.disconnect();
    }
  });

  it('limits the costly routes (statistics, exports, imports) more strictly', async () => {
    expect((await get('/statistics', 'costly-c')).status).toBe(200);
    expect((await get('/exports/cooperatives.csv', 'costly-c')).status).toBe(200);
    const refused = await get('/statistics', 'costly-c');
    expect(refused.status).toBe(429);
    expect(refused.body.error.details.limit).toBe(2);
    // Ordinary routes still answer: three of its five requests are used.
    expect((await get('/cooperatives', 'costly-c')).status).toBe(200);
  });

  it('never limits the health probes', async () => {
    for (let call = 1; call <= 8; call++)
      expect((await request(f.app.getHttpServer()).get('/health')).status).toBe(200);
  });

  it('lets requests through when Redis cannot answer', async () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:1', QUEUE_PREFIX: prefix } as BaseEnv;
    const storage = new RedisThrottlerStorage(env, serviceIdentity('registry'));
    try {
      const record = await storage.increment('user:x', 60_000, 1, 60_000, 'default');
      expect(record).toMatchObject({ isBlocked: false, totalHits: 0 });
    } finally {
      await storage.onModuleDestroy();
    }
  });
});
