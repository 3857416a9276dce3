import './register-aliases';
import { migrate } from '@koperasi/platform';
import { adminQuery, databaseUrl, TEST_TEMPLATE_DATABASE } from '@koperasi/testing';
import { dissolutionDatabase } from '../../apps/dissolution/src/dissolution.database';
import { mentoringDatabase } from '../../apps/mentoring/src/mentoring.database';
import { registryDatabase } from '../../apps/registry/src/registry.database';

/** Builds the migrated template that every test file clones its own database from. */
export default async function globalSetup(): Promise<void> {
  // Jest runs this once per project; the template only needs building once per run.
  if (process.env.KOPERASI_TEST_TEMPLATE_READY) return;
  await adminQuery(`DROP DATABASE IF EXISTS "${TEST_TEMPLATE_DATABASE}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${TEST_TEMPLATE_DATABASE}"`);
  const url = databaseUrl(TEST_TEMPLATE_DATABASE);
  for (const definition of [registryDatabase, mentoringDatabase, dissolutionDatabase]) {
    await migrate(definition, url);
  }
  process.env.KOPERASI_TEST_TEMPLATE_READY = '1';
}
