import { spawn, type ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from '../../e2e/support/city';

/**
 * A redis-server of the suite's own on a free port, so a scenario can flush, stop and restart
 * Redis without touching the shared server other tests run on.
 */
export interface PrivateRedis {
  url: string;
  port: number;
  /** A client for injecting faults (FLUSHALL, CLIENT KILL) and reading queues. */
  admin(): Redis;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  let client: Redis | undefined;
  const start = async () => {
    server = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    );
    for (let attempt = 0; attempt < 100; attempt++) {
      const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null });
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        // not listening yet
      } finally {
        probe.disconnect();
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`private redis-server on port ${port} did not start`);
  };
  const stop = async () => {
    const running = server;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const gone = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await gone;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    admin: () =>
      // While a scenario has Redis stopped the client reconnects quietly (no unhandled error events).
      (client ??= new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: null }).on('error', () => undefined)),
    stop,
    start,
    async close() {
      client?.disconnect();
      await stop();
    },
  };
}
