import { Queue } from 'bullmq';
import { Client } from 'pg';
import { INBOX_QUEUES, queueKeyPrefix, SERVICE_NAMES, type ServiceName } from '@koperasi/contracts';
import { redisConnectionFromUrl } from '@koperasi/platform';
import { startCity, type City, type CityOptions } from '../../e2e/support/city';
import { checkInvariants, type CheckOptions } from './invariants';
import { startPgProxy, type PgProxy } from './pg-proxy';
import { startPrivateRedis, type PrivateRedis } from './private-redis';

/** The city of a fault scenario: its own redis-server, PostgreSQL behind a proxy it can cut, and the checker. */
export interface FaultCity extends City {
  redis: PrivateRedis;
  pg: PgProxy;
  /** Runs SQL on the city's database (directly, never through the proxy). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  inbox(service: ServiceName): Queue;
  /** Terminates the PostgreSQL backends of a service (by application_name); answers how many. */
  terminateBackends(service: ServiceName): Promise<number>;
  /**
   * Waits for the invariants; answers the violations this scenario added (expect it toEqual([])):
   * ones an earlier scenario of the same city reported are not counted again.
   */
  invariants(options?: CheckOptions): Promise<string[]>;
  shutdown(): Promise<void>;
}

export async function startFaultCity(
  options: Omit<CityOptions, 'redisUrl' | 'serviceDatabaseUrl'> & { proxied?: ServiceName[] } = {},
): Promise<FaultCity> {
  const redis = await startPrivateRedis();
  const pg = await startPgProxy();
  const proxied = options.proxied ?? [];
  let city: City;
  try {
    city = await startCity({
      ...options,
      // A Redis loss is noticed within a second instead of the default ten (the replay's own setting).
      env: { ...options.env, all: { REDIS_EPOCH_CHECK_INTERVAL_MS: '1000', ...options.env?.all } },
      redisUrl: redis.url,
      serviceDatabaseUrl: (url, service) => (proxied.includes(service) ? pg.through(url) : url),
    });
  } catch (error) {
    await Promise.all([redis.close(), pg.close()]);
    throw error;
  }
  return wrap(city, redis, pg);
}

function wrap(city: City, redis: PrivateRedis, pg: PgProxy): FaultCity {
  const db = new Client({ connectionString: city.database.url });
  const connected = db.connect();
  const queues = new Map<ServiceName, Queue>();
  const reported = new Set<string>();
  const sql = async <T>(text: string, params?: unknown[]) => {
    await connected;
    return (await db.query(text, params)).rows as T[];
  };
  return {
    ...city,
    redis,
    pg,
    sql,
    inbox(service) {
      if (!queues.has(service)) {
        queues.set(
          service,
          new Queue(INBOX_QUEUES[service], {
            connection: redisConnectionFromUrl(redis.url),
            prefix: queueKeyPrefix(city.prefix, INBOX_QUEUES[service]),
          }),
        );
      }
      return queues.get(service)!;
    },
    async terminateBackends(service) {
      const rows = await sql<{ pid: number }>(
        `SELECT pg_terminate_backend(pid) AS pid FROM pg_stat_activity
         WHERE datname = current_database() AND application_name = $1`,
        [`koperasi-${service}`],
      );
      return rows.length;
    },
    async invariants(options) {
      const target = { databaseUrl: city.database.url, redisUrl: redis.url, prefix: city.prefix };
      // A service that died on its own (not stopped by the scenario) is a violation too.
      const died = SERVICE_NAMES.filter((service) => {
        const child = city.process(service);
        return child && (child.exitCode !== null || child.signalCode !== null);
      }).map((service) => `${service} exited on its own: ${city.output(service).slice(-600)}`);
      const fresh = [...died, ...(await checkInvariants(target, options, reported))];
      for (const violation of fresh) reported.add(violation);
      return fresh.length > 20 ? [...fresh.slice(0, 20), `... and ${fresh.length - 20} more`] : fresh;
    },
    async shutdown() {
      await Promise.all([...queues.values()].map((queue) => queue.close()));
      await connected.then(() => db.end()).catch(() => undefined);
      await city.close();
      await Promise.all([redis.close(), pg.close()]);
    },
  };
}

/** One narrated line per scenario step: what was injected, what was checked. */
export function narrate(scenario: string, text: string): void {
  process.stdout.write(`[faults] ${scenario}: ${text}\n`);
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
