import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { SERVICE_NAMES, type ServiceName } from '@koperasi/contracts';
import {
  createTestDatabase,
  flushPrefix,
  testQueuePrefix,
  TEST_JWT_SECRET,
  type TestDatabase,
} from '@koperasi/testing';

const ROOT = path.resolve(__dirname, '../../..');

/** The three services as separate processes (built code, as in production) on free ports. */
export interface City {
  urls: Record<ServiceName, string>;
  database: TestDatabase;
  prefix: string;
  stop(service: ServiceName, signal?: NodeJS.Signals): Promise<void>;
  start(service: ServiceName): Promise<void>;
  close(): Promise<void>;
  /** The running process of a service (undefined when stopped). */
  process(service: ServiceName): ChildProcess | undefined;
  /** What the service printed since its last start. */
  output(service: ServiceName): string;
}

/** What the fault suite changes: another Redis, the database through a proxy, settings, node flags. */
export interface CityOptions {
  redisUrl?: string;
  /** Rewrites the database URL the services connect to (the test still reaches the database directly). */
  serviceDatabaseUrl?: (url: string, service: ServiceName) => string;
  /** More database settings of a service (MIGRATION_DATABASE_URL, DATABASE_READ_URL), from the test database's URL. */
  databaseEnv?: (url: string, service: ServiceName) => Record<string, string>;
  /** How long a service may take to start (longer where it migrates an empty schema); default 60 s. */
  readyTimeoutMs?: number;
  /** Runs on the fresh database before the services start. */
  prepareDatabase?: (database: TestDatabase) => Promise<void>;
  env?: Partial<Record<ServiceName, Record<string, string>>> & { all?: Record<string, string> };
  nodeArgs?: string[];
}

export async function startCity(options: CityOptions = {}): Promise<City> {
  const database = await createTestDatabase();
  await options.prepareDatabase?.(database);
  const prefix = testQueuePrefix();
  const ports = Object.fromEntries(
    await Promise.all(SERVICE_NAMES.map(async (name) => [name, await freePort()])),
  ) as Record<ServiceName, number>;
  const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [name, `http://127.0.0.1:${ports[name]}`])) as Record<
    ServiceName,
    string
  >;
  const processes = new Map<ServiceName, ChildProcess>();
  const output = new Map<ServiceName, string[]>();

  const start = async (service: ServiceName) => {
    const launched = launchService(service, options.nodeArgs ?? [], {
      PORT: String(ports[service]),
      DATABASE_URL: options.serviceDatabaseUrl?.(database.url, service) ?? database.url,
      ...options.databaseEnv?.(database.url, service),
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      QUEUE_PREFIX: prefix,
      ...options.env?.all,
      ...options.env?.[service],
    });
    output.set(service, launched.lines);
    processes.set(service, launched.child);
    await waitReady(
      urls[service],
      () => exited(launched.child),
      () => launched.lines.join('').slice(-4000),
      options.readyTimeoutMs,
    );
  };

  const stop = async (service: ServiceName, signal: NodeJS.Signals = 'SIGTERM') => {
    const child = processes.get(service);
    if (!child || exited(child)) {
      processes.delete(service);
      return;
    }
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await gone;
    processes.delete(service);
  };

  const close = async () => {
    await Promise.all(SERVICE_NAMES.map((service) => stop(service)));
    if (!options.redisUrl) await flushPrefix(prefix);
    await database.drop();
  };

  const started = await Promise.allSettled(SERVICE_NAMES.map(start));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await close();
    throw failed.reason;
  }
  return {
    urls,
    database,
    prefix,
    stop,
    start,
    close,
    process: (service) => processes.get(service),
    output: (service) => output.get(service)?.join('') ?? '',
  };
}

/** Starts the built service as a process with the test settings and `env` over them; collects what it prints. */
export function launchService(
  service: ServiceName,
  nodeArgs: string[],
  env: Record<string, string>,
): { child: ChildProcess; lines: string[] } {
  const child = spawn(
    process.execPath,
    [
      ...nodeArgs,
      '-r',
      path.join(ROOT, 'scripts/register-paths.cjs'),
      path.join(ROOT, `dist/apps/${service}/src/main.js`),
    ],
    {
      env: {
        ...process.env,
        JWT_SECRET: TEST_JWT_SECRET,
        LOG_LEVEL: 'warn',
        OUTBOX_POLL_INTERVAL_MS: '200',
        TIMER_SWEEP_INTERVAL_MS: '500',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const lines: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString()));
  return { child, lines };
}

export async function waitReady(
  url: string,
  died: () => boolean,
  logs: () => string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (died()) throw new Error(`service at ${url} exited during start:\n${logs()}`);
    try {
      if ((await fetch(`${url}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`service at ${url} not ready in ${timeoutMs} ms:\n${logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
