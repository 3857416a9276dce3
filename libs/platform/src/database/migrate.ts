import { DataSource } from 'typeorm';
import { type DatabaseDefinition, dataSourceOptions, MIGRATION_POOL, serviceRoleName } from './database-definition';

/** Session defaults written on a service's role, for pools that cannot send startup options. */
export interface RoleTimeouts {
  statementTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
}

export interface MigrateOptions {
  /** The service's pool signs in as its role: write these timeouts on the role. */
  roleTimeouts?: RoleTimeouts;
}

/**
 * Creates the schema and runs pending migrations under an advisory lock, so several replicas
 * starting together migrate once. `url` must reach PostgreSQL directly, not through a transaction
 * pooler: the lock and the session settings below live as long as this one session.
 */
export async function migrate(definition: DatabaseDefinition, url: string, options: MigrateOptions = {}) {
  const dataSource = new DataSource(dataSourceOptions(definition, url, MIGRATION_POOL));
  await dataSource.initialize();
  const schema = quoteIdentifier(definition.schema);
  try {
    const lockKey = `migrations:${definition.schema}`;
    await dataSource.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey]);
    try {
      // Whatever the role sets: migrations resolve names in the schema and may run long.
      await dataSource.query(`SET search_path TO ${schema}`);
      await dataSource.query('SET statement_timeout = 0');
      await dataSource.query('SET idle_in_transaction_session_timeout = 0');
      await createSchemaIfMissing(dataSource, definition.schema);
      await actAsSchemaOwner(dataSource, definition.schema);
      if (options.roleTimeouts) await writeRoleTimeouts(dataSource, serviceRoleName(definition), options.roleTimeouts);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await dataSource.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey]);
    }
  } finally {
    await dataSource.destroy();
  }
}

// Checked first: a service role that owns its schema may lack the right to create schemas.
async function createSchemaIfMissing(dataSource: DataSource, schema: string): Promise<void> {
  const found = (await dataSource.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])) as unknown[];
  if (found.length === 0) await dataSource.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
}

/** Migrates as the schema's owner (the service role after the role setup), so it owns what it creates. */
async function actAsSchemaOwner(dataSource: DataSource, schema: string): Promise<void> {
  const [owner] = (await dataSource.query(
    `SELECT n.nspowner::regrole::text AS name, n.nspowner <> (SELECT oid FROM pg_roles WHERE rolname = current_user)
            AND pg_has_role(current_user, n.nspowner, 'MEMBER') AS other
       FROM pg_namespace n WHERE n.nspname = $1`,
    [schema],
  )) as { name: string; other: boolean }[];
  if (owner?.other) await dataSource.query(`SET ROLE ${owner.name}`);
}

async function writeRoleTimeouts(dataSource: DataSource, role: string, timeouts: RoleTimeouts): Promise<void> {
  const wanted = {
    statement_timeout: String(timeouts.statementTimeoutMs),
    idle_in_transaction_session_timeout: String(timeouts.idleInTransactionTimeoutMs),
  };
  const rows = (await dataSource.query(
    `SELECT unnest(s.setconfig) AS setting FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
      WHERE r.rolname = $1 AND s.setdatabase = 0`,
    [role],
  )) as { setting: string }[];
  const current = new Set(rows.map((row) => row.setting));
  for (const [name, value] of Object.entries(wanted)) {
    if (!current.has(`${name}=${value}`))
      await dataSource.query(`ALTER ROLE ${quoteIdentifier(role)} SET ${name} = ${value}`);
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
