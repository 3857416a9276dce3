import { randomUUID } from 'node:crypto';
import { startMentoring, registered, snapshot, statusChange, type MentoringFixture } from './mentoring-fixture';

describe('mentoring: cases opened and closed by events', () => {
  let f: MentoringFixture;

  beforeAll(async () => {
    f = await startMentoring();
  });
  afterAll(() => f.close());

  const cases = (cooperativeId: string) =>
    f.db.query(`SELECT id, type, status, outcome FROM cases WHERE cooperative_id = $1 ORDER BY opened_at`, [
      cooperativeId,
    ]);

  it('keeps the read model from registered and details-changed events', async () => {
    await f.deliver('registry.cooperative-registered.v1', registered('coop-rm', 'ACTIVE', 'Sabangau'));
    await f.quiet();
    await f.deliver('registry.cooperative-details-changed.v1', {
      ...snapshot('coop-rm', 'ACTIVE', 'Jekan Raya'),
      name: 'Koperasi Baru',
      changedFields: ['name', 'kecamatan'],
    });
    await f.quiet();
    expect(await f.count('dead_letters')).toBe(0);
    const [row] = await f.db.query(`SELECT name, kecamatan, status FROM cooperatives WHERE id = 'coop-rm'`);
    expect(row).toEqual({ name: 'Koperasi Baru', kecamatan: 'Jekan Raya', status: 'ACTIVE' });
  });

  it('applies only newer information: a late snapshot with a lower registry version changes nothing', async () => {
    await f.deliver('registry.cooperative-details-changed.v1', {
      ...snapshot('coop-order', 'INACTIVE', 'Jekan Raya'),
      name: 'Koperasi Sesudah',
      changedFields: ['name', 'kecamatan'],
      cooperativeVersion: 3,
    });
    await f.quiet();
    // Registered (version 1) and an earlier status change (version 2) arrive late.
    await f.deliver('registry.cooperative-registered.v1', {
      ...registered('coop-order', 'ACTIVE', 'Sabangau'),
      cooperativeVersion: 1,
    });
    await f.deliver('registry.cooperative-status-changed.v1', {
      ...statusChange('coop-order', 'INACTIVE', 'ACTIVE', new Date(Date.now() + 60_000)),
      cooperativeVersion: 2,
    });
    await f.quiet();
    const [row] = await f.db.query(
      `SELECT name, kecamatan, status, registry_version FROM cooperatives WHERE id = 'coop-order'`,
    );
    expect(row).toEqual({ name: 'Koperasi Sesudah', kecamatan: 'Jekan Raya', status: 'INACTIVE', registry_version: 3 });
  });

  it('opens one reactivation case when a cooperative becomes inactive, also when the event comes twice, and records the transition once', async () => {
    const eventId = randomUUID();
    const data = statusChange('coop-a', 'ACTIVE', 'INACTIVE');
    await f.deliver('registry.cooperative-status-changed.v1', data, eventId);
    await f.deliver('registry.cooperative-status-changed.v1', data, eventId);
    // A second, distinct event to INACTIVE must not open a second case either.
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('coop-a', 'IN_DISSOLUTION', 'INACTIVE'));
    await f.quiet();
    const rows = await cases('coop-a');
    expect(rows).toEqual([expect.objectContaining({ type: 'REACTIVATION', status: 'UNASSIGNED' })]);
    expect(await f.count('cooperative_status_transitions', `cooperative_id = 'coop-a'`)).toBe(2);
    const [coop] = await f.db.query(`SELECT name, status FROM cooperatives WHERE id = 'coop-a'`);
    expect(coop).toEqual({ name: 'Koperasi coop-a', status: 'INACTIVE' });
    expect(await f.count('case_checklist_items', `case_id = $1`, [rows[0].id])).toBeGreaterThan(0);
    expect(await f.count('deadlines', `subject_id = $1 AND state = 'PENDING'`, [rows[0].id])).toBe(2);
  });

  it('closes the reactivation case as REACTIVATED when a RAT is recorded, once; a RAT without a case is harmless', async () => {
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('coop-b', 'ACTIVE', 'INACTIVE'));
    await f.quiet();
    const rat = {
      cooperativeId: 'coop-b',
      ratId: 'rat-1',
      fiscalYear: 2025,
      meetingDate: '2026-03-01',
      reportedDate: '2026-03-10',
      late: false,
    };
    const eventId = randomUUID();
    await f.deliver('registry.rat-recorded.v1', rat, eventId);
    await f.deliver('registry.rat-recorded.v1', rat, eventId);
    await f.deliver('registry.rat-recorded.v1', { ...rat, cooperativeId: 'coop-never-seen', ratId: 'rat-2' });
    await f.quiet();
    expect(await cases('coop-b')).toEqual([expect.objectContaining({ status: 'CLOSED', outcome: 'REACTIVATED' })]);
    expect(
      await f.count(
        'case_history',
        `action = 'CLOSED' AND case_id IN (SELECT id FROM cases WHERE cooperative_id = 'coop-b')`,
      ),
    ).toBe(1);
    expect(await f.count('cases', `cooperative_id = 'coop-never-seen'`)).toBe(0);
    expect(
      await f.count(
        'deadlines',
        `state = 'PENDING' AND subject_id IN (SELECT id::text FROM cases WHERE cooperative_id = 'coop-b')`,
      ),
    ).toBe(0);
    expect(await f.count('dead_letters')).toBe(0);
  });

  it('closes the reactivation case as REACTIVATED when the cooperative returns to ACTIVE', async () => {
    const inactiveAt = new Date(Date.now() - 60_000);
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('coop-c', 'ACTIVE', 'INACTIVE', inactiveAt));
    await f.quiet();
    const eventId = randomUUID();
    const back = statusChange('coop-c', 'INACTIVE', 'ACTIVE');
    await f.deliver('registry.cooperative-status-changed.v1', back, eventId);
    await f.deliver('registry.cooperative-status-changed.v1', back, eventId);
    await f.quiet();
    expect(await cases('coop-c')).toEqual([
      expect.objectContaining({ type: 'REACTIVATION', status: 'CLOSED', outcome: 'REACTIVATED' }),
    ]);
  });

  it('ignores a late status event older than the status it already holds', async () => {
    await f.deliver(
      'registry.cooperative-status-changed.v1',
      statusChange('coop-late', 'INACTIVE', 'ACTIVE', new Date()),
    );
    await f.quiet();
    await f.deliver(
      'registry.cooperative-status-changed.v1',
      statusChange('coop-late', 'ACTIVE', 'INACTIVE', new Date(Date.now() - 3_600_000)),
    );
    await f.quiet();
    expect(await cases('coop-late')).toEqual([]);
    const [coop] = await f.db.query(`SELECT status FROM cooperatives WHERE id = 'coop-late'`);
    expect(coop.status).toBe('ACTIVE');
    expect(await f.count('cooperative_status_transitions', `cooperative_id = 'coop-late'`)).toBe(2);
  });

  it('opens one supervision follow-up on a poor health assessment (twice delivered), none on a good one', async () => {
    const poor = {
      cooperativeId: 'coop-d',
      assessmentId: 'as-1',
      fiscalYear: 2025,
      scheme: 'A' as const,
      category: 'UNDER_SPECIAL_SUPERVISION' as const,
      score: 40,
    };
    const eventId = randomUUID();
    await f.deliver('registry.health-assessed.v1', poor, eventId);
    await f.deliver('registry.health-assessed.v1', poor, eventId);
    await f.deliver('registry.health-assessed.v1', {
      ...poor,
      assessmentId: 'as-2',
      category: 'UNDER_SUPERVISION',
      score: 55,
    });
    await f.deliver('registry.health-assessed.v1', {
      ...poor,
      cooperativeId: 'coop-e',
      assessmentId: 'as-3',
      category: 'HEALTHY',
      score: 85,
    });
    await f.quiet();
    const rows = await f.db.query(`SELECT type, priority, status FROM cases WHERE cooperative_id = 'coop-d'`);
    expect(rows).toEqual([{ type: 'SUPERVISION_FOLLOW_UP', priority: 'HIGH', status: 'UNASSIGNED' }]);
    expect(await f.count('cases', `cooperative_id = 'coop-e'`)).toBe(0);
  });

  it('closes every open case as DISSOLVED when the cooperative is dissolved', async () => {
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('coop-f', 'ACTIVE', 'INACTIVE'));
    await f.deliver('registry.health-assessed.v1', {
      cooperativeId: 'coop-f',
      assessmentId: 'as-f',
      fiscalYear: 2025,
      scheme: 'B',
      category: 'UNDER_SUPERVISION',
      score: null,
    });
    await f.quiet();
    expect(await f.count('cases', `cooperative_id = 'coop-f' AND status <> 'CLOSED'`)).toBe(2);
    const eventId = randomUUID();
    const dissolved = statusChange('coop-f', 'IN_DISSOLUTION', 'DISSOLVED');
    await f.deliver('registry.cooperative-status-changed.v1', dissolved, eventId);
    await f.deliver('registry.cooperative-status-changed.v1', dissolved, eventId);
    await f.quiet();
    const rows = await f.db.query(`SELECT status, outcome FROM cases WHERE cooperative_id = 'coop-f'`);
    expect(rows).toEqual([
      { status: 'CLOSED', outcome: 'DISSOLVED' },
      { status: 'CLOSED', outcome: 'DISSOLVED' },
    ]);
    expect(
      await f.count(
        'case_history',
        `action = 'CLOSED' AND case_id IN (SELECT id FROM cases WHERE cooperative_id = 'coop-f')`,
      ),
    ).toBe(2);
  });

  it('reopens reactivation after a rejected or withdrawn dissolution, only for an inactive or in-dissolution cooperative, once', async () => {
    // coop-g: its reactivation failed and was closed; the proposal is rejected.
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('coop-g', 'ACTIVE', 'INACTIVE'));
    await f.quiet();
    await f.db.query(
      `UPDATE cases SET status = 'CLOSED', outcome = 'NO_BOARD', closed_at = now() WHERE cooperative_id = 'coop-g'`,
    );
    const rejected = {
      proceedingId: 'p-g',
      cooperativeId: 'coop-g',
      reason: 'Evidence incomplete',
      rejectedBy: 'supervisor-1',
    };
    const eventId = randomUUID();
    await f.deliver('dissolution.proceeding-rejected.v1', rejected, eventId);
    await f.deliver('dissolution.proceeding-rejected.v1', rejected, eventId);
    await f.deliver('dissolution.proceeding-rejected.v1', { ...rejected, proceedingId: 'p-g2' });
    await f.quiet();
    expect(await f.count('cases', `cooperative_id = 'coop-g' AND status <> 'CLOSED' AND type = 'REACTIVATION'`)).toBe(
      1,
    );

    // coop-h: in dissolution, proceeding withdrawn.
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('coop-h', 'INACTIVE', 'IN_DISSOLUTION'));
    await f.quiet();
    await f.deliver('dissolution.proceeding-withdrawn.v1', {
      proceedingId: 'p-h',
      cooperativeId: 'coop-h',
      reason: 'Board came back',
      wasApproved: true,
      expectedStatus: 'IN_DISSOLUTION',
    });
    // coop-i: ACTIVE; a withdrawal does not open anything.
    await f.deliver('registry.cooperative-registered.v1', registered('coop-i', 'ACTIVE'));
    await f.quiet();
    await f.deliver('dissolution.proceeding-withdrawn.v1', {
      proceedingId: 'p-i',
      cooperativeId: 'coop-i',
      reason: 'Mistake',
      wasApproved: false,
      expectedStatus: null,
    });
    await f.quiet();
    expect(await f.count('cases', `cooperative_id = 'coop-h' AND status <> 'CLOSED' AND type = 'REACTIVATION'`)).toBe(
      1,
    );
    expect(await f.count('cases', `cooperative_id = 'coop-i'`)).toBe(0);
  });

  it('refuses a second open case of the same type in the database itself', async () => {
    await f.deliver('registry.cooperative-status-changed.v1', statusChange('coop-j', 'ACTIVE', 'INACTIVE'));
    await f.quiet();
    await expect(
      f.db.query(
        `INSERT INTO cases (type, cooperative_id, status, priority, priority_rank, due_at, opened_at, opened_by, opened_reason)
         VALUES ('REACTIVATION', 'coop-j', 'ASSIGNED', 'NORMAL', 2, now(), now(), 'test', 'duplicate')`,
      ),
    ).rejects.toThrow(/cases_one_open_per_cooperative_type/);
  });
});
