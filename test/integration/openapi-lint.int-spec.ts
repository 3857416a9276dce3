import type { Type } from '@nestjs/common';
import request from 'supertest';
import {
  createTestDatabase,
  flushPrefix,
  lintOpenApi,
  startTestApp,
  testQueuePrefix,
  useTestEnvironment,
  type TestDatabase,
} from '@koperasi/testing';
import { DissolutionModule } from '../../apps/dissolution/src/dissolution.module';
import { MentoringModule } from '../../apps/mentoring/src/mentoring.module';
import { RegistryModule } from '../../apps/registry/src/registry.module';

const SERVICES: [string, Type][] = [
  ['registry', RegistryModule],
  ['mentoring', MentoringModule],
  ['dissolution', DissolutionModule],
];

describe('the OpenAPI documents the services serve', () => {
  let database: TestDatabase;
  const prefix = testQueuePrefix();
  beforeAll(async () => {
    database = await createTestDatabase();
    useTestEnvironment({ databaseUrl: database.url, queuePrefix: prefix });
  });
  afterAll(async () => {
    await flushPrefix(prefix);
    await database.drop();
  });

  it('reports the problems of a document that breaks the rules (the linter really runs)', async () => {
    const problems = await lintOpenApi({ openapi: '3.0.0', info: { title: 'bare', version: '1' }, paths: {} });
    expect(problems.map((problem) => problem.ruleId)).toEqual(
      expect.arrayContaining(['info-license', 'no-empty-servers']),
    );
  });

  it.each(SERVICES)(
    '%s: /docs-json passes redocly lint (recommended rules) with no errors or warnings',
    async (_, module) => {
      const app = await startTestApp(module);
      try {
        const document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body;
        expect(await lintOpenApi(document)).toEqual([]);
      } finally {
        await app.close();
      }
    },
  );
});
