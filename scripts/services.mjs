// The services of the monorepo and where their compiled code lives.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVICES = ['registry', 'mentoring', 'dissolution'];
/** Every application with a schema of its own: the services and the console. */
export const APPS = [...SERVICES, 'console'];
export const DEFAULT_DATABASE_URL = 'postgres://postgres:postgres@localhost:5432/koperasi';
/** Where migrations and the role setup connect: directly, never through a transaction pooler. */
export const migrationDatabaseUrl = () =>
  process.env.MIGRATION_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

const require = createRequire(import.meta.url);
require('./register-paths.cjs');
if (!existsSync(path.join(root, 'dist', 'libs'))) {
  console.error('The compiled code is missing: run npm run build first.');
  process.exit(1);
}

/**
 * Node arguments of a service process. The old-space limit keeps V8 from growing the heap lazily
 * to several hundred MB under load: live data is far smaller, and with the limit the
 * garbage collector gives memory back sooner (BENCHMARKS.md, memory).
 */
export function serviceArgs(service) {
  const heapMb = Number(process.env.SERVICE_HEAP_MB || 192);
  return [
    `--max-old-space-size=${heapMb}`,
    '-r',
    path.join(root, 'scripts/register-paths.cjs'),
    path.join(root, `dist/apps/${service}/src/main.js`),
  ];
}

export function compiled(relativePath) {
  return require(path.join(root, 'dist', relativePath));
}

export function databaseDefinition(service) {
  return compiled(`apps/${service}/src/${service}.database.js`)[`${service}Database`];
}

export function platform() {
  return compiled('libs/platform/src/index.js');
}

/** Creates the database named in `url` when it does not exist yet. */
export async function ensureDatabase(url) {
  const { Client } = require('pg');
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Creates the database when missing, sets up each application's role when `url` signs in as a
 * superuser (development; in production a DBA runs npm run db:roles), then migrates each schema.
 */
export async function migrateAll(url, log = () => {}) {
  await ensureDatabase(url);
  const roles = await platform().isSuperuser(url);
  for (const app of APPS) {
    if (roles) await platform().setUpServiceRole(databaseDefinition(app), url);
    log(app, await platform().migrate(databaseDefinition(app), url));
  }
}
