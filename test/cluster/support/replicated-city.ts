import type { ChildProcess } from 'node:child_process';
import { SERVICE_NAMES, type ServiceName } from '@koperasi/contracts';
import { createTestDatabase, testQueuePrefix, type TestDatabase } from '@koperasi/testing';
import { exited, freePort, launchService, waitReady } from '../../e2e/support/city';
import { startRoundRobinProxy, type RoundRobinProxy } from './round-robin-proxy';

/** A city whose every service runs as several processes behind a round-robin proxy of its own. */
export interface ReplicatedCity {
  /** The proxies' URLs: what a browser or the demo seed talks to. */
  urls: Record<ServiceName, string>;
  database: TestDatabase;
  prefix: string;
  proxies: Record<ServiceName, RoundRobinProxy>;
  /** The running replicas of a service, in start order. */
  replicas(service: ServiceName): ChildProcess[];
  /** Everything the replicas of a service printed. */
  output(service: ServiceName): string;
  close(): Promise<void>;
}

export interface ReplicatedCityOptions {
  replicas: number;
  /** Settings every process gets (the Redis Cluster's nodes, say). */
  env: Record<string, string>;
  /** Runs on the fresh database before the services start. */
  prepareDatabase?: (database: TestDatabase) => Promise<void>;
  /** Settings of one service's processes, given the city's database (its role and pooler URL, say). */
  serviceEnv?: (service: ServiceName, database: TestDatabase) => Record<string, string>;
}

export async function startReplicatedCity(options: ReplicatedCityOptions): Promise<ReplicatedCity> {
  const database = await createTestDatabase();
  await options.prepareDatabase?.(database);
  const prefix = testQueuePrefix();
  const running = new Map<ServiceName, { child: ChildProcess; lines: string[] }[]>();
  const proxies = {} as Record<ServiceName, RoundRobinProxy>;

  const close = async () => {
    await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
    const children = [...running.values()].flat().map((launched) => launched.child);
    await Promise.all(
      children
        .filter((child) => !exited(child))
        .map((child) => {
          const gone = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGTERM');
          return gone;
        }),
    );
    await database.drop();
  };

  const startService = async (service: ServiceName) => {
    const ports = await Promise.all(Array.from({ length: options.replicas }, () => freePort()));
    const launched = ports.map((port) =>
      launchService(service, [], {
        DATABASE_URL: database.url,
        QUEUE_PREFIX: prefix,
        ...options.env,
        ...options.serviceEnv?.(service, database),
        PORT: String(port),
      }),
    );
    running.set(service, launched);
    const urls = ports.map((port) => `http://127.0.0.1:${port}`);
    await Promise.all(
      launched.map((replica, index) =>
        waitReady(
          urls[index],
          () => exited(replica.child),
          () => replica.lines.join('').slice(-4000),
          120_000,
        ),
      ),
    );
    proxies[service] = await startRoundRobinProxy(urls);
  };

  try {
    // One service at a time: two replicas migrating or creating queues at once is part of the test,
    // three services' worth of boots at once only overloads a small machine.
    for (const service of SERVICE_NAMES) await startService(service);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    urls: Object.fromEntries(SERVICE_NAMES.map((service) => [service, proxies[service].url])) as Record<
      ServiceName,
      string
    >,
    database,
    prefix,
    proxies,
    replicas: (service) => (running.get(service) ?? []).map((launched) => launched.child),
    output: (service) => (running.get(service) ?? []).map((launched) => launched.lines.join('')).join('\n---\n'),
    close,
  };
}
