// npm run migrate: applies every application's pending migrations (the services also do this at start).
import { migrateAll, migrationDatabaseUrl } from './services.mjs';

await migrateAll(migrationDatabaseUrl(), (service, applied) => console.log(JSON.stringify({ service, applied })));
