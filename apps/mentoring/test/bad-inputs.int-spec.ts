import type { Role } from '@koperasi/contracts';
import { startMentoring, statusChange, type MentoringFixture } from './mentoring-fixture';

/** Every write endpoint: bad input answers 4xx with a code and changes nothing; wrong roles get 403. */
describe('mentoring: bad inputs and role checks', () => {
  let f: MentoringFixture;
  let caseId: string;

  beforeAll(async () => {
    f = await startMentoring();
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('b-1', 'ACTIVE', 'INACTIVE'));
    await f.quiet();
    [{ id: caseId }] = await f.db.query(`SELECT id FROM cases WHERE cooperative_id = 'b-1'`);
    await f
      .http()
      .post(`/cases/${caseId}/claim`)
      .set('Authorization', f.as(['officer'], 'officer-b'))
      .expect(200);
  });
  afterAll(() => f.close());

  /** Everything a write could touch, in one comparable value. */
  async function fingerprint(): Promise<unknown> {
    const [row] = await f.db.query(
      `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT coalesce(sum(version), 0) FROM cases)::int AS versions,
              (SELECT count(*) FROM case_history)::int AS history, (SELECT count(*) FROM case_activities)::int AS activities,
              (SELECT count(*) FILTER (WHERE done_at IS NOT NULL) FROM case_checklist_items)::int AS ticked,
              (SELECT count(*) FROM audit_log)::int AS audit, (SELECT count(*) FROM outbox)::int AS outbox,
              (SELECT count(*) FROM notifications)::int AS notifications, (SELECT count(*) FROM notification_reads)::int AS reads,
              (SELECT count(*) FROM deadlines WHERE state = 'PENDING')::int AS timers`,
    );
    return row;
  }

  const writes = () =>
    [
      { method: 'post', path: '/cases', body: { cooperativeId: 'b-1', type: 'NOPE', reason: 'x y z' } },
      { method: 'post', path: '/cases', body: { cooperativeId: 'b-1', type: 'INSTITUTIONAL' } },
      { method: 'post', path: '/cases', body: { cooperativeId: 'b-\u00001', type: 'INSTITUTIONAL', reason: 'x y z' } },
      {
        method: 'post',
        path: `/cases/${caseId}/activities`,
        body: { kind: 'VISIT', occurredOn: '2026-11-20', text: 'met the \u0000 board' },
      },
      { method: 'post', path: `/cases/${caseId}/assign`, body: { assigneeId: '', reason: 'because' } },
      { method: 'post', path: `/cases/${caseId}/assign`, body: { assigneeId: 'x', reason: 'because', admin: true } },
      {
        method: 'post',
        path: '/cases/bulk-reassign',
        body: { fromAssigneeId: 'officer-b', to: [], reason: 'leaving' },
      },
      {
        method: 'post',
        path: '/cases/bulk-reassign',
        body: { fromAssigneeId: 'officer-b', to: [{ id: 'x' }], reason: 'leaving', caseIds: ['not-a-uuid'] },
      },
      { method: 'post', path: `/cases/${caseId}/priority`, body: { priority: 'LOW' } },
      { method: 'post', path: `/cases/${caseId}/hold`, body: { until: 'tomorrow', reason: 'waiting' } },
      { method: 'post', path: `/cases/${caseId}/hold`, body: { until: '2099-01-01' } },
      { method: 'post', path: `/cases/${caseId}/release`, body: {} },
      { method: 'post', path: `/cases/${caseId}/activities`, body: { kind: 'VISIT', occurredOn: '2026-11-20' } },
      { method: 'put', path: `/cases/${caseId}/checklist/CONTACT_BOARD`, body: { done: 'yes' } },
      { method: 'post', path: `/cases/${caseId}/close`, body: { outcome: 'NO_BOARD' } },
      { method: 'post', path: `/cases/${caseId}/reopen`, body: { reason: '' } },
    ] as const;

  it('answers 400 VALIDATION_FAILED to each malformed write and changes nothing', async () => {
    const before = await fingerprint();
    for (const write of writes()) {
      const response = await f
        .http()
        [write.method](write.path)
        .set('Authorization', f.as(['supervisor'], 'supervisor-b'))
        .send(write.body);
      expect({ ...write, status: response.status, code: response.body.error?.code }).toEqual({
        ...write,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('answers domain refusals with 4xx codes and changes nothing', async () => {
    const before = await fingerprint();
    const officer = f.as(['officer'], 'officer-b');
    const cases: [string, 'post' | 'put', string, object, number, string][] = [
      [
        'closing with an outcome of another type',
        'post',
        `/cases/${caseId}/close`,
        { outcome: 'RAT_HELD', reason: 'done' },
        422,
        'CASE_OUTCOME_NOT_ALLOWED',
      ],
      ['claiming an assigned case', 'post', `/cases/${caseId}/claim`, {}, 409, 'CASE_ALREADY_CLAIMED'],
      [
        'releasing a case not on hold',
        'post',
        `/cases/${caseId}/release`,
        { reason: 'go on' },
        409,
        'CASE_INVALID_TRANSITION',
      ],
      ['reopening an open case', 'post', `/cases/${caseId}/reopen`, { reason: 'again' }, 403, 'FORBIDDEN_ROLE'],
      [
        'a hold ending today or earlier',
        'post',
        `/cases/${caseId}/hold`,
        { until: '2000-01-01', reason: 'old' },
        422,
        'HOLD_DATE_NOT_IN_FUTURE',
      ],
      [
        'an unknown checklist step',
        'put',
        `/cases/${caseId}/checklist/NOPE`,
        { done: true },
        404,
        'CHECKLIST_STEP_NOT_FOUND',
      ],
      [
        'a second open case of the type',
        'post',
        '/cases',
        { cooperativeId: 'b-1', type: 'REACTIVATION', reason: 'again' },
        409,
        'CASE_ALREADY_OPEN',
      ],
      [
        'an unknown case',
        'post',
        '/cases/00000000-0000-4000-8000-000000000009/close',
        { outcome: 'NO_BOARD', reason: 'unknown case', evidenceNotes: 'y' },
        404,
        'CASE_NOT_FOUND',
      ],
      [
        'an unknown notification',
        'post',
        '/notifications/00000000-0000-4000-8000-000000000009/read',
        {},
        404,
        'NOTIFICATION_NOT_FOUND',
      ],
    ];
    for (const [what, method, path, body, status, code] of cases) {
      const response = await f.http()[method](path).set('Authorization', officer).send(body);
      expect({ what, status: response.status, code: response.body.error?.code }).toEqual({ what, status, code });
    }
    const reopenBySupervisor = await f
      .http()
      .post(`/cases/${caseId}/reopen`)
      .set('Authorization', f.as(['supervisor']))
      .send({ reason: 'again' });
    expect(reopenBySupervisor.status).toBe(409);
    expect(reopenBySupervisor.body.error.code).toBe('CASE_INVALID_TRANSITION');
    expect(await fingerprint()).toEqual(before);
  });

  it('lets each role do only its own part', async () => {
    const checks: [Role[], 'get' | 'post', string, object, number][] = [
      [['manager'], 'post', `/cases/${caseId}/claim`, {}, 403],
      [['manager'], 'post', `/cases/${caseId}/activities`, { kind: 'NOTE', occurredOn: '2026-01-01', text: 'x' }, 403],
      [['manager'], 'post', `/cases/${caseId}/close`, { outcome: 'NO_BOARD', reason: 'x y', evidenceNotes: 'x' }, 403],
      [['officer'], 'post', `/cases/${caseId}/assign`, { assigneeId: 'x', reason: 'x y' }, 403],
      [['officer'], 'post', '/cases/bulk-reassign', { fromAssigneeId: 'a', to: [{ id: 'b' }], reason: 'x y' }, 403],
      [['officer'], 'post', `/cases/${caseId}/priority`, { priority: 'LOW', reason: 'x y' }, 403],
      [['registrar'], 'get', '/cases/counts', {}, 403],
      [['registrar'], 'get', `/cases/${caseId}`, {}, 403],
      [['officer'], 'get', '/reports/reactivation?from=2026-01-01&to=2026-01-31', {}, 403],
      [['admin'], 'post', `/cases/${caseId}/claim`, {}, 403],
    ];
    const before = await fingerprint();
    for (const [roles, method, path, body, status] of checks) {
      const response = await f.http()[method](path).set('Authorization', f.as(roles)).send(body);
      expect({ roles, path, status: response.status, code: response.body.error?.code }).toEqual({
        roles,
        path,
        status,
        code: 'FORBIDDEN_ROLE',
      });
    }
    // Another officer may read but not work the case.
    const other = f.as(['officer'], 'officer-other');
    expect((await f.http().get(`/cases/${caseId}`).set('Authorization', other)).status).toBe(200);
    const foreign = await f
      .http()
      .post(`/cases/${caseId}/close`)
      .set('Authorization', other)
      .send({ outcome: 'NO_BOARD', reason: 'not mine', evidenceNotes: 'x' });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('CASE_NOT_ASSIGNED_TO_YOU');
    expect(await fingerprint()).toEqual(before);
    // Managers read queues, cases and reports.
    for (const path of [
      '/cases',
      '/cases/counts',
      `/cases/${caseId}`,
      `/cases/${caseId}/history`,
      '/reports/reactivation?from=2026-01-01&to=2026-01-31',
    ]) {
      expect({
        path,
        status: (
          await f
            .http()
            .get(path)
            .set('Authorization', f.as(['manager']))
        ).status,
      }).toEqual({ path, status: 200 });
    }
  });
});
