import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import {
  createTestDatabase,
  startPrivateRedis,
  TEST_JWT_SECRET,
  type PrivateRedis,
  type TestDatabase,
} from '@koperasi/testing';

const ROOT = path.resolve(__dirname, '../..');

describe('shutdown with Redis gone (the built registry service, its own redis-server)', () => {
  let database: TestDatabase;
  let redis: PrivateRedis;

  beforeAll(async () => {
    database = await createTestDatabase();
    redis = await startPrivateRedis();
  });

  afterAll(async () => {
    await redis?.remove();
    await database?.drop();
  });

  it('exits within SHUTDOWN_TIMEOUT_MS after SIGTERM', async () => {
    const port = 20_000 + (process.pid % 20_000);
    const child = spawn(
      process.execPath,
      ['-r', path.join(ROOT, 'scripts/register-paths.cjs'), path.join(ROOT, 'dist/apps/registry/src/main.js')],
      {
        env: {
          ...process.env,
          PORT: String(port),
          DATABASE_URL: database.url,
          REDIS_URL: redis.url,
          QUEUE_PREFIX: 'shutdown',
          JWT_SECRET: TEST_JWT_SECRET,
          LOG_LEVEL: 'warn',
          SHUTDOWN_TIMEOUT_MS: '3000',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const output: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const exited = once(child, 'exit');
    for (let attempt = 0; ; attempt++) {
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (response) => response.ok,
        () => false,
      );
      if (ready) break;
      if (attempt > 150 || child.exitCode !== null) throw new Error(`registry did not start:\n${output.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }

    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGTERM');

    // The test's own timeout (60 s) is the bound this asserts: without the deadline the process never exits.
    const [code] = await exited;
    expect([0, 1]).toContain(code);
    if (code === 1) expect(output.join('')).toContain('Shutdown did not finish within 3000 ms; exiting');
  });
});
