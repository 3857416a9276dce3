import { TimerScheduler } from '@koperasi/platform';
import { directoryUser, eventually, flushPrefix } from '@koperasi/testing';
import { startMentoring, registered, statusChange, type MentoringFixture } from './mentoring-fixture';

describe('mentoring: working a case', () => {
  let f: MentoringFixture;
  const officerA = () => f.as(['officer'], 'officer-a');
  const officerB = () => f.as(['officer'], 'officer-b');
  const supervisor = () => f.as(['supervisor'], 'supervisor-1');
  const manager = () => f.as(['manager'], 'manager-1');

  beforeAll(async () => {
    f = await startMentoring();
    await f.users(
      'officer-a',
      directoryUser('officer-b', { fullName: 'Budi' }),
      'officer-leaving',
      'officer-x',
      directoryUser('officer-y', { fullName: 'Yanti' }),
      directoryUser('supervisor-1', { fullName: 'Sri Supervisor', roles: ['supervisor'], kecamatan: null }),
    );
  });
  afterAll(() => f.close());

  /** A cooperative turned inactive: its new reactivation case id. */
  async function reactivationCase(cooperativeId: string): Promise<string> {
    await f.deliver('registry.cooperative-status-changed.v1', statusChange(cooperativeId, 'ACTIVE', 'INACTIVE'));
    await f.quiet();
    const [row] = await f.db.query(`SELECT id FROM cases WHERE cooperative_id = $1 AND status <> 'CLOSED'`, [
      cooperativeId,
    ]);
    return row.id;
  }

  const caseRow = async (id: string) => (await f.db.query(`SELECT * FROM cases WHERE id = $1`, [id]))[0];

  it('lets exactly one of two concurrent claims win; the other gets 409', async () => {
    const id = await reactivationCase('w-claim');
    const [a, b] = await Promise.all([
      f.http().post(`/cases/${id}/claim`).set('Authorization', officerA()),
      f.http().post(`/cases/${id}/claim`).set('Authorization', officerB()),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(loser.body.error.code).toBe('CASE_ALREADY_CLAIMED');
    const row = await caseRow(id);
    expect(row.status).toBe('ASSIGNED');
    expect(await f.count('case_history', `case_id = $1 AND action = 'CLAIMED'`, [id])).toBe(1);
  });

  it('reassigns with a reason (supervisors only), keeps the old assignment in the history and notifies', async () => {
    const id = await reactivationCase('w-assign');
    await f.http().post(`/cases/${id}/claim`).set('Authorization', officerA()).expect(200);
    const denied = await f
      .http()
      .post(`/cases/${id}/assign`)
      .set('Authorization', officerA())
      .send({ assigneeId: 'officer-b', reason: 'swap' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN_ROLE');
    const missing = await f
      .http()
      .post(`/cases/${id}/assign`)
      .set('Authorization', supervisor())
      .send({ assigneeId: 'officer-b' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    expect((await caseRow(id)).assignee_id).toBe('officer-a');

    const done = await f
      .http()
      .post(`/cases/${id}/assign`)
      .set('Authorization', supervisor())
      .send({ assigneeId: 'officer-b', assigneeName: 'Someone else', reason: 'Officer A on leave' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'ASSIGNED', assigneeId: 'officer-b', assigneeName: 'Budi' });
    const history = await f.http().get(`/cases/${id}/history`).set('Authorization', manager()).expect(200);
    expect(history.body.map((entry: { action: string }) => entry.action)).toEqual(['OPENED', 'CLAIMED', 'REASSIGNED']);
    expect(history.body[2]).toMatchObject({
      fromAssigneeId: 'officer-a',
      fromAssigneeName: 'User officer-a',
      toAssigneeId: 'officer-b',
      toAssigneeName: 'Budi',
      reason: 'Officer A on leave',
      actorId: 'supervisor-1',
      actorName: 'Sri Supervisor',
    });
    const inbox = await f.http().get('/notifications').set('Authorization', officerB()).expect(200);
    expect(inbox.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'CASE_ASSIGNED', caseId: id, readAt: null })]),
    );
    expect(
      await f.count('audit_log', `entity_id = $1 AND action = 'case.reassigned' AND actor_id = 'supervisor-1'`, [id]),
    ).toBe(1);
  });

  it('bulk-reassigns a departing officer: the dry run changes nothing, the real run reports each case', async () => {
    const ids = [
      await reactivationCase('w-bulk-1'),
      await reactivationCase('w-bulk-2'),
      await reactivationCase('w-bulk-3'),
    ];
    for (const id of ids) {
      await f
        .http()
        .post(`/cases/${id}/assign`)
        .set('Authorization', supervisor())
        .send({ assigneeId: 'officer-leaving', reason: 'initial' })
        .expect(200);
    }
    const body = {
      fromAssigneeId: 'officer-leaving',
      to: [{ id: 'officer-x' }, { id: 'officer-y', name: 'Yanti' }],
      reason: 'Officer moved to another office',
    };
    const historyBefore = await f.count('case_history');
    const dry = await f
      .http()
      .post('/cases/bulk-reassign')
      .set('Authorization', supervisor())
      .send({ ...body, dryRun: true })
      .expect(200);
    expect(dry.body.summary).toEqual({ total: 3, reassigned: 0, wouldReassign: 3, skipped: 0 });
    expect(dry.body.results.map((r: { toAssigneeId: string }) => r.toAssigneeId).sort()).toEqual([
      'officer-x',
      'officer-x',
      'officer-y',
    ]);
    expect(await f.count('cases', `assignee_id = 'officer-leaving'`)).toBe(3);
    expect(await f.count('case_history')).toBe(historyBefore);

    const ghost = '00000000-0000-4000-8000-000000000000';
    const real = await f
      .http()
      .post('/cases/bulk-reassign')
      .set('Authorization', supervisor())
      .send({ ...body, caseIds: [...ids, ghost] })
      .expect(200);
    expect(real.body.summary).toEqual({ total: 4, reassigned: 3, wouldReassign: 0, skipped: 1 });
    expect(real.body.results).toEqual(
      expect.arrayContaining([
        { caseId: ghost, fromAssigneeId: null, toAssigneeId: null, outcome: 'SKIPPED', problem: 'CASE_NOT_FOUND' },
      ]),
    );
    expect(await f.count('cases', `assignee_id = 'officer-leaving'`)).toBe(0);
    expect(await f.count('case_history', `action = 'REASSIGNED' AND from_assignee_id = 'officer-leaving'`)).toBe(3);

    const self = await f
      .http()
      .post('/cases/bulk-reassign')
      .set('Authorization', supervisor())
      .send({ ...body, to: [{ id: 'officer-leaving' }] });
    expect(self.status).toBe(422);
    expect(self.body.error.code).toBe('BULK_TARGET_IS_SOURCE');
    const byOfficer = await f.http().post('/cases/bulk-reassign').set('Authorization', officerA()).send(body);
    expect(byOfficer.status).toBe(403);
  });

  it('holds a case until a date and returns it to the queue by itself, even after Redis lost the timer job', async () => {
    const id = await reactivationCase('w-hold');
    await f.http().post(`/cases/${id}/claim`).set('Authorization', officerA()).expect(200);
    const past = await f
      .http()
      .post(`/cases/${id}/hold`)
      .set('Authorization', officerA())
      .send({ until: '2020-01-01', reason: 'Waiting for documents' });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('HOLD_DATE_NOT_IN_FUTURE');
    const other = await f
      .http()
      .post(`/cases/${id}/hold`)
      .set('Authorization', officerB())
      .send({ until: '2099-01-01', reason: 'Not mine' });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('CASE_NOT_ASSIGNED_TO_YOU');
    expect((await caseRow(id)).status).toBe('ASSIGNED');

    const held = await f
      .http()
      .post(`/cases/${id}/hold`)
      .set('Authorization', officerA())
      .send({ until: '2099-01-01', reason: 'Waiting for documents' });
    expect(held.status).toBe(200);
    expect(held.body.status).toBe('ON_HOLD');
    const onHoldTab = await f.http().get('/cases?tab=on-hold').set('Authorization', officerA()).expect(200);
    expect(onHoldTab.body.items.map((item: { id: string }) => item.id)).toContain(id);

    // The date comes while Redis has lost every job of this service.
    await f.db.query(
      `UPDATE deadlines SET due_at = now() - interval '1 second' WHERE kind = 'mentoring.hold-ends' AND subject_id = $1 AND state = 'PENDING'`,
      [id],
    );
    await flushPrefix(f.prefix);
    await f.app.get(TimerScheduler).sweep();
    await eventually(async () => (await caseRow(id)).status === 'ASSIGNED', 'the case back from hold');
    expect(await f.count('case_history', `case_id = $1 AND action = 'RETURNED_FROM_HOLD'`, [id])).toBe(1);
    const notes = await f.http().get('/notifications?unreadOnly=true').set('Authorization', officerA()).expect(200);
    expect(notes.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'CASE_BACK_FROM_HOLD', caseId: id })]),
    );
  });

  it('releases a hold early and cancels its timer', async () => {
    const id = await reactivationCase('w-release');
    await f.http().post(`/cases/${id}/claim`).set('Authorization', officerA()).expect(200);
    await f
      .http()
      .post(`/cases/${id}/hold`)
      .set('Authorization', officerA())
      .send({ until: '2099-01-01', reason: 'Waiting' })
      .expect(200);
    const released = await f
      .http()
      .post(`/cases/${id}/release`)
      .set('Authorization', officerA())
      .send({ reason: 'Documents arrived' })
      .expect(200);
    expect(released.body.status).toBe('ASSIGNED');
    expect(
      await f.count('deadlines', `kind = 'mentoring.hold-ends' AND subject_id = $1 AND state = 'PENDING'`, [id]),
    ).toBe(0);
    const again = await f
      .http()
      .post(`/cases/${id}/release`)
      .set('Authorization', officerA())
      .send({ reason: 'again' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CASE_INVALID_TRANSITION');
  });

  it('caps the text and the number of activities a case holds', async () => {
    const id = await reactivationCase('w-activity-limit');
    await f.http().post(`/cases/${id}/claim`).set('Authorization', officerA()).expect(200);
    const before = await f.count('case_activities');

    const tooLong = { kind: 'NOTE', occurredOn: '2026-11-20', text: 'x'.repeat(2001) };
    const refusedText = await f.http().post(`/cases/${id}/activities`).set('Authorization', officerA()).send(tooLong);
    expect(refusedText.body.error?.code).toBe('VALIDATION_FAILED');
    // A hundred activities is the most: they all travel as evidence in the reactivation-failed event.
    await f.db.query(
      `INSERT INTO case_activities (case_id, kind, occurred_on, author_id, author_name, text)
       SELECT $1, 'NOTE', '2026-11-20', 'officer-a', 'Officer A', 'note ' || n FROM generate_series(1, 100) AS n`,
      [id],
    );
    const overLimit = await f
      .http()
      .post(`/cases/${id}/activities`)
      .set('Authorization', officerA())
      .send({ kind: 'NOTE', occurredOn: '2026-11-20', text: 'one more' });
    expect(overLimit.status).toBe(409);
    expect(overLimit.body.error).toMatchObject({ code: 'CASE_ACTIVITY_LIMIT', details: { limit: 100 } });
    expect(await f.count('case_activities')).toBe(before + 100);
  });

  it('logs activities and ticks checklist steps with who and when', async () => {
    const id = await reactivationCase('w-activity');
    const notMine = await f
      .http()
      .post(`/cases/${id}/activities`)
      .set('Authorization', officerA())
      .send({ kind: 'VISIT', occurredOn: '2026-11-20', text: 'x' });
    expect(notMine.status).toBe(403);
    await f.http().post(`/cases/${id}/claim`).set('Authorization', officerA()).expect(200);
    const before = await f.count('case_activities');
    for (const bad of [
      { kind: 'SMOKE_SIGNAL', occurredOn: '2026-11-20', text: 'x' },
      { kind: 'VISIT', occurredOn: '2026-02-30', text: 'x' },
      { kind: 'VISIT', occurredOn: '2026-11-20', text: '' },
      { kind: 'VISIT', occurredOn: '2026-11-20', text: 'x', extra: 1 },
    ]) {
      const response = await f.http().post(`/cases/${id}/activities`).set('Authorization', officerA()).send(bad);
      expect(response.status).toBe(400);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await f.count('case_activities')).toBe(before);
    const created = await f
      .http()
      .post(`/cases/${id}/activities`)
      .set('Authorization', officerA())
      .send({ kind: 'VISIT', occurredOn: '2026-11-20', text: 'Met the former chair' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'VISIT', authorId: 'officer-a', text: 'Met the former chair' });

    const ticked = await f
      .http()
      .put(`/cases/${id}/checklist/CONTACT_BOARD`)
      .set('Authorization', officerA())
      .send({ done: true })
      .expect(200);
    expect(ticked.body).toMatchObject({ code: 'CONTACT_BOARD', doneBy: 'officer-a' });
    const unknown = await f
      .http()
      .put(`/cases/${id}/checklist/FLY_TO_MOON`)
      .set('Authorization', officerA())
      .send({ done: true });
    expect(unknown.status).toBe(404);
    const detail = await f.http().get(`/cases/${id}`).set('Authorization', manager()).expect(200);
    expect(detail.body.checklist.find((step: { code: string }) => step.code === 'CONTACT_BOARD').doneAt).not.toBeNull();
    expect(detail.body.activities).toHaveLength(1);
    expect(detail.body.cooperative).toMatchObject({ id: 'w-activity', status: 'INACTIVE' });
  });

  it('closes a failed reactivation with evidence and publishes the failed-reactivation event with its activities', async () => {
    const id = await reactivationCase('w-fail');
    await f.http().post(`/cases/${id}/claim`).set('Authorization', officerA()).expect(200);
    await f
      .http()
      .post(`/cases/${id}/activities`)
      .set('Authorization', officerA())
      .send({ kind: 'VISIT', occurredOn: '2026-11-01', text: 'Office empty; neighbours say closed for years' })
      .expect(201);

    const wrongOutcome = await f
      .http()
      .post(`/cases/${id}/close`)
      .set('Authorization', officerA())
      .send({ outcome: 'REACTIVATED', reason: 'It is alive' });
    expect(wrongOutcome.status).toBe(422);
    expect(wrongOutcome.body.error.code).toBe('CASE_OUTCOME_NOT_ALLOWED');
    const noEvidence = await f
      .http()
      .post(`/cases/${id}/close`)
      .set('Authorization', officerA())
      .send({ outcome: 'NO_BOARD', reason: 'Board gone' });
    expect(noEvidence.status).toBe(422);
    expect(noEvidence.body.error.code).toBe('CASE_EVIDENCE_REQUIRED');
    const byOther = await f
      .http()
      .post(`/cases/${id}/close`)
      .set('Authorization', officerB())
      .send({ outcome: 'NO_BOARD', reason: 'Board gone', evidenceNotes: 'x' });
    expect(byOther.status).toBe(403);
    expect((await caseRow(id)).status).toBe('ASSIGNED');
    expect(await f.count('outbox')).toBe(0);

    const closed = await f.http().post(`/cases/${id}/close`).set('Authorization', officerA()).send({
      outcome: 'NO_BOARD',
      reason: 'Board gone',
      evidenceNotes: 'Kelurahan letter 12/2026 certifies no activity',
    });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', outcome: 'NO_BOARD' });
    const outbox = await f.db.query(`SELECT type, envelope FROM outbox`);
    expect(outbox).toHaveLength(1);
    expect(outbox[0].type).toBe('mentoring.reactivation-failed.v1');
    expect(outbox[0].envelope.data).toMatchObject({
      cooperativeId: 'w-fail',
      caseId: id,
      outcome: 'NO_BOARD',
      evidenceNotes: 'Kelurahan letter 12/2026 certifies no activity',
      closedBy: 'officer-a',
      activities: [
        {
          kind: 'VISIT',
          occurredOn: '2026-11-01',
          author: 'officer-a',
          text: 'Office empty; neighbours say closed for years',
        },
      ],
    });
    expect(await f.count('deadlines', `subject_id = $1 AND state = 'PENDING'`, [id])).toBe(0);
    const again = await f
      .http()
      .post(`/cases/${id}/close`)
      .set('Authorization', officerA())
      .send({ outcome: 'NO_BOARD', reason: 'again', evidenceNotes: 'x' });
    expect(again.status).toBe(409);
  });

  it('lets only supervisors reopen, and refuses while another case of the type is open', async () => {
    const id = await reactivationCase('w-reopen');
    await f.http().post(`/cases/${id}/claim`).set('Authorization', officerA()).expect(200);
    await f
      .http()
      .post(`/cases/${id}/close`)
      .set('Authorization', officerA())
      .send({ outcome: 'UNREACHABLE', reason: 'No answer', evidenceNotes: 'Three visits' })
      .expect(200);
    expect(
      (await f.http().post(`/cases/${id}/reopen`).set('Authorization', officerA()).send({ reason: 'Found them' }))
        .status,
    ).toBe(403);
    const reopened = await f
      .http()
      .post(`/cases/${id}/reopen`)
      .set('Authorization', supervisor())
      .send({ reason: 'Found the board after all' })
      .expect(200);
    expect(reopened.body).toMatchObject({ status: 'ASSIGNED', outcome: null, assigneeId: 'officer-a' });

    const manual = await f
      .http()
      .post('/cases')
      .set('Authorization', supervisor())
      .send({ cooperativeId: 'w-reopen', type: 'REACTIVATION', reason: 'Second one' });
    expect(manual.status).toBe(409);
    expect(manual.body.error.code).toBe('CASE_ALREADY_OPEN');
  });

  it('opens a case by hand only for a known cooperative and a valid type', async () => {
    await f.deliver('registry.cooperative-registered.v1', registered('w-manual', 'ACTIVE', 'Rakumpit'));
    await f.quiet();
    const before = await f.count('cases');
    const unknown = await f
      .http()
      .post('/cases')
      .set('Authorization', officerA())
      .send({ cooperativeId: 'nobody', type: 'INSTITUTIONAL', reason: 'Check articles' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('COOPERATIVE_NOT_FOUND');
    const badType = await f
      .http()
      .post('/cases')
      .set('Authorization', officerA())
      .send({ cooperativeId: 'w-manual', type: 'GOSSIP', reason: 'x' });
    expect(badType.status).toBe(400);
    const byManager = await f
      .http()
      .post('/cases')
      .set('Authorization', manager())
      .send({ cooperativeId: 'w-manual', type: 'INSTITUTIONAL', reason: 'Check articles' });
    expect(byManager.status).toBe(403);
    expect(await f.count('cases')).toBe(before);
    const created = await f
      .http()
      .post('/cases')
      .set('Authorization', officerA())
      .send({ cooperativeId: 'w-manual', type: 'INSTITUTIONAL', priority: 'URGENT', reason: 'Check articles' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      type: 'INSTITUTIONAL',
      priority: 'URGENT',
      status: 'UNASSIGNED',
      kecamatan: 'Rakumpit',
    });
  });

  it("lets supervisors change the priority with a reason, and lists a cooperative's cases", async () => {
    const id = await reactivationCase('w-priority');
    const byOfficer = await f
      .http()
      .post(`/cases/${id}/priority`)
      .set('Authorization', officerA())
      .send({ priority: 'URGENT', reason: 'Mayor asked' });
    expect(byOfficer.status).toBe(403);
    const bad = await f
      .http()
      .post(`/cases/${id}/priority`)
      .set('Authorization', supervisor())
      .send({ priority: 'SUPER', reason: 'Mayor asked' });
    expect(bad.status).toBe(400);
    expect((await caseRow(id)).priority).toBe('NORMAL');
    const done = await f
      .http()
      .post(`/cases/${id}/priority`)
      .set('Authorization', supervisor())
      .send({ priority: 'URGENT', reason: 'Mayor asked' })
      .expect(200);
    expect(done.body).toMatchObject({ priority: 'URGENT', priorityRank: 1 });
    const listed = await f.http().get('/cases?cooperativeId=w-priority').set('Authorization', manager()).expect(200);
    expect(listed.body).toMatchObject({
      total: 1,
      items: [{ id, priority: 'URGENT', cooperative: { id: 'w-priority', status: 'INACTIVE' } }],
    });
    expect(await f.count('case_history', `case_id = $1 AND action = 'PRIORITY_CHANGED'`, [id])).toBe(1);
  });

  it('answers 400 with a code for malformed ids and 404 for unknown cases, and 401 without a token', async () => {
    const malformed = await f.http().post('/cases/not-a-uuid/claim').set('Authorization', officerA());
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('INVALID_IDENTIFIER');
    const unknown = await f
      .http()
      .post('/cases/00000000-0000-4000-8000-000000000001/claim')
      .set('Authorization', officerA());
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('CASE_NOT_FOUND');
    expect((await f.http().get('/cases')).status).toBe(401);
    expect(
      (
        await f
          .http()
          .get('/cases')
          .set('Authorization', f.as(['registrar']))
      ).status,
    ).toBe(403);
  });
});
