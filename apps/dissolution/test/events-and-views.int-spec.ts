import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { InboxService } from '@koperasi/platform';
import { signedEvent } from '@koperasi/testing';
import { addMonths } from '../src/proceedings/deadlines';
import {
  approvedProceeding,
  decreed,
  MANAGER,
  officeDay,
  OFFICER,
  proposedProceeding,
  reactivationFailed,
  readyForDecree,
  registered,
  startDissolution,
  SUPERVISOR,
  SUPERVISOR_2,
  type DissolutionFixture,
} from './dissolution-fixture';

describe('dissolution events in and out, and the views', () => {
  let fx: DissolutionFixture;

  beforeAll(async () => {
    fx = await startDissolution();
  });

  afterAll(async () => {
    await fx.close();
  });

  const cooperativeRow = async (id: string) =>
    (await fx.dataSource.query('SELECT name, kecamatan, status FROM cooperatives WHERE cooperative_id = $1', [id]))[0];

  it('keeps the cooperative read model from registry events, ignoring an older snapshot', async () => {
    const id = randomUUID();
    const { registeredAt: _registeredAt, ...snapshot } = registered(id, { name: 'KSP Maju', status: 'INACTIVE' });
    await fx.deliver('registry.cooperative-status-changed.v1', {
      ...snapshot,
      from: 'ACTIVE',
      to: 'INACTIVE',
      reason: 'No RAT for 2 fiscal years',
      changedAt: new Date().toISOString(),
      triggeringEventId: null,
    });
    expect(await cooperativeRow(id)).toEqual({ name: 'KSP Maju', kecamatan: 'Pahandut', status: 'INACTIVE' });
    // The registration arrives late and carries an older snapshot: it must not undo the status.
    await fx.deliver(
      'registry.cooperative-registered.v1',
      registered(id, {
        name: 'KSP Maju',
        status: 'ACTIVE',
        registeredAt: new Date(Date.now() - 86_400_000).toISOString(),
      }),
    );
    expect((await cooperativeRow(id)).status).toBe('INACTIVE');
    await fx.deliver('registry.cooperative-details-changed.v1', {
      ...snapshot,
      name: 'KSP Maju Jaya',
      kecamatan: 'Jekan Raya',
      changedFields: ['name', 'kecamatan'],
    });
    expect(await cooperativeRow(id)).toEqual({ name: 'KSP Maju Jaya', kecamatan: 'Jekan Raya', status: 'INACTIVE' });
  });

  it("orders snapshots by the registry's version, whatever their timestamps say", async () => {
    const id = randomUUID();
    const { registeredAt: _registeredAt, ...snapshot } = registered(id, { name: 'KSP Versi 3', status: 'INACTIVE' });
    await fx.deliver('registry.cooperative-status-changed.v1', {
      ...snapshot,
      cooperativeVersion: 3,
      from: 'ACTIVE',
      to: 'INACTIVE',
      reason: 'No RAT for 2 fiscal years',
      changedAt: new Date(Date.now() - 60_000).toISOString(),
      triggeringEventId: null,
    });
    // An earlier details change (version 2), published by a replica whose clock runs ahead.
    await fx.deliver('registry.cooperative-details-changed.v1', {
      ...snapshot,
      cooperativeVersion: 2,
      name: 'KSP Versi 2',
      status: 'ACTIVE',
      changedFields: ['name'],
    });
    expect(await cooperativeRow(id)).toEqual({ name: 'KSP Versi 3', kecamatan: 'Pahandut', status: 'INACTIVE' });
    await fx.deliver('registry.cooperative-details-changed.v1', {
      ...snapshot,
      cooperativeVersion: 4,
      name: 'KSP Versi 4',
      changedFields: ['name'],
    });
    expect(await cooperativeRow(id)).toEqual({ name: 'KSP Versi 4', kecamatan: 'Pahandut', status: 'INACTIVE' });
  });

  it('applies status changes that arrive together as one batch: newest snapshot wins, each audited with its own correlation id', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const change = (id: string, to: 'INACTIVE' | 'ACTIVE', changedAt: Date) => {
      const { registeredAt: _registeredAt, ...snapshot } = registered(id, { name: `KSP ${id}`, status: to });
      return signedEvent({
        eventId: randomUUID(),
        type: 'registry.cooperative-status-changed.v1' as const,
        occurredAt: new Date().toISOString(),
        correlationId: `corr-${randomUUID()}`,
        data: {
          ...snapshot,
          from: to === 'INACTIVE' ? ('ACTIVE' as const) : ('INACTIVE' as const),
          to,
          reason: 'evaluation',
          changedAt: changedAt.toISOString(),
          triggeringEventId: null,
        },
      });
    };
    const now = Date.now();
    const events = [
      change(ids[0], 'INACTIVE', new Date(now)),
      change(ids[1], 'INACTIVE', new Date(now)),
      change(ids[0], 'ACTIVE', new Date(now - 60_000)),
      change(ids[2], 'INACTIVE', new Date(now)),
    ];
    const inbox = fx.app.get(InboxService);

    const outcomes = await Promise.all(
      events.map((event) =>
        inbox.process({
          id: event.eventId,
          name: event.type,
          data: event,
          opts: {},
          attemptsMade: 0,
        } as unknown as Job),
      ),
    );

    expect(outcomes).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect(await Promise.all(ids.map(async (id) => (await cooperativeRow(id)).status))).toEqual([
      'INACTIVE',
      'INACTIVE',
      'INACTIVE',
    ]);
    for (const event of [events[0], events[1], events[3]]) {
      const [audit] = await fx.dataSource.query(
        `SELECT correlation_id FROM audit_log WHERE entity_id = $1 AND action = 'cooperative.snapshot-applied'`,
        [event.data.cooperativeId],
      );
      expect(audit.correlation_id).toBe(event.correlationId);
    }
  });

  it('opens a draft for an unknown cooperative, then attaches later mentoring evidence to it', async () => {
    const cooperativeId = randomUUID();
    const first = reactivationFailed(cooperativeId);
    await fx.deliver('mentoring.reactivation-failed.v1', first);
    expect(await cooperativeRow(cooperativeId)).toEqual({ name: null, kecamatan: null, status: null });
    const second = { ...reactivationFailed(cooperativeId), outcome: 'UNREACHABLE' as const };
    await fx.deliver('mentoring.reactivation-failed.v1', second);
    await fx.deliver('mentoring.reactivation-failed.v1', second);
    const rows = await fx.dataSource.query('SELECT id, step, evidence FROM proceedings WHERE cooperative_id = $1', [
      cooperativeId,
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0].step).toBe('DRAFT');
    expect(rows[0].evidence.mentoringHistory.map((item: { caseId: string }) => item.caseId)).toEqual([
      first.caseId,
      second.caseId,
    ]);
  });

  it('flags a proceeding before the decree when a RAT is recorded, and blocks approval until a supervisor clears it', async () => {
    const cooperativeId = randomUUID();
    const id = await proposedProceeding(fx, cooperativeId);
    await fx.deliver('registry.rat-recorded.v1', {
      cooperativeId,
      ratId: randomUUID(),
      fiscalYear: 2025,
      meetingDate: officeDay(-3),
      reportedDate: officeDay(-1),
      late: true,
    });

    const flagged = await fx
      .http()
      .get('/proceedings')
      .query({ flagged: 'true' })
      .set('Authorization', MANAGER)
      .expect(200);
    expect(flagged.body.items).toEqual([
      expect.objectContaining({
        id,
        reviewFlag: expect.objectContaining({ fiscalYear: 2025, reason: expect.stringContaining('RAT') }),
      }),
    ]);
    const pipeline = await fx
      .http()
      .get('/proceedings/pipeline')
      .query({ flagged: 'true' })
      .set('Authorization', MANAGER)
      .expect(200);
    expect(pipeline.body.steps.find((row: { step: string }) => row.step === 'PROPOSED')).toMatchObject({
      count: 1,
      flagged: 1,
    });

    const blocked = await fx
      .http()
      .post(`/proceedings/${id}/approve`)
      .set('Authorization', SUPERVISOR)
      .send({})
      .expect(409);
    expect(blocked.body.error.code).toBe('REVIEW_FLAG_OPEN');
    await fx
      .http()
      .post(`/proceedings/${id}/review-flag/clear`)
      .set('Authorization', SUPERVISOR)
      .send({ reason: 'RAT held by 3 members only; not a real revival' })
      .expect(200);
    await fx.http().post(`/proceedings/${id}/approve`).set('Authorization', SUPERVISOR).send({}).expect(200);

    const timeline = await fx.http().get(`/proceedings/${id}/timeline`).set('Authorization', MANAGER).expect(200);
    expect(timeline.body.items.map((item: { action: string }) => item.action)).toEqual(
      expect.arrayContaining(['proceeding.flagged-for-review', 'proceeding.review-flag-cleared']),
    );
  });

  it('ignores a RAT for a cooperative without a proceeding or after the decree', async () => {
    const lonely = randomUUID();
    const decreedCooperative = randomUUID();
    const id = await decreed(fx, decreedCooperative);
    const before = await fx.snapshot();
    await fx.deliver('registry.rat-recorded.v1', {
      cooperativeId: lonely,
      ratId: randomUUID(),
      fiscalYear: 2025,
      meetingDate: officeDay(-3),
      reportedDate: officeDay(-1),
      late: false,
    });
    await fx.deliver('registry.rat-recorded.v1', {
      cooperativeId: decreedCooperative,
      ratId: randomUUID(),
      fiscalYear: 2025,
      meetingDate: officeDay(-3),
      reportedDate: officeDay(-1),
      late: false,
    });
    expect(await fx.snapshot()).toEqual(before);
    const [row] = await fx.dataSource.query('SELECT review_flag FROM proceedings WHERE id = $1', [id]);
    expect(row.review_flag).toBeNull();
  });

  it('publishes rejection and withdrawal, telling whether the proceeding had been approved', async () => {
    const rejected = await proposedProceeding(fx);
    await fx
      .http()
      .post(`/proceedings/${rejected}/reject`)
      .set('Authorization', SUPERVISOR)
      .send({ reason: 'Debt check is outdated' })
      .expect(200);
    const approved = await approvedProceeding(fx);
    await fx
      .http()
      .post(`/proceedings/${approved}/notice`)
      .set('Authorization', OFFICER)
      .send({ method: 'REGISTERED_MAIL_BOARD', sentOn: officeDay(-2), receivedOn: officeDay(-1) })
      .expect(200);
    const withdrawn = await fx
      .http()
      .post(`/proceedings/${approved}/withdraw`)
      .set('Authorization', SUPERVISOR_2)
      .send({ reason: 'The board came back' })
      .expect(200);
    expect(withdrawn.body).toMatchObject({ step: 'WITHDRAWN', closedReason: 'The board came back', nextDue: null });
    const [timer] = await fx.dataSource.query('SELECT state FROM deadlines WHERE subject_id = $1', [approved]);
    expect(timer.state).toBe('CANCELLED');
    const draft = await proposedProceeding(fx);
    await fx
      .http()
      .post(`/proceedings/${draft}/withdraw`)
      .set('Authorization', OFFICER)
      .send({ reason: 'Opened by mistake' })
      .expect(200);

    const rejectedEvents = await fx.outbox('dissolution.proceeding-rejected.v1');
    expect(rejectedEvents.map((row) => row.envelope.data)).toContainEqual(
      expect.objectContaining({ proceedingId: rejected, reason: 'Debt check is outdated', rejectedBy: 'supervisor-1' }),
    );
    const withdrawnEvents = (await fx.outbox('dissolution.proceeding-withdrawn.v1')).map((row) => row.envelope.data);
    expect(withdrawnEvents).toContainEqual(
      expect.objectContaining({ proceedingId: approved, wasApproved: true, expectedStatus: 'IN_DISSOLUTION' }),
    );
    expect(withdrawnEvents).toContainEqual(
      expect.objectContaining({ proceedingId: draft, wasApproved: false, expectedStatus: null }),
    );
    // Asking for a closed step lists closed proceedings; by default only open ones are listed.
    const closed = await fx
      .http()
      .get('/proceedings')
      .query({ step: 'WITHDRAWN' })
      .set('Authorization', MANAGER)
      .expect(200);
    expect(closed.body.items.map((item: { id: string }) => item.id)).toEqual(expect.arrayContaining([approved, draft]));
    const open = await fx.http().get('/proceedings').query({ limit: 200 }).set('Authorization', MANAGER).expect(200);
    expect(open.body.items.map((item: { id: string }) => item.id)).not.toContain(rejected);
  });

  it('lists open proceedings with what is due next, filtered and paginated, and counts the pipeline', async () => {
    const kecamatan = `Rakumpit-${randomUUID().slice(0, 4)}`;
    const moveTo = async (cooperativeId: string) => {
      const { registeredAt: _registeredAt, ...snapshot } = registered(cooperativeId, { kecamatan });
      await fx.deliver('registry.cooperative-details-changed.v1', { ...snapshot, changedFields: ['kecamatan'] });
    };
    const overdueCooperative = randomUUID();
    const overdue = await readyForDecree(fx, overdueCooperative);
    await moveTo(overdueCooperative);
    const windowCooperative = randomUUID();
    const windowOpen = await approvedProceeding(fx, windowCooperative);
    await moveTo(windowCooperative);
    await fx
      .http()
      .post(`/proceedings/${windowOpen}/notice`)
      .set('Authorization', OFFICER)
      .send({ method: 'REGISTERED_MAIL_BOARD', sentOn: officeDay(-55), receivedOn: officeDay(-50) })
      .expect(200);
    const draftCooperative = randomUUID();
    await moveTo(draftCooperative);
    await fx
      .http()
      .post('/proceedings')
      .set('Authorization', OFFICER)
      .send({ cooperativeId: draftCooperative })
      .expect(201);

    const list = (query: Record<string, string>) =>
      fx
        .http()
        .get('/proceedings')
        .query({ kecamatan, ...query })
        .set('Authorization', MANAGER)
        .expect(200);
    const all = await list({});
    expect(all.body.total).toBe(3);
    // Soonest due first; undated (the draft) last.
    expect(all.body.items.map((item: { id: string }) => item.id).slice(0, 2)).toEqual([overdue, windowOpen]);
    expect(all.body.items[0].nextDue).toEqual({
      action: 'RECORD_DECREE',
      dueOn: addMonths(officeDay(-300), 4),
      overdue: true,
    });
    expect(all.body.items[1].nextDue).toEqual({
      action: 'OBJECTION_WINDOW_CLOSES',
      dueOn: addMonths(officeDay(-50), 2),
      overdue: false,
    });

    expect((await list({ overdue: 'true' })).body.items.map((item: { id: string }) => item.id)).toEqual([overdue]);
    expect((await list({ overdue: 'false' })).body.total).toBe(2);
    expect((await list({ dueWithinDays: '30' })).body.items.map((item: { id: string }) => item.id)).toEqual([
      windowOpen,
    ]);
    expect((await list({ dueWithinDays: '1' })).body.total).toBe(0);
    expect((await list({ step: 'NOTICE_DELIVERED' })).body.items.map((item: { id: string }) => item.id)).toEqual([
      windowOpen,
    ]);
    const page = await list({ limit: '1', offset: '1' });
    expect(page.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(page.body.items.map((item: { id: string }) => item.id)).toEqual([windowOpen]);

    const pipeline = await fx
      .http()
      .get('/proceedings/pipeline')
      .query({ kecamatan })
      .set('Authorization', MANAGER)
      .expect(200);
    const counts = Object.fromEntries(
      pipeline.body.steps
        .filter((row: { count: number }) => row.count > 0)
        .map((row: { step: string; count: number; overdue: number }) => [row.step, [row.count, row.overdue]]),
    );
    expect(counts).toEqual({ DRAFT: [1, 0], NOTICE_DELIVERED: [1, 0], READY_FOR_DECREE: [1, 1] });
    expect(pipeline.body.total).toBe(3);

    const detail = await fx.http().get(`/proceedings/${windowOpen}`).set('Authorization', MANAGER).expect(200);
    expect(detail.body.cooperative).toMatchObject({ cooperativeId: windowCooperative, kecamatan });
    expect(detail.body.deadlines).toEqual([
      { kind: 'OBJECTION_WINDOW_CLOSES', dueOn: addMonths(officeDay(-50), 2) },
      { kind: 'DECREE_DUE', dueOn: addMonths(officeDay(-50), 4) },
    ]);
  });
});
