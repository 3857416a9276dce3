import './register-aliases';
import { migrate, setUpServiceRole } from '@koperasi/platform';
import { adminQuery, databaseUrl, TEST_TEMPLATE_ENV } from '@koperasi/testing';
import { consoleDatabase } from '../../apps/console/src/console.database';
import { dissolutionDatabase } from '../../apps/dissolution/src/dissolution.database';
import { mentoringDatabase } from '../../apps/mentoring/src/mentoring.database';
import { registryDatabase } from '../../apps/registry/src/registry.database';

/**
 * Builds the migrated template that every test file clones its own database from. The name is
 * this run's own, so two test runs on one server never rebuild each other's template.
 */
export default async function globalSetup(): Promise<void> {
  // Jest runs this once per project; the template only needs building once per run.
  if (process.env[TEST_TEMPLATE_ENV]) return;
  const template = `koperasi_test_template_${process.pid}`;
  await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${template}"`);
  const url = databaseUrl(template);
  // As in production: each schema owned by its service's role, which the migrations then run as.
  for (const definition of [registryDatabase, mentoringDatabase, dissolutionDatabase, consoleDatabase]) {
    await setUpServiceRole(definition, url);
    await migrate(definition, url);
  }
  process.env[TEST_TEMPLATE_ENV] = template;
}
