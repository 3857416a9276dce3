import { Client } from 'pg';
import { type DatabaseDefinition, serviceRoleName } from './database-definition';
import { quoteIdentifier } from './migrate';

const DUPLICATE_OBJECT = '42710';
const UNIQUE_VIOLATION = '23505';

/**
 * The role setup a superuser (a DBA in production) runs once per database, before migrations:
 * the service's role with its `search_path`, owning its schema and everything in it, and the
 * extensions its migrations use. Safe to run again; it changes only what differs.
 */
export async function setUpServiceRole(definition: DatabaseDefinition, superuserUrl: string): Promise<void> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const role = serviceRoleName(definition);
    const quotedRole = quoteIdentifier(role);
    const schema = quoteIdentifier(definition.schema);
    await createRoleIfMissing(client, role);
    const setting = `search_path=${definition.schema}`;
    const current = await client.query(
      `SELECT 1 FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole
        WHERE r.rolname = $1 AND s.setdatabase = 0 AND $2 = ANY (s.setconfig)`,
      [role, setting],
    );
    if (current.rowCount === 0) await client.query(`ALTER ROLE ${quotedRole} SET search_path = ${schema}`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema} AUTHORIZATION ${quotedRole}`);
    for (const statement of await ownershipChanges(client, definition.schema, role)) await client.query(statement);
    for (const extension of definition.extensions ?? []) {
      const available = await client.query('SELECT 1 FROM pg_available_extensions WHERE name = $1', [extension]);
      if (available.rowCount)
        await client.query(`CREATE EXTENSION IF NOT EXISTS ${quoteIdentifier(extension)} WITH SCHEMA public`);
    }
  } finally {
    await client.end();
  }
}

/** Whether `url` signs in as a superuser, the only one who may run the role setup here. */
export async function isSuperuser(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ super: boolean }>(
      'SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user',
    );
    return result.rows[0]?.super === true;
  } finally {
    await client.end();
  }
}

async function createRoleIfMissing(client: Client, role: string): Promise<void> {
  const found = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (found.rowCount) return;
  try {
    // No password here: where PostgreSQL asks for one, the DBA sets it (docs/database-roles.md).
    await client.query(`CREATE ROLE ${quoteIdentifier(role)} LOGIN`);
  } catch (error) {
    // Another process created it at the same moment (roles are shared by the server's databases).
    const code = (error as { code?: string }).code;
    if (code !== DUPLICATE_OBJECT && code !== UNIQUE_VIOLATION) throw error;
  }
}

/** Hands the schema and its objects to the role (a schema migrated before the roles existed). */
async function ownershipChanges(client: Client, schema: string, role: string): Promise<string[]> {
  const owner = quoteIdentifier(role);
  const result = await client.query<{ statement: string }>(
    `SELECT format('ALTER SCHEMA %I OWNER TO ${owner}', n.nspname) AS statement
       FROM pg_namespace n WHERE n.nspname = $1 AND n.nspowner::regrole::text <> $2
     UNION ALL
     SELECT format('ALTER %s %s OWNER TO ${owner}',
                   CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                  WHEN 'S' THEN 'SEQUENCE' WHEN 'c' THEN 'TYPE' ELSE 'TABLE' END,
                   c.oid::regclass)
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'c', 'f')
        AND c.relowner::regrole::text <> $2
        -- Sequences of a column change owner with their table.
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass
                          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND c.relkind = 'S')
     UNION ALL
     SELECT format('ALTER TYPE %s OWNER TO ${owner}', t.oid::regtype)
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 AND t.typtype IN ('e', 'd', 'r') AND t.typowner::regrole::text <> $2
     UNION ALL
     SELECT format('ALTER ROUTINE %s OWNER TO ${owner}', p.oid::regprocedure)
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proowner::regrole::text <> $2`,
    [schema, role],
  );
  return result.rows.map((row) => row.statement);
}
