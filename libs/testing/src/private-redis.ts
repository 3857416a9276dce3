import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';

/**
 * A redis-server of this test file's own (AOF, fsync on every write), which it may stop, restart
 * or pause without touching the shared one.
 */
export interface PrivateRedis {
  url: string;
  start(): Promise<void>;
  /** SIGKILL; with `wipe` its data files go too, so it restarts empty. */
  kill(options?: { wipe?: boolean }): Promise<void>;
  /** Kills it and removes its data for good. */
  remove(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function waitUntilAnswering(url: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      if (attempt > 200) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      client.disconnect();
    }
  }
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), 'koperasi-redis-'));
  const url = `redis://127.0.0.1:${port}`;
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  const persistence = ['--appendonly', 'yes', '--appendfsync', 'always', '--maxmemory-policy', 'noeviction'];
  let child: ChildProcess | null = null;
  const redis: PrivateRedis = {
    url,
    async start() {
      child = spawn('redis-server', [...args, ...persistence], { stdio: 'ignore' });
      await waitUntilAnswering(url);
    },
    async kill({ wipe = false } = {}) {
      const running = child;
      child = null;
      if (running && running.exitCode === null) {
        running.kill('SIGKILL');
        await once(running, 'exit');
      }
      if (wipe) {
        await rm(dir, { recursive: true, force: true });
        await mkdir(dir);
      }
    },
    async remove() {
      await redis.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}
