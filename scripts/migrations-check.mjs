// npm run migrations:check: migrates a scratch database and fails when entities and migrations disagree.
// With --print SERVICE it prints the SQL a new migration of that service would need.
import pg from 'pg';
import { APPS, databaseDefinition, ensureDatabase, migrationDatabaseUrl, platform } from './services.mjs';

const base = new URL(migrationDatabaseUrl());
const scratch = new URL(base);
scratch.pathname = `/koperasi_migrations_check_${process.pid}`;
const only = process.argv.includes('--print') ? process.argv[process.argv.indexOf('--print') + 1] : null;

await ensureDatabase(scratch.toString());
let drift = false;
try {
  for (const service of only ? [only] : APPS) {
    const definition = databaseDefinition(service);
    await platform().migrate(definition, scratch.toString());
    const pending = await platform().pendingSchemaChanges(definition, scratch.toString());
    if (only) {
      console.log(pending.map((sql) => `${sql};`).join('\n'));
    } else if (pending.length > 0) {
      drift = true;
      console.error(`${service}: entities and migrations disagree; a migration needs:\n  ${pending.join(';\n  ')}`);
    } else {
      console.log(`${service}: migrations match the entities`);
    }
  }
} finally {
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${scratch.pathname.slice(1)}" WITH (FORCE)`);
  await client.end();
}
process.exit(drift ? 1 : 0);
