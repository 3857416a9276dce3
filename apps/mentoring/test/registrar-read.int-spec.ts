import { startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

describe("mentoring: a registrar reads one cooperative's cases, nothing more", () => {
  let f: MentoringFixture;
  const registrar = () => f.as(['registrar'], 'registrar-1');
  const officer = () => f.as(['officer'], 'officer-a');
  let caseId: string;

  beforeAll(async () => {
    f = await startMentoring();
    await f.users('officer-a');
    for (const cooperativeId of ['r-mine', 'r-other']) {
      await f.deliver('registry.cooperative-status-changed.v1', statusChange(cooperativeId, 'ACTIVE', 'INACTIVE'));
    }
    await f.quiet();
    [{ id: caseId }] = await f.db.query(`SELECT id FROM cases WHERE cooperative_id = 'r-mine'`);
  });
  afterAll(() => f.close());

  it("lists the cooperative's open cases to a registrar who gives its id", async () => {
    await f.http().post(`/cases/${caseId}/claim`).set('Authorization', officer()).expect(200);
    const listed = await f.http().get('/cases?cooperativeId=r-mine').set('Authorization', registrar()).expect(200);
    expect(listed.body).toMatchObject({
      total: 1,
      items: [{ id: caseId, type: 'REACTIVATION', status: 'ASSIGNED', assigneeId: 'officer-a' }],
    });
    expect(listed.body.items[0].dueAt).toEqual(expect.any(String));
  });

  it('refuses a registrar the whole queue and the counts, and changes nothing', async () => {
    const whole = await f.http().get('/cases').set('Authorization', registrar()).expect(403);
    expect(whole.body.error.code).toBe('COOPERATIVE_FILTER_REQUIRED');
    const tab = await f.http().get('/cases?tab=unassigned').set('Authorization', registrar()).expect(403);
    expect(tab.body.error.code).toBe('COOPERATIVE_FILTER_REQUIRED');
    await f.http().get('/cases/counts').set('Authorization', registrar()).expect(403);
    await f.http().get(`/cases/${caseId}`).set('Authorization', registrar()).expect(403);
    await f.http().post(`/cases/${caseId}/claim`).set('Authorization', registrar()).expect(403);
    expect((await f.db.query(`SELECT assignee_id FROM cases WHERE id = $1`, [caseId]))[0].assignee_id).toBe(
      'officer-a',
    );
  });

  it('still lists the whole queue to an officer without a cooperative id', async () => {
    const listed = await f.http().get('/cases').set('Authorization', officer()).expect(200);
    expect(listed.body.total).toBe(2);
  });
});
