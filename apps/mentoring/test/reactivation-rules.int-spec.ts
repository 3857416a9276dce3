import { randomUUID } from 'node:crypto';
import { registered, startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

/** Issue 13, mentoring side: reactivation only for cooperatives that are not active; notifications a person can act on. */
describe('mentoring: reactivation rules and notifications as kind + params', () => {
  let f: MentoringFixture;
  const officer = () => f.as(['officer'], 'officer-1');
  const supervisor = () => f.as(['supervisor'], 'supervisor-1');

  beforeAll(async () => {
    f = await startMentoring();
  });
  afterAll(() => f.close());

  const reactivationOf = async (cooperativeId: string) => {
    const [row] = await f.db.query(
      `SELECT id, priority, status, opened_reason AS reason FROM cases WHERE cooperative_id = $1 AND type = 'REACTIVATION' AND status <> 'CLOSED'`,
      [cooperativeId],
    );
    return row as { id: string; priority: string; status: string; reason: string } | undefined;
  };

  it('refuses a manual REACTIVATION case for an ACTIVE cooperative, changing nothing; opens one for one that is not active', async () => {
    const active = randomUUID();
    const inactive = randomUUID();
    await f.deliver('registry.cooperative-registered.v1', registered(active, 'ACTIVE'));
    // Imported while a proceeding runs: no case is opened by the registration itself.
    await f.deliver('registry.cooperative-registered.v1', registered(inactive, 'IN_DISSOLUTION'));
    await f.quiet();
    const before = await f.count('cases');
    const refused = await f
      .http()
      .post('/cases')
      .set('Authorization', officer())
      .send({ cooperativeId: active, type: 'REACTIVATION', priority: 'NORMAL', reason: 'Looks dormant to me' })
      .expect(422);
    expect(refused.body.error).toMatchObject({
      code: 'COOPERATIVE_NOT_ELIGIBLE',
      details: { cooperativeId: active, status: 'ACTIVE', allowed: ['INACTIVE', 'IN_DISSOLUTION'] },
    });
    expect(await f.count('cases')).toBe(before);
    // Other case types remain open to an ACTIVE cooperative.
    await f
      .http()
      .post('/cases')
      .set('Authorization', officer())
      .send({ cooperativeId: active, type: 'RAT_PREPARATION', priority: 'NORMAL', reason: 'RAT help' })
      .expect(201);
    await f
      .http()
      .post('/cases')
      .set('Authorization', officer())
      .send({ cooperativeId: inactive, type: 'REACTIVATION', priority: 'NORMAL', reason: 'The board is back' })
      .expect(201);
  });

  it('an upheld objection reopens reactivation with the same priority as a rejection or a withdrawal', async () => {
    const upheld = randomUUID();
    const rejected = randomUUID();
    const withdrawn = randomUUID();
    // Each has a proceeding under way and no open reactivation case (the failed one is closed).
    for (const id of [upheld, rejected, withdrawn]) {
      await f.deliver('registry.cooperative-registered.v1', registered(id, 'IN_DISSOLUTION'));
    }
    await f.quiet();
    // Upheld objection: the registry moves IN_DISSOLUTION -> INACTIVE (mentoring does not get the dissolution event).
    await f.deliver('registry.cooperative-status-changed.v1', statusChange(upheld, 'IN_DISSOLUTION', 'INACTIVE'));
    await f.deliver('dissolution.proceeding-rejected.v1', {
      proceedingId: randomUUID(),
      cooperativeId: rejected,
      reason: 'Not convinced',
      rejectedBy: 'supervisor-1',
    });
    // A withdrawal after approval: the registry's status change and the withdrawal, in either order.
    await f.deliver('registry.cooperative-status-changed.v1', statusChange(withdrawn, 'IN_DISSOLUTION', 'INACTIVE'));
    await f.deliver('dissolution.proceeding-withdrawn.v1', {
      proceedingId: randomUUID(),
      cooperativeId: withdrawn,
      reason: 'Board found',
      wasApproved: true,
      expectedStatus: 'IN_DISSOLUTION',
    });
    await f.quiet();
    const priorities = await Promise.all([upheld, rejected, withdrawn].map(reactivationOf));
    expect(priorities.map((row) => row?.priority)).toEqual(['HIGH', 'HIGH', 'HIGH']);
    expect(priorities[0]?.reason).toMatch(/^Dissolution ended/);
    expect(await f.count('dead_letters')).toBe(0);
  });

  it('stores notifications as kind + params (cooperative name, case type, who, why); reopening notifies the assignee', async () => {
    const cooperativeId = randomUUID();
    await f.deliver('registry.cooperative-registered.v1', registered(cooperativeId, 'ACTIVE'));
    await f.quiet();
    await f.deliver('registry.cooperative-status-changed.v1', statusChange(cooperativeId, 'ACTIVE', 'INACTIVE'));
    await f.quiet();
    const opened = (await reactivationOf(cooperativeId))!;
    const supervisorList = await f
      .http()
      .get('/notifications')
      .query({ limit: 200 })
      .set('Authorization', supervisor())
      .expect(200);
    expect(
      supervisorList.body.items.find((item: { caseId: string; kind: string }) => item.caseId === opened.id),
    ).toMatchObject({
      kind: 'CASE_OPENED',
      params: { cooperativeId, cooperativeName: `Koperasi ${cooperativeId}`, caseType: 'REACTIVATION' },
      message: expect.stringContaining(`Koperasi ${cooperativeId}`),
    });

    await f.http().post(`/cases/${opened.id}/claim`).set('Authorization', officer()).expect(200);
    await f
      .http()
      .post(`/cases/${opened.id}/close`)
      .set('Authorization', officer())
      .send({ outcome: 'NO_BOARD', reason: 'No board', evidenceNotes: 'Nobody answers' })
      .expect(200);
    await f
      .http()
      .post(`/cases/${opened.id}/reopen`)
      .set('Authorization', supervisor())
      .send({ reason: 'The chair called back' })
      .expect(200);
    const mine = await f
      .http()
      .get('/notifications')
      .query({ unreadOnly: 'true', limit: 200 })
      .set('Authorization', officer())
      .expect(200);
    expect(
      mine.body.items.find((item: { caseId: string; kind: string }) => item.kind === 'CASE_REOPENED'),
    ).toMatchObject({
      caseId: opened.id,
      params: {
        cooperativeName: `Koperasi ${cooperativeId}`,
        caseType: 'REACTIVATION',
        by: expect.any(String),
        reason: 'The chair called back',
        previousOutcome: 'NO_BOARD',
      },
    });
  });
});
