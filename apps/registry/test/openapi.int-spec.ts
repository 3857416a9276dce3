import request from 'supertest';
import { startRegistry, type RegistryFixture } from './registry-fixture';

const REGISTRY_ROUTES = [
  'post /cooperatives',
  'get /cooperatives',
  'get /cooperatives/{id}',
  'patch /cooperatives/{id}',
  'get /cooperatives/{id}/status-history',
  'post /cooperatives/{id}/status',
  'post /cooperatives/{id}/rats',
  'get /cooperatives/{id}/rats',
  'patch /cooperatives/{id}/rats/{fiscalYear}',
  'post /cooperatives/{id}/health-assessments',
  'get /cooperatives/{id}/health-assessments',
  'patch /cooperatives/{id}/health-assessments/{assessmentId}',
  'get /health-rubrics',
  'post /evaluations',
  'get /evaluations',
  'get /evaluations/{id}',
  'get /evaluations/{id}/changes',
  'get /evaluations/{id}/cooperatives',
  'get /reference/kecamatan',
  'get /statistics',
  'get /statistics/transitions',
  'post /imports/cooperatives',
  'post /imports/rats',
  'get /imports/{id}',
  'get /exports/cooperatives.csv',
];

interface Operation {
  summary?: string;
  security?: unknown[];
  responses: Record<string, { description?: string }>;
}

describe('registry OpenAPI document', () => {
  let f: RegistryFixture;
  let paths: Record<string, Record<string, Operation>>;
  beforeAll(async () => {
    f = await startRegistry();
    paths = (await request(f.app.getHttpServer()).get('/docs-json').expect(200)).body.paths;
  });
  afterAll(() => f.close());

  it.each(REGISTRY_ROUTES)('documents %s with its summary, bearer auth, roles and error responses', (route) => {
    const [method, path] = route.split(' ');
    const operation = paths[path]?.[method];
    expect(operation).toBeDefined();
    expect(operation.summary).toEqual(expect.any(String));
    expect(operation.security).toEqual([{ bearer: [] }]);
    expect(operation.responses['403'].description).toMatch(/^Allowed roles: /);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    const success = Object.keys(operation.responses).filter((code) => code.startsWith('2'));
    expect(success).toHaveLength(1);
    const withoutInput = ['get /health-rubrics', 'get /reference/kecamatan'];
    if (!withoutInput.includes(route)) expect(operation.responses['400']).toBeDefined();
  });
});
