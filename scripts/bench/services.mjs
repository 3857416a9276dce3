// Measurement setup: the services as in production, one process each, against the scratch
// database and Redis prefix, with migrations run first.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { APPS, SERVICES, databaseDefinition, platform, serviceArgs } from '../services.mjs';
import { spawnProcess, stopChild } from './processes.mjs';
import { sleep } from './stats.mjs';

export const WORKER_CONCURRENCY = Number(process.env.WORKER_CONCURRENCY || 128);
export const DATABASE_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE || 10);

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function migrateAll(databaseUrl) {
  const applied = {};
  for (const app of APPS) applied[app] = await platform().migrate(databaseDefinition(app), databaseUrl);
  return applied;
}

/** The three services, then the console calling them (its pages are measured too). */
export async function startServices({ scratch, jwtSecret, logDir, memory, profileDir }) {
  const running = {};
  for (const service of SERVICES) await startOne(service, running, { scratch, jwtSecret, logDir, memory, profileDir });
  await Promise.all(SERVICES.map((service) => waitReady(service, running[service])));
  const serviceUrls = {
    REGISTRY_URL: running.registry.url,
    MENTORING_URL: running.mentoring.url,
    DISSOLUTION_URL: running.dissolution.url,
    SESSION_SECRET: randomBytes(24).toString('hex'),
  };
  await startOne('console', running, { scratch, jwtSecret, logDir, memory, profileDir }, serviceUrls);
  await waitReady('console', running.console);
  return running;
}

async function startOne(service, running, { scratch, jwtSecret, logDir, memory, profileDir }, extraEnv = {}) {
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    DATABASE_URL: scratch.databaseUrl,
    REDIS_URL: scratch.redisUrl,
    QUEUE_PREFIX: scratch.prefix,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL || 'warn',
    JWT_SECRET: jwtSecret,
    // The load generators call as a few users far above a person's pace.
    RATE_LIMIT_PER_MINUTE: '0',
    RATE_LIMIT_COSTLY_PER_MINUTE: '0',
    WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
    DATABASE_POOL_SIZE: String(DATABASE_POOL_SIZE),
    // Connected straight to PostgreSQL, as the compose file runs them.
    DATABASE_PREPARED_STATEMENTS: 'true',
    ...extraEnv,
  };
  const child = spawnProcess(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${service}.cpuprofile`] : []),
      ...serviceArgs(service),
    ],
    { env, logFile: path.join(logDir, `${service}.log`) },
  );
  running[service] = { child, port, url: `http://127.0.0.1:${port}` };
  child.once('exit', (code, signal) => {
    running[service].exit = { code, signal };
    if (!running[service].stopping)
      console.error(
        `[bench] ${service} exited unexpectedly (code ${code}, signal ${signal}); see ${logDir}/${service}.log`,
      );
  });
  memory.watch(service, child.pid);
}

async function waitReady(service, entry, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (entry.exit) throw new Error(`${service} exited during start (code ${entry.exit.code}); see its log`);
    try {
      const response = await fetch(`${entry.url}/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${service} was not ready within ${timeoutMs / 1000} s`);
    await sleep(250);
  }
}

/** Throws when a service has died, so no figure is taken from a pipeline with a missing stage. */
export function assertRunning(running) {
  for (const [service, entry] of Object.entries(running ?? {})) {
    if (entry.exit)
      throw new Error(`${service} exited (code ${entry.exit.code}, signal ${entry.exit.signal}) during the run`);
  }
}

export async function stopServices(running) {
  for (const entry of Object.values(running ?? {})) entry.stopping = true;
  await Promise.all(Object.values(running ?? {}).map((entry) => stopChild(entry.child, 20_000)));
}
