// npm run migrate: applies every application's pending migrations (the services also do this at start).
import { APPS, DEFAULT_DATABASE_URL, databaseDefinition, ensureDatabase, platform } from './services.mjs';

const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
await ensureDatabase(url);
for (const service of APPS) {
  const applied = await platform().migrate(databaseDefinition(service), url);
  console.log(JSON.stringify({ service, applied }));
}
