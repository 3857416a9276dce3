import { createTestDatabase, type TestDatabase } from '@koperasi/testing';
import { registered, startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

/** DATABASE_READ_URL: the queue's lists and counts read the replica; a case's own page the primary. */
describe('mentoring reads through DATABASE_READ_URL', () => {
  let replica: TestDatabase;
  let f: MentoringFixture;
  const supervisor = () => f.as(['supervisor'], 'supervisor-r');

  beforeAll(async () => {
    // A second database stands in for a replica that has not caught up yet.
    replica = await createTestDatabase();
    f = await startMentoring({ DATABASE_READ_URL: replica.url, CASE_COUNTS_MAX_AGE_SECONDS: '0' });
  });
  afterAll(async () => {
    await f?.close();
    await replica?.drop();
  });

  it('lists and counts what the replica holds, while the case page reads the primary', async () => {
    await f.deliver('registry.cooperative-registered.v1', registered('r-1'));
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('r-1', 'ACTIVE', 'INACTIVE'));
    await f.quiet();
    const [opened] = (await f.db.query(`SELECT id FROM cases WHERE cooperative_id = 'r-1'`)) as { id: string }[];
    expect(opened).toBeDefined();

    await f.http().get(`/cases/${opened.id}`).set('Authorization', supervisor()).expect(200);
    const list = await f.http().get('/cases').set('Authorization', supervisor()).expect(200);
    expect(list.body).toMatchObject({ items: [], total: 0 });
    const counts = await f.http().get('/cases/counts').set('Authorization', supervisor()).expect(200);
    expect(counts.body).toMatchObject({ all: 0, unassigned: 0 });
  });
});
