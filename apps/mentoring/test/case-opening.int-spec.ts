import { eventually } from '@koperasi/testing';
import { registered, startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

describe('mentoring: what a case opens with, written in one statement', () => {
  let f: MentoringFixture;

  beforeAll(async () => {
    // A reminder a year before the due date falls due at once, and no sweep runs during the tests:
    // only the arming after the opening's commit can fire it.
    f = await startMentoring({ CASE_REMINDER_DAYS_BEFORE: '365', TIMER_SWEEP_INTERVAL_MS: String(5 * 60_000) });
    await f.deliver('registry.cooperative-registered.v1', { ...registered('open-1'), name: 'Koperasi Sinar Pagi' });
    await f.quiet();
    await f.deliver('registry.cooperative-status-changed.v1', {
      ...statusChange('open-1', 'ACTIVE', 'INACTIVE'),
      name: 'Koperasi Sinar Pagi',
    });
    await f.quiet();
  });
  afterAll(() => f.close());

  const caseOf = async (cooperativeId: string) => {
    const [row] = await f.db.query(`SELECT id, status, due_at FROM cases WHERE cooperative_id = $1`, [cooperativeId]);
    return row as { id: string; status: string; due_at: Date };
  };

  it('opens the case with its checklist, timers, history, audit and the supervisors’ notification', async () => {
    const opened = await caseOf('open-1');
    expect(opened.status).toBe('UNASSIGNED');
    expect(await f.count('case_checklist_items', 'case_id = $1', [opened.id])).toBeGreaterThan(0);
    const deadlines = await f.db.query(`SELECT kind, due_at FROM deadlines WHERE subject_id = $1 ORDER BY kind`, [
      opened.id,
    ]);
    expect(deadlines.map((row: { kind: string }) => row.kind)).toEqual([
      'mentoring.case-overdue',
      'mentoring.case-reminder',
    ]);
    expect(deadlines[0].due_at.getTime()).toBe(opened.due_at.getTime());
    expect(
      await f.count('case_history', `case_id = $1 AND action = 'OPENED' AND to_status = 'UNASSIGNED'`, [opened.id]),
    ).toBe(1);
    const [audit] = await f.db.query(`SELECT action, after FROM audit_log WHERE entity_id = $1`, [opened.id]);
    expect(audit).toMatchObject({ action: 'case.opened', after: { status: 'UNASSIGNED', priority: 'NORMAL' } });
    const [notification] = await f.db.query(
      `SELECT recipient_kind, recipient, kind, params, message FROM notifications WHERE case_id = $1`,
      [opened.id],
    );
    expect(notification).toMatchObject({
      recipient_kind: 'ROLE',
      recipient: 'supervisor',
      kind: 'CASE_OPENED',
      params: { cooperativeName: 'Koperasi Sinar Pagi', caseType: 'REACTIVATION' },
    });
    expect(notification.message).toContain('Koperasi Sinar Pagi');
  });

  it('arms the timers that fall due soon right after the commit, without waiting for a sweep', async () => {
    const opened = await caseOf('open-1');
    const fired = await eventually(async () => {
      const [reminder] = await f.db.query(`SELECT state FROM deadlines WHERE subject_id = $1 AND kind = $2`, [
        opened.id,
        'mentoring.case-reminder',
      ]);
      return reminder.state === 'PENDING' ? null : reminder.state;
    }, 'the reminder to fire');
    expect(fired).toBe('FIRED');
  });

  it('writes none of it for a cooperative that already has the case open', async () => {
    const opened = await caseOf('open-1');
    const before = {
      history: await f.count('case_history'),
      audit: await f.count('audit_log', `entity_type = 'Case'`),
      notifications: await f.count('notifications', `kind = 'CASE_OPENED'`),
      deadlines: await f.count('deadlines'),
      checklist: await f.count('case_checklist_items'),
    };
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('open-1', 'ACTIVE', 'INACTIVE'));
    await f.quiet();

    expect(await f.count('cases', `cooperative_id = 'open-1'`)).toBe(1);
    expect((await caseOf('open-1')).id).toBe(opened.id);
    expect({
      history: await f.count('case_history'),
      audit: await f.count('audit_log', `entity_type = 'Case'`),
      notifications: await f.count('notifications', `kind = 'CASE_OPENED'`),
      deadlines: await f.count('deadlines'),
      checklist: await f.count('case_checklist_items'),
    }).toEqual(before);
  });
});
