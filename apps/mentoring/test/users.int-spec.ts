import { bearer, directoryUser } from '@koperasi/testing';
import { startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

describe('mentoring: the user directory decides who may be given cases, and names them', () => {
  let f: MentoringFixture;
  const supervisor = () => f.as(['supervisor'], 'sup-u');

  beforeAll(async () => {
    f = await startMentoring();
    await f.users(
      directoryUser('sup-u', { fullName: 'Sri Wahyuni', roles: ['supervisor'], kecamatan: null }),
      directoryUser('off-dewi', { fullName: 'Dewi Lestari', kecamatan: 'Pahandut' }),
      directoryUser('off-agus', { fullName: 'Agus Salim', kecamatan: 'Jekan Raya' }),
      directoryUser('off-gone', { fullName: 'Gone Officer', kecamatan: 'Pahandut' }),
      directoryUser('mgr-u', { fullName: 'Manager', roles: ['manager'], kecamatan: null }),
    );
    await f.deliver('console.user-deactivated.v1', directoryUser('off-gone', { active: false }));
    await f.quiet();
  });
  afterAll(() => f.close());

  async function reactivationCase(cooperativeId: string): Promise<string> {
    await f.deliver('registry.cooperative-status-changed.v1', statusChange(cooperativeId, 'ACTIVE', 'INACTIVE'));
    await f.quiet();
    const [row] = await f.db.query(`SELECT id FROM cases WHERE cooperative_id = $1 AND status <> 'CLOSED'`, [
      cooperativeId,
    ]);
    return row.id;
  }

  it('refuses to assign to an unknown, deactivated or non-officer user, and changes nothing', async () => {
    const id = await reactivationCase('u-refuse');
    const historyBefore = await f.count('case_history', 'case_id = $1', [id]);
    for (const [assigneeId, code] of [
      ['no-such-user', 'UNKNOWN_USER'],
      ['off-gone', 'USER_INACTIVE'],
      ['mgr-u', 'USER_CANNOT_TAKE_WORK'],
    ]) {
      const refused = await f
        .http()
        .post(`/cases/${id}/assign`)
        .set('Authorization', supervisor())
        .send({ assigneeId, reason: 'try it' })
        .expect(422);
      expect(refused.body.error).toMatchObject({ code, details: { userId: assigneeId } });
    }
    const row = (await f.db.query(`SELECT status, assignee_id FROM cases WHERE id = $1`, [id]))[0];
    expect(row).toEqual({ status: 'UNASSIGNED', assignee_id: null });
    expect(await f.count('case_history', 'case_id = $1', [id])).toBe(historyBefore);
  });

  it('refuses a bulk reassignment (dry run too) when a receiving officer cannot take cases', async () => {
    const id = await reactivationCase('u-bulk');
    await f
      .http()
      .post(`/cases/${id}/assign`)
      .set('Authorization', supervisor())
      .send({ assigneeId: 'off-dewi', reason: 'initial' })
      .expect(200);
    for (const dryRun of [true, false]) {
      const refused = await f
        .http()
        .post('/cases/bulk-reassign')
        .set('Authorization', supervisor())
        .send({ fromAssigneeId: 'off-dewi', to: [{ id: 'off-agus' }, { id: 'off-gone' }], reason: 'moving', dryRun })
        .expect(422);
      expect(refused.body.error.code).toBe('USER_INACTIVE');
    }
    expect(await f.count('cases', `id = $1 AND assignee_id = 'off-dewi'`, [id])).toBe(1);
  });

  it("refuses a deactivated officer's claim; an officer the directory does not know yet may claim", async () => {
    const id = await reactivationCase('u-claim');
    const refused = await f
      .http()
      .post(`/cases/${id}/claim`)
      .set('Authorization', f.as(['officer'], 'off-gone'))
      .expect(403);
    expect(refused.body.error.code).toBe('USER_INACTIVE');
    await f
      .http()
      .post(`/cases/${id}/claim`)
      .set('Authorization', bearer(['officer'], 'off-new', 'Nur H.'))
      .expect(200);
    const list = await f.http().get('/cases?cooperativeId=u-claim').set('Authorization', supervisor()).expect(200);
    expect(list.body.items[0]).toMatchObject({ assigneeId: 'off-new', assigneeName: 'Nur H.' });
    // The token's name is the audited actor's name.
    const [audit] = await f.db.query(
      `SELECT actor_id, actor_name FROM audit_log WHERE entity_id = $1 AND action = 'case.claimed'`,
      [id],
    );
    expect(audit).toEqual({ actor_id: 'off-new', actor_name: 'Nur H.' });

    // Once the directory's event arrives, every answer shows the directory's name.
    await f.users(directoryUser('off-new', { fullName: 'Nur Hidayah' }));
    const named = await f.http().get('/cases?cooperativeId=u-claim').set('Authorization', supervisor()).expect(200);
    expect(named.body.items[0]).toMatchObject({ assigneeId: 'off-new', assigneeName: 'Nur Hidayah' });
    const late = await f
      .http()
      .post(`/cases/${id}/claim`)
      .set('Authorization', f.as(['officer'], 'off-agus'))
      .expect(409);
    expect(late.body.error).toMatchObject({
      code: 'CASE_ALREADY_CLAIMED',
      details: { assigneeId: 'off-new', assigneeName: 'Nur Hidayah' },
    });
  });

  it('answers names beside ids in the case, its history, activities and checklist, and follows a rename', async () => {
    const id = await reactivationCase('u-names');
    const dewi = f.as(['officer'], 'off-dewi');
    await f.http().post(`/cases/${id}/claim`).set('Authorization', dewi).expect(200);
    await f
      .http()
      .post(`/cases/${id}/activities`)
      .set('Authorization', dewi)
      .send({ kind: 'VISIT', occurredOn: '2026-11-20', text: 'Visited the office' })
      .expect(201);
    const detail = await f.http().get(`/cases/${id}`).set('Authorization', supervisor()).expect(200);
    const [step] = detail.body.checklist;
    await f
      .http()
      .put(`/cases/${id}/checklist/${step.code}`)
      .set('Authorization', dewi)
      .send({ done: true })
      .expect(200);

    await f.deliver(
      'console.user-changed.v1',
      directoryUser('off-dewi', { fullName: 'Dewi Lestari Putri', kecamatan: 'Pahandut' }),
    );
    await f.quiet();
    const after = await f.http().get(`/cases/${id}`).set('Authorization', supervisor()).expect(200);
    expect(after.body).toMatchObject({
      assigneeId: 'off-dewi',
      assigneeName: 'Dewi Lestari Putri',
      openedBy: 'system',
      openedByName: 'System',
      closedBy: null,
      closedByName: null,
    });
    expect(after.body.checklist[0]).toMatchObject({ doneBy: 'off-dewi', doneByName: 'Dewi Lestari Putri' });
    expect(after.body.activities[0]).toMatchObject({ authorId: 'off-dewi', authorName: 'Dewi Lestari Putri' });
    expect(
      after.body.history.map((entry: { action: string; actorName: string }) => [entry.action, entry.actorName]),
    ).toEqual([
      ['OPENED', 'System'],
      ['CLAIMED', 'Dewi Lestari Putri'],
      ['CHECKLIST_DONE', 'Dewi Lestari Putri'],
    ]);
    const activities = await f.http().get(`/cases/${id}/activities`).set('Authorization', supervisor()).expect(200);
    expect(activities.body[0].authorName).toBe('Dewi Lestari Putri');
  });

  it('lists the active officers for the pickers, by kecamatan, with their open cases', async () => {
    const all = await f.http().get('/officers').set('Authorization', supervisor()).expect(200);
    const ids = all.body.items.map((officer: { id: string }) => officer.id);
    expect(ids).toEqual(expect.arrayContaining(['off-dewi', 'off-agus']));
    expect(ids).not.toContain('off-gone');
    expect(ids).not.toContain('sup-u');
    expect(ids).not.toContain('mgr-u');

    const pahandut = await f.http().get('/officers?kecamatan=Pahandut').set('Authorization', supervisor()).expect(200);
    const dewi = pahandut.body.items.find((officer: { id: string }) => officer.id === 'off-dewi');
    expect(dewi).toMatchObject({ name: 'Dewi Lestari Putri', kecamatan: 'Pahandut', roles: ['officer'] });
    expect(dewi.openCases).toBe(await f.count('cases', `assignee_id = 'off-dewi' AND status <> 'CLOSED'`));
    expect(pahandut.body.items.map((officer: { id: string }) => officer.id)).not.toContain('off-agus');

    const withSupervisors = await f
      .http()
      .get('/officers?includeSupervisors=true')
      .set('Authorization', supervisor())
      .expect(200);
    expect(withSupervisors.body.items.map((officer: { id: string }) => officer.id)).toContain('sup-u');
    const bad = await f.http().get('/officers?includeSupervisors=maybe').set('Authorization', supervisor()).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('names each officer of the reactivation report from the directory', async () => {
    const report = await f
      .http()
      .get('/reports/reactivation?from=2026-01-01&to=2026-12-31')
      .set('Authorization', f.as(['manager'], 'mgr-u'))
      .expect(200);
    expect(report.body.officers).toEqual(
      expect.arrayContaining([expect.objectContaining({ officerId: 'off-dewi', officerName: 'Dewi Lestari Putri' })]),
    );
  });

  it('documents the names beside the ids in the OpenAPI schemas', async () => {
    const schemas = (await f.http().get('/docs-json').expect(200)).body.components.schemas;
    expect(Object.keys(schemas.HistoryEntryResponse.properties)).toEqual(
      expect.arrayContaining(['actorName', 'fromAssigneeName', 'toAssigneeName']),
    );
    expect(Object.keys(schemas.ActivityResponse.properties)).toContain('authorName');
    expect(Object.keys(schemas.CaseDetailPeopleResponse.properties)).toEqual(
      expect.arrayContaining(['assigneeName', 'openedByName', 'closedByName']),
    );
    expect(Object.keys(schemas.OfficerResponse.properties)).toEqual(
      expect.arrayContaining(['id', 'name', 'openCases']),
    );
  });
});
