import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by Jest's global setup, so concurrent test runs on one server each clone their own template. */
export const TEST_TEMPLATE_ENV = 'KOPERASI_TEST_TEMPLATE';

export function templateDatabase(): string {
  const name = process.env[TEST_TEMPLATE_ENV];
  if (!name) throw new Error(`${TEST_TEMPLATE_ENV} is not set: run the tests through Jest's global setup`);
  return name;
}
const TEST_NAME = /^koperasi_test_[a-z0-9_]+$/;

export function serverUrl(): string {
  return process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres:postgres@localhost:5432';
}

export function databaseUrl(name: string): string {
  assertTestDatabase(name);
  return `${serverUrl()}/${name}`;
}

/** Refuses any database whose name does not mark it as a test database. */
export function assertTestDatabase(name: string): void {
  if (!TEST_NAME.test(name)) throw new Error(`Refusing to use "${name}": test databases are named koperasi_test_*`);
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: `${serverUrl()}/postgres` });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `koperasi_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  assertTestDatabase(name);
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${templateDatabase()}"`);
      break;
    } catch (error) {
      // Two files cloning the template at the same instant: PostgreSQL refuses one; try again.
      if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
  return {
    name,
    url: databaseUrl(name),
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
