import './register-aliases';
import { adminQuery, TEST_TEMPLATE_ENV } from '@koperasi/testing';

export default async function globalTeardown(): Promise<void> {
  const template = process.env[TEST_TEMPLATE_ENV];
  if (!template) return;
  delete process.env[TEST_TEMPLATE_ENV];
  await adminQuery(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
}
