// The scratch PostgreSQL database and Redis key prefix of one benchmark run, and their removal.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const Redis = require('ioredis');

export const BASE_DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres:postgres@localhost:5432/koperasi';
export const REDIS_URL = process.env.REDIS_URL || 'redis://localhost:6379';

function withDatabase(url, name) {
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function admin(work) {
  const client = new Client({ connectionString: withDatabase(BASE_DATABASE_URL, 'postgres') });
  client.on('error', () => {});
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `koperasi_bench_<pid>` and names the Redis prefix `bench-<pid>`; nothing else is touched. */
export async function createScratch() {
  const name = `koperasi_bench_${process.pid}`;
  await admin(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  });
  return {
    databaseName: name,
    databaseUrl: withDatabase(BASE_DATABASE_URL, name),
    prefix: `bench-${process.pid}`,
    redisUrl: REDIS_URL,
  };
}

export async function dropScratch(scratch) {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS ${scratch.databaseName} WITH (FORCE)`));
  await flushPrefix(scratch.prefix);
}

/** Deletes every key under the prefix (SCAN, never FLUSHALL: the Redis server is shared). */
export async function flushPrefix(prefix) {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 3 });
  await redis.connect();
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export async function connect(url) {
  const client = new Client({ connectionString: url });
  // An idle client whose connection is ended (the scratch database dropped on Ctrl-C) must not
  // crash the process before the cleanup is done; a query on it still fails.
  client.on('error', () => {});
  await client.connect();
  return client;
}
