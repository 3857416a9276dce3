// npm run migrate: applies every service's pending migrations (the services also do this at start).
import { DEFAULT_DATABASE_URL, SERVICES, databaseDefinition, ensureDatabase, platform } from './services.mjs';

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
await ensureDatabase(url);
for (const service of SERVICES) {
  const applied = await platform().migrate(databaseDefinition(service), url);
  console.log(JSON.stringify({ service, applied }));
}
