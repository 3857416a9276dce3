// npm run db:roles: the one-off role setup a DBA runs with a superuser URL (docs/database-roles.md).
// Creates each application's role, sets its search_path, hands it its schema; safe to run again.
import { APPS, databaseDefinition, migrationDatabaseUrl, platform } from './services.mjs';

const url = migrationDatabaseUrl();
if (!(await platform().isSuperuser(url))) {
  console.error('The role setup needs a superuser: set MIGRATION_DATABASE_URL to one.');
  process.exit(1);
}
for (const app of APPS) {
  const definition = databaseDefinition(app);
  await platform().setUpServiceRole(definition, url);
  console.log(JSON.stringify({ app, role: platform().serviceRoleName(definition), schema: definition.schema }));
}
