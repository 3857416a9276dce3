import { createTestDatabase, type TestDatabase } from '@koperasi/testing';
import { cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

/** DATABASE_READ_URL: the statistics read the replica; a cooperative's own page the primary. */
describe('registry reads through DATABASE_READ_URL', () => {
  let replica: TestDatabase;
  let f: RegistryFixture;

  beforeAll(async () => {
    // A second database stands in for a replica that has not caught up yet.
    replica = await createTestDatabase();
    f = await startRegistry({ DATABASE_READ_URL: replica.url });
  });
  afterAll(async () => {
    await f?.close();
    await replica?.drop();
  });

  it('counts in the statistics what the replica holds, while writes and single reads use the primary', async () => {
    const created = await f.as(['registrar']).post('/cooperatives').send(cooperativeBody({})).expect(201);
    await f.as(['registrar']).get(`/cooperatives/${created.body.id}`).expect(200);
    expect(await f.count('cooperatives')).toBe(1);

    const fromReplica = (await f.as(['manager']).get('/statistics').expect(200)).body;
    expect(fromReplica).toMatchObject({ total: 0, byStatus: { ACTIVE: 0 } });
  });
});
