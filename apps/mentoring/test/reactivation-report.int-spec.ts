import type { CooperativeStatus } from '@koperasi/contracts';
import { startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

describe('mentoring: reactivation tracking report', () => {
  let f: MentoringFixture;
  const manager = () => f.as(['manager'], 'manager-r');

  async function change(id: string, kecamatan: string, from: CooperativeStatus, to: CooperativeStatus, at: string) {
    await f.deliver('registry.cooperative-status-changed.v1', {
      ...statusChange(id, from, to, new Date(at)),
      kecamatan,
    });
    await f.quiet();
  }

  async function claim(cooperativeId: string, officer: string): Promise<string> {
    const [row] = await f.db.query(`SELECT id FROM cases WHERE cooperative_id = $1 AND status <> 'CLOSED'`, [
      cooperativeId,
    ]);
    await f
      .http()
      .post(`/cases/${row.id}/claim`)
      .set('Authorization', f.as(['officer'], officer))
      .expect(200);
    return row.id;
  }

  /** A small history: two reactivated (40 and 60 days), one failed then dissolved, one still open and overdue, one from before the period. */
  beforeAll(async () => {
    f = await startMentoring();
    await change('r-5', 'Pahandut', 'ACTIVE', 'INACTIVE', '2025-12-01T03:00:00Z');
    await change('r-1', 'Pahandut', 'ACTIVE', 'INACTIVE', '2026-01-10T03:00:00Z');
    await change('r-2', 'Pahandut', 'ACTIVE', 'INACTIVE', '2026-01-15T03:00:00Z');
    await change('r-3', 'Sabangau', 'ACTIVE', 'INACTIVE', '2026-02-01T03:00:00Z');
    await change('r-4', 'Sabangau', 'ACTIVE', 'INACTIVE', '2026-03-05T03:00:00Z');
    await claim('r-1', 'officer-s');
    await claim('r-4', 'officer-r');
    const failed = await claim('r-3', 'officer-s');
    await f
      .http()
      .post(`/cases/${failed}/close`)
      .set('Authorization', f.as(['officer'], 'officer-s'))
      .send({ outcome: 'NO_BOARD', reason: 'Board dissolved itself', evidenceNotes: 'Kelurahan letter' })
      .expect(200);
    await change('r-1', 'Pahandut', 'INACTIVE', 'ACTIVE', '2026-02-19T03:00:00Z');
    await change('r-2', 'Pahandut', 'INACTIVE', 'ACTIVE', '2026-03-16T03:00:00Z');
    await change('r-3', 'Sabangau', 'INACTIVE', 'IN_DISSOLUTION', '2026-03-01T03:00:00Z');
    await change('r-3', 'Sabangau', 'IN_DISSOLUTION', 'DISSOLVED', '2026-03-20T03:00:00Z');
    // Cases opened and closed "now"; move them to the history's dates.
    await f.db.query(
      `UPDATE cases c SET opened_at = t.changed_at FROM cooperative_status_transitions t WHERE t.cooperative_id = c.cooperative_id AND t.to_status = 'INACTIVE'`,
    );
    await f.db.query(
      `UPDATE cases c SET closed_at = t.changed_at FROM cooperative_status_transitions t WHERE t.cooperative_id = c.cooperative_id AND t.to_status = 'ACTIVE' AND c.outcome = 'REACTIVATED'`,
    );
    await f.db.query(`UPDATE cases SET closed_at = '2026-02-20T03:00:00Z' WHERE cooperative_id = 'r-3'`);
    await f.db.query(`UPDATE cases SET due_at = now() - interval '1 day' WHERE cooperative_id = 'r-4'`);
  });
  afterAll(() => f.close());

  it('answers the figures of the period', async () => {
    const { body } = await f
      .http()
      .get('/reports/reactivation?from=2026-01-01&to=2026-03-31')
      .set('Authorization', manager())
      .expect(200);
    expect(body).toMatchObject({
      becameInactive: 4,
      reactivated: 2,
      cases: {
        opened: 4,
        openAtEnd: 2,
        closedReactivated: 2,
        closedFailed: 1,
        closedDissolved: 0,
        failedByOutcome: { NO_BOARD: 1, NO_MEMBERS: 0, UNREACHABLE: 0, NO_BUSINESS: 0 },
      },
      dissolution: { entered: 1, byCurrentStatus: { DISSOLVED: 1 } },
      daysInactiveToReactivated: { count: 2, median: 50, p90: 58 },
      officers: [
        // Closed in the period: r-1 reactivated after 40 days, r-3 failed after 19: median 29.5.
        {
          officerId: 'officer-s',
          officerName: 'officer-s',
          open: 0,
          overdue: 0,
          closed: 2,
          reactivated: 1,
          failed: 1,
          medianDays: 29.5,
        },
        {
          officerId: 'officer-r',
          officerName: 'officer-r',
          open: 1,
          overdue: 1,
          closed: 0,
          reactivated: 0,
          failed: 0,
          medianDays: null,
        },
      ],
      kecamatan: [
        {
          kecamatan: 'Pahandut',
          becameInactive: 2,
          reactivated: 2,
          casesOpened: 2,
          closedReactivated: 2,
          closedFailed: 0,
          openAtEnd: 1,
        },
        {
          kecamatan: 'Sabangau',
          becameInactive: 2,
          reactivated: 0,
          casesOpened: 2,
          closedReactivated: 0,
          closedFailed: 1,
          openAtEnd: 1,
        },
      ],
    });
    expect(body.months).toEqual([
      {
        month: '2026-01',
        becameInactive: 2,
        reactivated: 0,
        casesOpened: 2,
        closedReactivated: 0,
        closedFailed: 0,
        enteredDissolution: 0,
      },
      {
        month: '2026-02',
        becameInactive: 1,
        reactivated: 1,
        casesOpened: 1,
        closedReactivated: 1,
        closedFailed: 1,
        enteredDissolution: 0,
      },
      {
        month: '2026-03',
        becameInactive: 1,
        reactivated: 1,
        casesOpened: 1,
        closedReactivated: 1,
        closedFailed: 0,
        enteredDissolution: 1,
      },
    ]);
  });

  it('narrows to a kecamatan and to an officer', async () => {
    const sabangau = await f
      .http()
      .get('/reports/reactivation?from=2026-01-01&to=2026-03-31&kecamatan=Sabangau')
      .set('Authorization', manager())
      .expect(200);
    expect(sabangau.body).toMatchObject({
      becameInactive: 2,
      reactivated: 0,
      cases: { opened: 2, closedFailed: 1, openAtEnd: 1 },
      dissolution: { entered: 1 },
    });
    const officer = await f
      .http()
      .get('/reports/reactivation?from=2026-01-01&to=2026-03-31&officerId=officer-r')
      .set('Authorization', f.as(['supervisor']))
      .expect(200);
    expect(officer.body).toMatchObject({
      becameInactive: 1,
      reactivated: 0,
      cases: { opened: 1, openAtEnd: 1, closedFailed: 0 },
      dissolution: { entered: 0 },
    });
  });

  it('exports the same figures as CSV', async () => {
    const response = await f
      .http()
      .get('/reports/reactivation.csv?from=2026-01-01&to=2026-03-31')
      .set('Authorization', manager())
      .expect(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const lines = response.text.trim().split('\n');
    expect(lines[0]).toBe('section,key,metric,value');
    expect(lines).toEqual(
      expect.arrayContaining([
        'summary,,becameInactive,4',
        'daysInactiveToReactivated,,median,50',
        'officer,officer-r,overdue,1',
        'officer,officer-s,medianDays,29.5',
        'kecamatan,Sabangau,closedFailed,1',
        'month,2026-03,enteredDissolution,1',
      ]),
    );
  });

  it('refuses bad periods and other roles', async () => {
    const backwards = await f
      .http()
      .get('/reports/reactivation?from=2026-03-01&to=2026-01-01')
      .set('Authorization', manager());
    expect(backwards.status).toBe(422);
    expect(backwards.body.error.code).toBe('REPORT_PERIOD_INVALID');
    const sixYears = await f
      .http()
      .get('/reports/reactivation?from=2020-01-01&to=2025-12-31')
      .set('Authorization', manager());
    expect(sixYears.status).toBe(422);
    expect(sixYears.body.error.code).toBe('REPORT_PERIOD_INVALID');
    const malformed = await f
      .http()
      .get('/reports/reactivation?from=2026-13-01&to=2026-12-31')
      .set('Authorization', manager());
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');
    expect((await f.http().get('/reports/reactivation?to=2026-12-31').set('Authorization', manager())).status).toBe(
      400,
    );
    expect(
      (
        await f
          .http()
          .get('/reports/reactivation?from=2026-01-01&to=2026-03-31')
          .set('Authorization', f.as(['officer']))
      ).status,
    ).toBe(403);
  });
});
