import { ClsService } from 'nestjs-cls';
import { TimerScheduler, TimerService } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import { startMentoring, registered, snapshot, statusChange, type MentoringFixture } from './mentoring-fixture';

describe('mentoring: queues, SLA timers and notifications', () => {
  let f: MentoringFixture;
  const officer = (id = 'officer-q') => f.as(['officer'], id);
  const supervisor = () => f.as(['supervisor'], 'supervisor-q');

  beforeAll(async () => {
    // Counts on every request here; the kept counts have their own block below.
    f = await startMentoring({ CASE_COUNTS_MAX_AGE_SECONDS: '0' });
    // Five reactivation cases in two kecamatan, then shaped by hand: priorities, due dates, assignees.
    for (const [id, kecamatan] of [
      ['q-1', 'Pahandut'],
      ['q-2', 'Pahandut'],
      ['q-3', 'Sabangau'],
      ['q-4', 'Sabangau'],
      ['q-5', 'Bukit Batu'],
    ]) {
      await f.deliver('registry.cooperative-registered.v1', {
        ...registered(id, 'ACTIVE', kecamatan),
        name: `Koperasi Maju ${id}`,
      });
    }
    await f.quiet();
    for (const id of ['q-1', 'q-2', 'q-3', 'q-4', 'q-5'])
      await f.deliver('registry.cooperative-status-changed.v1', {
        ...statusChange(id, 'ACTIVE', 'INACTIVE'),
        kecamatan: id < 'q-3' ? 'Pahandut' : id === 'q-5' ? 'Bukit Batu' : 'Sabangau',
      });
    await f.quiet();
    await f.db.query(`UPDATE cases SET due_at = now() - interval '2 days' WHERE cooperative_id = 'q-1'`);
    await f.db.query(
      `UPDATE cases SET due_at = now() + interval '3 days', priority = 'URGENT', priority_rank = 1 WHERE cooperative_id = 'q-2'`,
    );
    await f.db.query(
      `UPDATE cases SET due_at = now() + interval '20 days', status = 'ASSIGNED', assignee_id = 'officer-q' WHERE cooperative_id = 'q-3'`,
    );
    await f.db.query(
      `UPDATE cases SET status = 'ON_HOLD', assignee_id = 'officer-q', hold_until = now() + interval '5 days' WHERE cooperative_id = 'q-4'`,
    );
  });
  afterAll(() => f.close());

  const ids = (body: { items: { cooperative: { id: string } }[] }) => body.items.map((item) => item.cooperative.id);

  it('lists each tab with totals and counts every tab under the same filters', async () => {
    const counts = await f.http().get('/cases/counts').set('Authorization', officer()).expect(200);
    expect(counts.body).toEqual({
      all: 5,
      unassigned: 3,
      mine: 2,
      onHold: 1,
      overdue: 1,
      dueSoon: 1,
      asOf: expect.any(String),
    });
    expect(new Date(counts.body.asOf).toISOString()).toBe(counts.body.asOf);
    const unassigned = await f.http().get('/cases?tab=unassigned').set('Authorization', officer()).expect(200);
    expect(unassigned.body.total).toBe(3);
    expect(unassigned.body.totalIsExact).toBe(true);
    expect(ids(unassigned.body)[0]).toBe('q-2');
    expect(
      ids((await f.http().get('/cases?tab=mine').set('Authorization', officer()).expect(200)).body).sort(),
    ).toEqual(['q-3', 'q-4']);
    expect(ids((await f.http().get('/cases?tab=overdue').set('Authorization', officer()).expect(200)).body)).toEqual([
      'q-1',
    ]);
    expect(
      ids(
        (await f.http().get('/cases?tab=due-soon&dueWithinDays=30').set('Authorization', officer()).expect(200)).body,
      ).sort(),
    ).toEqual(['q-2', 'q-3']);
    const pahandut = await f.http().get('/cases/counts?kecamatan=Pahandut').set('Authorization', officer()).expect(200);
    expect(pahandut.body).toMatchObject({ all: 2, unassigned: 2, mine: 0, overdue: 1 });
  });

  it('searches the text each case carries, kept current when the cooperative is renamed, closed cases included', async () => {
    await f.deliver('registry.cooperative-registered.v1', {
      ...registered('s-1', 'ACTIVE'),
      name: 'Koperasi Lama Sejahtera',
    });
    await f.deliver('registry.cooperative-status-changed.v1', {
      ...statusChange('s-1', 'ACTIVE', 'INACTIVE'),
      name: 'Koperasi Lama Sejahtera',
    });
    await f.quiet();
    const search = async (query: string) =>
      ids((await f.http().get(`/cases?${query}`).set('Authorization', officer()).expect(200)).body);
    expect(await search('q=Lama%20Sejahtera')).toEqual(['s-1']);

    await f.deliver('registry.cooperative-details-changed.v1', {
      ...snapshot('s-1', 'INACTIVE'),
      name: 'Koperasi Baru Makmur',
      changedFields: ['name'],
    });
    await f.quiet();
    expect(await search('q=Lama%20Sejahtera')).toEqual([]);
    expect(await search('q=baru%20makmur')).toEqual(['s-1']);
    expect(
      (await f.http().get('/cases/counts?q=Baru%20Makmur').set('Authorization', officer()).expect(200)).body,
    ).toMatchObject({ all: 1 });

    await f.db.query(`UPDATE cases SET status = 'CLOSED', closed_at = now() WHERE cooperative_id = 's-1'`);
    try {
      expect(await search('q=Baru%20Makmur')).toEqual([]);
      expect(await search('status=CLOSED&q=Baru%20Makmur')).toEqual(['s-1']);
    } finally {
      await f.db.query(`DELETE FROM cases WHERE cooperative_id = 's-1'`);
    }
  });

  it('sorts the due-soon tab by any key', async () => {
    const tab = async (sort: string) =>
      ids(
        (
          await f
            .http()
            .get(`/cases?tab=due-soon&dueWithinDays=30&sort=${sort}`)
            .set('Authorization', officer())
            .expect(200)
        ).body,
      );
    expect(await tab('dueAt')).toEqual(['q-2', 'q-3']);
    expect(await tab('priority')).toEqual(['q-2', 'q-3']);
    expect((await tab('openedAt')).sort()).toEqual(['q-2', 'q-3']);
  });

  it("caps a long list's total at 1,000 and says so, while the tab counts stay exact", async () => {
    await f.db.query(
      `INSERT INTO cases (type, cooperative_id, kecamatan, status, priority, priority_rank, due_at, opened_at, opened_by, opened_reason)
       SELECT 'INSTITUTIONAL', 'bulk-' || n, 'Sabangau', 'UNASSIGNED', 'NORMAL', 3, now() + interval '40 days', now(), 'test', 'bulk'
       FROM generate_series(1, 1100) AS n`,
    );
    try {
      const page = await f.http().get('/cases?type=INSTITUTIONAL&limit=10').set('Authorization', officer()).expect(200);
      expect(page.body).toMatchObject({ total: 1000, totalIsExact: false });
      expect(page.body.items).toHaveLength(10);
      const counts = await f.http().get('/cases/counts?type=INSTITUTIONAL').set('Authorization', officer()).expect(200);
      expect(counts.body.all).toBe(1100);
    } finally {
      await f.db.query(`DELETE FROM cases WHERE cooperative_id LIKE 'bulk-%'`);
    }
  });

  it('counts a change at once when the counts may not be kept', async () => {
    const before = (
      await f
        .http()
        .get('/cases/counts?kecamatan=Bukit%20Batu')
        .set('Authorization', officer('officer-late'))
        .expect(200)
    ).body;
    expect(before).toMatchObject({ all: 1, unassigned: 1, mine: 0 });
    await f.db.query(`UPDATE cases SET status = 'ASSIGNED', assignee_id = 'officer-late' WHERE cooperative_id = 'q-5'`);
    try {
      const after = (
        await f
          .http()
          .get('/cases/counts?kecamatan=Bukit%20Batu')
          .set('Authorization', officer('officer-late'))
          .expect(200)
      ).body;
      expect(after).toMatchObject({ all: 1, unassigned: 0, mine: 1 });
      expect(Date.parse(after.asOf)).toBeGreaterThanOrEqual(Date.parse(before.asOf));
    } finally {
      await f.db.query(`UPDATE cases SET status = 'UNASSIGNED', assignee_id = NULL WHERE cooperative_id = 'q-5'`);
    }
  });

  it('filters, searches, sorts and paginates', async () => {
    const page = await f
      .http()
      .get('/cases?sort=dueAt&limit=2&offset=0')
      .set('Authorization', f.as(['manager']))
      .expect(200);
    expect(page.body).toMatchObject({ total: 5, limit: 2, offset: 0 });
    expect(ids(page.body)).toEqual(['q-1', 'q-2']);
    const next = await f
      .http()
      .get('/cases?sort=dueAt&limit=2&offset=2')
      .set('Authorization', f.as(['manager']))
      .expect(200);
    expect(next.body.items).toHaveLength(2);
    expect(ids(next.body)).not.toContain('q-1');
    const last = await f
      .http()
      .get('/cases?sort=dueAt&limit=2&offset=4')
      .set('Authorization', f.as(['manager']))
      .expect(200);
    expect(last.body).toMatchObject({ total: 5, totalIsExact: true });
    expect(last.body.items).toHaveLength(1);
    const pastTheEnd = await f
      .http()
      .get('/cases?sort=dueAt&limit=2&offset=10')
      .set('Authorization', f.as(['manager']))
      .expect(200);
    expect(pastTheEnd.body).toMatchObject({ items: [], total: 5, totalIsExact: true });
    expect(ids((await f.http().get('/cases?q=rasi%20q-5').set('Authorization', officer()).expect(200)).body)).toEqual([
      'q-5',
    ]);
    expect(ids((await f.http().get('/cases?q=BH-q-4').set('Authorization', officer()).expect(200)).body)).toEqual([
      'q-4',
    ]);
    expect(ids((await f.http().get('/cases?q=q-3').set('Authorization', officer()).expect(200)).body)).toEqual(['q-3']);
    expect(
      (await f.http().get('/cases/counts?q=KOPERASI%20Q').set('Authorization', officer()).expect(200)).body,
    ).toMatchObject({ all: 5, unassigned: 3, mine: 2 });
    const leastUrgentFirst = await f
      .http()
      .get('/cases?sort=priority&order=asc')
      .set('Authorization', officer())
      .expect(200);
    expect(ids(leastUrgentFirst.body)[4]).toBe('q-2');
    expect(
      ids(
        (await f.http().get('/cases?sort=openedAt&order=desc&limit=1').set('Authorization', officer()).expect(200))
          .body,
      ),
    ).toHaveLength(1);
    expect(
      ids((await f.http().get('/cases?priority=URGENT').set('Authorization', officer()).expect(200)).body),
    ).toEqual(['q-2']);
    expect(
      (await f.http().get('/cases?overdue=false&type=REACTIVATION').set('Authorization', officer()).expect(200)).body
        .total,
    ).toBe(4);
    expect(
      (await f.http().get('/cases?assigneeId=officer-q&status=ON_HOLD').set('Authorization', officer()).expect(200))
        .body.total,
    ).toBe(1);
  });

  it('refuses bad queue parameters with a code', async () => {
    for (const bad of [
      'tab=everything',
      'sort=name',
      'limit=0',
      'limit=1000',
      'priority=MEDIUM',
      'overdue=maybe',
      'dueWithinDays=0',
      'q=a',
      'q=ab',
      'unknown=1',
    ]) {
      const response = await f.http().get(`/cases?${bad}`).set('Authorization', officer());
      expect({ bad, status: response.status, code: response.body.error?.code }).toEqual({
        bad,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    const shortSearch = await f.http().get('/cases/counts?q=ab').set('Authorization', officer());
    expect({ status: shortSearch.status, code: shortSearch.body.error?.code }).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
  });

  it('reminds the assignee before the due date and escalates to supervisors when overdue', async () => {
    const [row] = await f.db.query(`SELECT id FROM cases WHERE cooperative_id = 'q-3'`);
    const timers = await f.db.query(
      `SELECT id, kind FROM deadlines WHERE subject_id = $1 AND state = 'PENDING' ORDER BY kind`,
      [row.id],
    );
    expect(timers.map((timer: { kind: string }) => timer.kind)).toEqual([
      'mentoring.case-overdue',
      'mentoring.case-reminder',
    ]);
    await f.db.query(
      `UPDATE deadlines SET due_at = now() - interval '1 second' WHERE subject_id = $1 AND state = 'PENDING'`,
      [row.id],
    );
    await f.app.get(TimerScheduler).sweep();

    await eventually(
      async () => (await f.db.query(`SELECT escalated_at FROM cases WHERE id = $1`, [row.id]))[0].escalated_at,
      'the escalation',
    );
    // The two timers fire independently: the reminder may settle after the escalation.
    await eventually(
      async () => (await f.count('deadlines', `subject_id = $1 AND state = 'FIRED'`, [row.id])) === 2,
      'both timers settled',
    );
    const mine = await f.http().get('/notifications').set('Authorization', officer()).expect(200);
    expect(mine.body.items.map((n: { kind: string; caseId: string }) => `${n.kind}:${n.caseId}`)).toEqual(
      expect.arrayContaining([`CASE_DUE_SOON:${row.id}`, `CASE_OVERDUE:${row.id}`]),
    );
    const supervisors = await f
      .http()
      .get('/notifications?unreadOnly=true')
      .set('Authorization', supervisor())
      .expect(200);
    expect(supervisors.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'CASE_OVERDUE',
          caseId: row.id,
          recipientKind: 'ROLE',
          recipient: 'supervisor',
        }),
      ]),
    );
    expect(await f.count('case_history', `case_id = $1 AND action IN ('REMINDED', 'ESCALATED')`, [row.id])).toBe(2);
    // Firing again is a no-op: the deadlines are settled.
    const timerService = f.app.get(TimerService);
    for (const timer of timers)
      expect(await f.app.get(ClsService).run(() => timerService.fire(timer.id))).toBe('settled');
  });

  it('runs the service level of a request received earlier from its receipt, and tells whoever takes it over what it missed', async () => {
    const officeDay = (days: number) =>
      new Date(Date.now() + 7 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
    const open = (type: string, receivedOn: string) =>
      f
        .http()
        .post('/cases')
        .set('Authorization', officer('officer-sla'))
        .send({ cooperativeId: 'q-5', type, receivedOn, reason: 'A letter from the members' });
    const refused = await open('INTERNAL_DISPUTE', officeDay(1)).expect(422);
    expect(refused.body.error.code).toBe('RECEIVED_ON_IN_FUTURE');
    expect(await f.count('cases', `cooperative_id = 'q-5' AND type = 'INTERNAL_DISPUTE'`)).toBe(0);

    // INTERNAL_DISPUTE has 30 days: received 40 days ago it is 10 days overdue; FINANCIAL_REPORTING has
    // 45: received 41 days ago it is due in 4 days. Both timers fire at once, while nobody has the case.
    const overdue = (await open('INTERNAL_DISPUTE', officeDay(-40)).expect(201)).body;
    const dueSoon = (await open('FINANCIAL_REPORTING', officeDay(-41)).expect(201)).body;
    const officeMidnightPlus = (day: string, days: number) =>
      new Date(Date.parse(`${day}T00:00:00+07:00`) + days * 86_400_000).toISOString();
    expect(overdue.dueAt).toBe(officeMidnightPlus(officeDay(-40), 30));
    expect(dueSoon.dueAt).toBe(officeMidnightPlus(officeDay(-41), 45));
    await eventually(async () => {
      const [row] = await f.db.query(
        `SELECT count(*) FILTER (WHERE escalated_at IS NOT NULL AND id = $1)::int AS escalated,
                count(*) FILTER (WHERE reminded_at IS NOT NULL AND id = $2)::int AS reminded FROM cases`,
        [overdue.id, dueSoon.id],
      );
      return row.escalated === 1 && row.reminded === 1;
    }, 'the escalation and the reminder');

    const forOfficer = async () =>
      (await f.http().get('/notifications').set('Authorization', officer('officer-sla')).expect(200)).body.items.map(
        (n: { kind: string; caseId: string }) => `${n.kind}:${n.caseId}`,
      );
    expect(await forOfficer()).toEqual([]);
    await f.http().post(`/cases/${overdue.id}/claim`).set('Authorization', officer('officer-sla')).expect(200);
    await f.http().post(`/cases/${dueSoon.id}/claim`).set('Authorization', officer('officer-sla')).expect(200);
    expect((await forOfficer()).sort()).toEqual([`CASE_DUE_SOON:${dueSoon.id}`, `CASE_OVERDUE:${overdue.id}`].sort());
  });

  it('counts unread notifications per user and marks them read, each supervisor for themselves', async () => {
    const first = await f.http().get('/notifications/unread-count').set('Authorization', supervisor()).expect(200);
    expect(first.body.unread).toBeGreaterThan(0);
    const list = await f.http().get('/notifications?limit=1').set('Authorization', supervisor()).expect(200);
    await f.http().post(`/notifications/${list.body.items[0].id}/read`).set('Authorization', supervisor()).expect(200);
    const after = await f.http().get('/notifications/unread-count').set('Authorization', supervisor()).expect(200);
    expect(after.body.unread).toBe(first.body.unread - 1);
    const otherSupervisor = await f
      .http()
      .get('/notifications/unread-count')
      .set('Authorization', f.as(['supervisor'], 'supervisor-other'))
      .expect(200);
    expect(otherSupervisor.body.unread).toBe(first.body.unread);
    await f.http().post('/notifications/read-all').set('Authorization', supervisor()).expect(200);
    expect(
      (await f.http().get('/notifications/unread-count').set('Authorization', supervisor()).expect(200)).body.unread,
    ).toBe(0);

    const [officerNote] = (await f.http().get('/notifications').set('Authorization', officer()).expect(200)).body.items;
    const foreign = await f
      .http()
      .post(`/notifications/${officerNote.id}/read`)
      .set('Authorization', officer('officer-stranger'));
    expect(foreign.status).toBe(404);
    expect((await f.http().post('/notifications/nope/read').set('Authorization', officer())).status).toBe(400);
  });
});

describe('mentoring: tab counts kept for a while', () => {
  let f: MentoringFixture;
  const counts = async (user: string, query = '') =>
    (
      await f
        .http()
        .get(`/cases/counts${query}`)
        .set('Authorization', f.as(['officer'], user))
        .expect(200)
    ).body;

  beforeAll(async () => {
    // Longer than any test run, so nothing here depends on how fast the test runs.
    f = await startMentoring({ CASE_COUNTS_MAX_AGE_SECONDS: '300' });
    await f.db.query(
      `INSERT INTO cases (type, cooperative_id, kecamatan, status, priority, priority_rank, due_at, opened_at, opened_by, opened_reason)
       SELECT 'INSTITUTIONAL', 'kept-' || n, 'Pahandut', 'UNASSIGNED', 'NORMAL', 3, now() + interval '40 days', now(), 'test', 'kept counts'
       FROM generate_series(1, 3) AS n`,
    );
  });
  afterAll(() => f.close());

  it('answers the shared tabs as counted at asOf for the same filters, while mine and other filters are counted now', async () => {
    const first = await counts('officer-k');
    expect(first).toMatchObject({ all: 3, unassigned: 3, mine: 0 });
    await f.db.query(`UPDATE cases SET status = 'ASSIGNED', assignee_id = 'officer-k' WHERE cooperative_id = 'kept-1'`);

    expect(await counts('officer-k')).toEqual({ ...first, mine: 1 });
    expect(await counts('officer-other')).toEqual({ ...first, mine: 0 });
    const otherFilters = await counts('officer-k', '?type=INSTITUTIONAL');
    expect(otherFilters).toMatchObject({ all: 3, unassigned: 2, mine: 1 });
    expect(Date.parse(otherFilters.asOf)).toBeGreaterThanOrEqual(Date.parse(first.asOf));
  });
});
