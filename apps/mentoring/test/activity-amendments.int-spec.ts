import { directoryUser } from '@koperasi/testing';
import { officeToday } from '../src/cases/case-timers';
import { startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

/** Issue 13: an activity is dated today or earlier at the office, and corrected only by an audited amendment. */
describe('mentoring: activities dated right and corrected by amendment', () => {
  let f: MentoringFixture;
  const officerA = () => f.as(['officer'], 'officer-a');
  const officerB = () => f.as(['officer'], 'officer-b');
  const supervisor = () => f.as(['supervisor'], 'supervisor-1');
  const manager = () => f.as(['manager'], 'manager-1');
  const today = () => officeToday(new Date(), 7);
  const tomorrow = () => officeToday(new Date(Date.now() + 24 * 3600_000), 7);

  beforeAll(async () => {
    f = await startMentoring();
    await f.users(
      directoryUser('officer-a', { fullName: 'Ani Petugas' }),
      directoryUser('officer-b', { fullName: 'Budi Petugas' }),
      directoryUser('supervisor-1', { fullName: 'Sri Supervisor', roles: ['supervisor'], kecamatan: null }),
    );
  });
  afterAll(() => f.close());

  /** A reactivation case claimed by officer A. */
  async function claimedCase(cooperativeId: string): Promise<string> {
    await f.deliver('registry.cooperative-status-changed.v1', statusChange(cooperativeId, 'ACTIVE', 'INACTIVE'));
    await f.quiet();
    const [row] = await f.db.query(`SELECT id FROM cases WHERE cooperative_id = $1 AND status <> 'CLOSED'`, [
      cooperativeId,
    ]);
    await f.http().post(`/cases/${row.id}/claim`).set('Authorization', officerA()).expect(200);
    return row.id;
  }

  const logVisit = async (caseId: string, occurredOn = '2026-01-15') =>
    (
      await f
        .http()
        .post(`/cases/${caseId}/activities`)
        .set('Authorization', officerA())
        .send({ kind: 'VISIT', occurredOn, text: 'Met the former chair at the office' })
        .expect(201)
    ).body;

  const stored = async () => ({
    activities: await f.db.query(`SELECT kind, occurred_on::text, text, version FROM case_activities ORDER BY id`),
    amendments: await f.count('case_activity_amendments'),
    audit: await f.count('audit_log', `action = 'case.activity-amended'`),
  });

  it('refuses an activity dated after today at the office with 422 DATE_IN_FUTURE, logging nothing', async () => {
    const id = await claimedCase('act-future');
    const before = await f.count('case_activities');
    const refused = await f
      .http()
      .post(`/cases/${id}/activities`)
      .set('Authorization', officerA())
      .send({ kind: 'VISIT', occurredOn: tomorrow(), text: 'Planned visit' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: 'DATE_IN_FUTURE',
      details: { field: 'occurredOn', date: tomorrow(), today: today() },
    });
    expect(await f.count('case_activities')).toBe(before);
    expect(await f.count('audit_log', `action = 'case.activity-logged'`)).toBe(0);

    const logged = await logVisit(id, today());
    expect(logged).toMatchObject({ occurredOn: today(), version: 1 });
  });

  it('corrects an activity with a reason: the log shows the new value, marked amended, the old one kept', async () => {
    const id = await claimedCase('act-amend');
    const activity = await logVisit(id);
    const amended = await f
      .http()
      .patch(`/cases/${id}/activities/${activity.id}`)
      .set('Authorization', officerA())
      .send({ occurredOn: '2026-01-16', text: 'Met the former chair at home', reason: 'Typed from my diary wrongly' })
      .expect(200);
    expect(amended.body).toMatchObject({
      id: activity.id,
      kind: 'VISIT',
      occurredOn: '2026-01-16',
      text: 'Met the former chair at home',
      version: 2,
      amended: true,
      amendments: [
        {
          version: 2,
          before: { occurredOn: '2026-01-15', text: 'Met the former chair at the office' },
          after: { occurredOn: '2026-01-16', text: 'Met the former chair at home' },
          reason: 'Typed from my diary wrongly',
          amendedBy: 'officer-a',
          amendedByName: 'Ani Petugas',
        },
      ],
    });
    expect(amended.body.amendments[0].before).not.toHaveProperty('kind');

    const detail = await f.http().get(`/cases/${id}`).set('Authorization', manager()).expect(200);
    expect(detail.body.activities).toHaveLength(1);
    expect(detail.body.activities[0]).toMatchObject({ occurredOn: '2026-01-16', amended: true, version: 2 });
    const log = await f.http().get(`/cases/${id}/activities`).set('Authorization', manager()).expect(200);
    expect(log.body[0].amendments).toHaveLength(1);

    const [audit] = await f.db.query(
      `SELECT before, after, reason, actor_id FROM audit_log WHERE entity_id = $1 AND action = 'case.activity-amended'`,
      [id],
    );
    expect(audit).toMatchObject({
      before: { activityId: activity.id, version: 1, occurredOn: '2026-01-15' },
      after: { activityId: activity.id, version: 2, occurredOn: '2026-01-16' },
      reason: 'Typed from my diary wrongly',
      actor_id: 'officer-a',
    });

    // The supervisor corrects it again, naming the version read: a second amendment, version 3.
    const again = await f
      .http()
      .patch(`/cases/${id}/activities/${activity.id}`)
      .set('Authorization', supervisor())
      .send({ kind: 'MEETING', reason: 'It was a board meeting', version: 2 })
      .expect(200);
    expect(again.body).toMatchObject({ kind: 'MEETING', version: 3 });
    expect(again.body.amendments.map((a: { after: object }) => a.after)).toEqual([
      { occurredOn: '2026-01-16', text: 'Met the former chair at home' },
      { kind: 'MEETING' },
    ]);
    expect(again.body.amendments[1].amendedByName).toBe('Sri Supervisor');
  });

  it('refuses a bad amendment with a clear code, changing nothing', async () => {
    const id = await claimedCase('act-refused');
    const activity = await logVisit(id);
    const url = `/cases/${id}/activities/${activity.id}`;
    const before = await stored();
    const refusals: [string, object, number, string][] = [
      [officerA(), { text: 'No reason given' }, 400, 'VALIDATION_FAILED'],
      [officerA(), { text: 'x', reason: 'Why', kind: 'SMOKE_SIGNAL' }, 400, 'VALIDATION_FAILED'],
      [officerA(), { occurredOn: tomorrow(), reason: 'Moved to tomorrow' }, 422, 'DATE_IN_FUTURE'],
      [officerA(), { text: 'Stale', reason: 'Read long ago', version: 7 }, 409, 'STALE_VERSION'],
      [officerB(), { text: 'Not my case', reason: 'Trying' }, 403, 'CASE_NOT_ASSIGNED_TO_YOU'],
      [manager(), { text: 'Managers read', reason: 'Trying' }, 403, 'FORBIDDEN_ROLE'],
    ];
    for (const [token, body, status, code] of refusals) {
      const response = await f.http().patch(url).set('Authorization', token).send(body);
      expect([response.status, response.body.error?.code]).toEqual([status, code]);
    }
    const unknown = await f
      .http()
      .patch(`/cases/${id}/activities/7c1d2a4e-0000-4000-8000-000000000000`)
      .set('Authorization', officerA())
      .send({ text: 'x', reason: 'Which one' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'ACTIVITY_NOT_FOUND']);

    // Reassigned to officer B, who works the case now but did not write the activity.
    await f
      .http()
      .post(`/cases/${id}/assign`)
      .set('Authorization', supervisor())
      .send({ assigneeId: 'officer-b', reason: 'Leave' })
      .expect(200);
    const notAuthor = await f.http().patch(url).set('Authorization', officerB()).send({ text: 'x', reason: 'Mine' });
    expect([notAuthor.status, notAuthor.body.error.code]).toEqual([403, 'ACTIVITY_NOT_YOURS']);

    await f
      .http()
      .post(`/cases/${id}/close`)
      .set('Authorization', supervisor())
      .send({ outcome: 'NO_BOARD', reason: 'Nobody left', evidenceNotes: 'Kelurahan letter' })
      .expect(200);
    const closed = await f.http().patch(url).set('Authorization', supervisor()).send({ text: 'x', reason: 'Late' });
    expect([closed.status, closed.body.error.code]).toEqual([409, 'CASE_CLOSED']);
    expect(await stored()).toEqual(before);
  });

  it('answers an amendment that changes nothing without writing anything', async () => {
    const id = await claimedCase('act-same');
    const activity = await logVisit(id);
    const before = await stored();
    const same = await f
      .http()
      .patch(`/cases/${id}/activities/${activity.id}`)
      .set('Authorization', officerA())
      .send({ kind: 'VISIT', occurredOn: '2026-01-15', reason: 'Checked again' })
      .expect(200);
    expect(same.body).toMatchObject({ version: 1, amended: false, amendments: [] });
    expect(await stored()).toEqual(before);
  });
});
