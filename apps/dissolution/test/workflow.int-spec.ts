import { randomUUID } from 'node:crypto';
import { TimerScheduler, UnitOfWork } from '@koperasi/platform';
import { bearer, eventually, flushPrefix } from '@koperasi/testing';
import { addMonths } from '../src/proceedings/deadlines';
import { ProceedingStore } from '../src/proceedings/proceeding-store';
import {
  approvedProceeding,
  DEBT_CHECK,
  FIELD_CHECK,
  officeDay,
  OFFICER,
  proposedProceeding,
  reactivationFailed,
  registered,
  startDissolution,
  stepOf,
  SUPERVISOR,
  SUPERVISOR_2,
  type DissolutionFixture,
} from './dissolution-fixture';

describe('dissolution workflow (real PostgreSQL and Redis)', () => {
  let fx: DissolutionFixture;

  beforeAll(async () => {
    fx = await startDissolution();
  });

  afterAll(async () => {
    await fx.close();
  });

  it('runs from a failed reactivation to the gazette, publishing each fact through the outbox', async () => {
    const cooperativeId = randomUUID();
    await fx.deliver('registry.cooperative-registered.v1', registered(cooperativeId, { kecamatan: 'Sabangau' }));
    const caseId = randomUUID();
    await fx.deliver('mentoring.reactivation-failed.v1', reactivationFailed(cooperativeId, caseId));

    const list = await fx
      .http()
      .get('/proceedings')
      .query({ kecamatan: 'Sabangau' })
      .set('Authorization', OFFICER)
      .expect(200);
    expect(list.body.items).toHaveLength(1);
    const draft = list.body.items[0];
    expect(draft).toMatchObject({
      cooperativeId,
      step: 'DRAFT',
      kecamatan: 'Sabangau',
      nextDue: { action: 'PROPOSE', dueOn: null, overdue: false },
    });
    const id: string = draft.id;
    const detail = await fx.http().get(`/proceedings/${id}`).set('Authorization', OFFICER).expect(200);
    expect(detail.body.evidence.mentoringHistory).toEqual([
      expect.objectContaining({ caseId, outcome: 'NO_BOARD', activities: expect.any(Array) }),
    ]);

    const post = (path: string, auth: string, body: object) =>
      fx.http().post(`/proceedings/${id}/${path}`).set('Authorization', auth).send(body);
    await fx
      .http()
      .patch(`/proceedings/${id}/proposal`)
      .set('Authorization', OFFICER)
      .send({
        grounds: ['NO_MEETING_3_YEARS', 'NO_BUSINESS_2_YEARS'],
        fieldCheck: { checkedOn: officeDay(-320), kelurahanOfficial: 'Lurah Kameloh Baru', finding: 'Not operating' },
        debtCheck: { checkedOn: officeDay(-320), hasOutstandingDebts: false },
        documents: [{ ref: 'DOC-1', title: 'Field check letter' }],
      })
      .expect(200);
    expect((await post('propose', OFFICER, {}).expect(200)).body).toMatchObject({
      step: 'PROPOSED',
      proposedBy: 'officer-1',
    });
    expect((await post('approve', SUPERVISOR, {}).expect(200)).body).toMatchObject({
      step: 'APPROVED',
      approvedBy: 'supervisor-1',
    });

    const noticeReceived = officeDay(-300);
    const notice = await post('notice', OFFICER, {
      method: 'REGISTERED_MAIL_BOARD',
      sentOn: officeDay(-305),
      receivedOn: noticeReceived,
    }).expect(200);
    expect(notice.body.step).toBe('NOTICE_DELIVERED');
    // The window closed long ago: the durable timer fires at once and the proceeding moves on.
    await eventually(async () => (await stepOf(fx, id)) === 'READY_FOR_DECREE', 'the objection window timer');

    const ready = await fx.http().get(`/proceedings/${id}`).set('Authorization', SUPERVISOR).expect(200);
    expect(ready.body.nextDue).toEqual({
      action: 'RECORD_DECREE',
      dueOn: ready.body.deadlines.find((d: { kind: string }) => d.kind === 'DECREE_DUE').dueOn,
      overdue: true,
    });
    const decreeDate = officeDay(-200);
    expect(
      (await post('decree', SUPERVISOR_2, { number: 'SK-188/2025', date: decreeDate }).expect(200)).body.step,
    ).toBe('DECREED');
    await post('creditor-notice', OFFICER, {
      noticeOn: officeDay(-195),
      liquidators: ['Budi', 'Sari'],
      liquidatorAppointedOn: officeDay(-196),
    }).expect(200);
    await post('settlement-report', OFFICER, {
      reportedOn: officeDay(-90),
      summary: 'Assets sold, no claims filed',
    }).expect(200);
    const gazetted = await post('gazette', OFFICER, { publishedOn: officeDay(-30), gazetteRef: 'BN-2025-77' }).expect(
      200,
    );
    expect(gazetted.body).toMatchObject({ step: 'GAZETTED', nextDue: null, gazette: { publishedOn: officeDay(-30) } });

    const events = (await fx.outbox()).filter(
      (row) => (row.envelope.data as { proceedingId?: string }).proceedingId === id,
    );
    expect(events.map((row) => row.type)).toEqual([
      'dissolution.proceeding-approved.v1',
      'dissolution.decree-recorded.v1',
      'dissolution.gazette-published.v1',
    ]);
    expect(events[0].envelope.data).toMatchObject({
      cooperativeId,
      grounds: ['NO_MEETING_3_YEARS', 'NO_BUSINESS_2_YEARS'],
      approvedBy: 'supervisor-1',
      expectedStatus: 'INACTIVE',
    });
    expect(events[1].envelope.data).toEqual({
      proceedingId: id,
      cooperativeId,
      decreeNumber: 'SK-188/2025',
      decreeDate,
      expectedStatus: 'IN_DISSOLUTION',
    });
    expect(events[2].envelope.data).toEqual({
      proceedingId: id,
      cooperativeId,
      publishedOn: officeDay(-30),
      expectedStatus: 'DISSOLVED',
    });

    const notifications = await fx.http().get('/notifications').set('Authorization', SUPERVISOR).expect(200);
    expect(notifications.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'READY_FOR_DECREE', proceedingId: id })]),
    );

    const timeline = await fx.http().get(`/proceedings/${id}/timeline`).set('Authorization', OFFICER).expect(200);
    expect(timeline.body.items.map((item: { action: string }) => item.action)).toEqual([
      'proceeding.opened-from-failed-reactivation',
      'proceeding.proposal-edited',
      'proceeding.proposed',
      'proceeding.approved',
      'proceeding.notice-recorded',
      'proceeding.objection-window-closed',
      'proceeding.decree-recorded',
      'proceeding.creditor-notice-recorded',
      'proceeding.settlement-reported',
      'proceeding.gazette-published',
    ]);
    expect(timeline.body.items[3]).toMatchObject({ actorId: 'supervisor-1', fromStep: 'PROPOSED', toStep: 'APPROVED' });
    expect(timeline.body.items[5]).toMatchObject({ actorId: 'system', toStep: 'READY_FOR_DECREE' });

    // Closed: the cooperative may get a new proceeding (the partial unique index only covers open ones).
    await fx.deliver('mentoring.reactivation-failed.v1', reactivationFailed(cooperativeId));
    const [{ count }] = await fx.dataSource.query(
      'SELECT count(*)::int AS count FROM proceedings WHERE cooperative_id = $1',
      [cooperativeId],
    );
    expect(count).toBe(2);
  });

  it('ends the proceeding when an objection is upheld and tells the registry', async () => {
    const id = await approvedProceeding(fx);
    const post = (path: string, auth: string, body: object) =>
      fx.http().post(`/proceedings/${id}/${path}`).set('Authorization', auth).send(body);
    await post('notice', OFFICER, {
      method: 'POSTED_AT_OFFICE',
      sentOn: officeDay(-10),
      receivedOn: officeDay(-9),
    }).expect(200);
    const [pending] = await fx.dataSource.query(`SELECT state FROM deadlines WHERE subject_id = $1`, [id]);
    expect(pending.state).toBe('PENDING');

    const objection = await post('objection', OFFICER, {
      receivedOn: officeDay(-2),
      filedBy: 'Members (12 signatures)',
      grounds: 'A new board was elected; RAT planned',
      documents: [{ ref: 'OBJ-1', title: 'Letter' }],
    }).expect(200);
    expect(objection.body).toMatchObject({
      step: 'OBJECTION_UNDER_REVIEW',
      nextDue: { action: 'DECIDE_OBJECTION', dueOn: addMonths(officeDay(-2), 1), overdue: false },
    });
    const [cancelled] = await fx.dataSource.query(`SELECT state FROM deadlines WHERE subject_id = $1`, [id]);
    expect(cancelled.state).toBe('CANCELLED');

    const decided = await post('objection/decision', SUPERVISOR_2, {
      outcome: 'UPHELD',
      reason: 'The members rebuilt the board',
    }).expect(200);
    expect(decided.body).toMatchObject({
      step: 'OBJECTION_UPHELD',
      closedReason: 'The members rebuilt the board',
      nextDue: null,
    });
    const upheld = await fx.outbox('dissolution.objection-upheld.v1');
    expect(upheld.map((row) => row.envelope.data)).toEqual([
      expect.objectContaining({ proceedingId: id, reason: 'The members rebuilt the board', decidedBy: 'supervisor-2' }),
    ]);
    await post('decree', SUPERVISOR_2, { number: 'SK-X', date: officeDay(0) }).expect(409);
  });

  it('moves to ready-for-decree by timer after a Redis flush lost the timer job', async () => {
    const id = await approvedProceeding(fx);
    await fx
      .http()
      .post(`/proceedings/${id}/notice`)
      .set('Authorization', OFFICER)
      .send({ method: 'REGISTERED_MAIL_MEMBERS', sentOn: officeDay(-1), receivedOn: officeDay(0) })
      .expect(200);
    expect(await flushPrefix(fx.prefix)).toBeGreaterThan(0);

    // Time passes: the notice was in fact received 70 days ago, so the window has closed.
    const received = officeDay(-70);
    await fx.dataSource.query(
      `UPDATE proceedings SET notice_received_on = $2::date, notice = jsonb_set(notice, '{receivedOn}', to_jsonb($3::text)) WHERE id = $1`,
      [id, received, received],
    );
    await fx.dataSource.query(
      `UPDATE deadlines SET due_at = now() - interval '1 minute' WHERE subject_id = $1 AND state = 'PENDING'`,
      [id],
    );
    expect(await stepOf(fx, id)).toBe('NOTICE_DELIVERED');

    await fx.app.get(TimerScheduler).sweep();
    await eventually(
      async () => (await stepOf(fx, id)) === 'READY_FOR_DECREE',
      'the re-armed timer to close the window',
    );
    const [deadline] = await fx.dataSource.query(`SELECT state FROM deadlines WHERE subject_id = $1`, [id]);
    expect(deadline.state).toBe('FIRED');
  });

  it('refuses the proposer (four-eyes) with 403 FOUR_EYES_VIOLATION on every decision', async () => {
    const asProposer = bearer(['supervisor'], 'supervisor-9');
    const cooperativeId = randomUUID();
    await fx.deliver('registry.cooperative-registered.v1', registered(cooperativeId));
    const created = await fx
      .http()
      .post('/proceedings')
      .set('Authorization', asProposer)
      .send({ cooperativeId, grounds: ['NON_COMPLIANT'] })
      .expect(201);
    const id = created.body.id;
    await fx
      .http()
      .patch(`/proceedings/${id}/proposal`)
      .set('Authorization', asProposer)
      .send({ fieldCheck: FIELD_CHECK, debtCheck: DEBT_CHECK })
      .expect(200);
    await fx.http().post(`/proceedings/${id}/propose`).set('Authorization', asProposer).send({}).expect(200);

    const before = await fx.snapshot();
    for (const [path, body] of [
      ['approve', {}],
      ['reject', { reason: 'Not convinced' }],
    ] as const) {
      const refused = await fx
        .http()
        .post(`/proceedings/${id}/${path}`)
        .set('Authorization', asProposer)
        .send(body)
        .expect(403);
      expect(refused.body.error.code).toBe('FOUR_EYES_VIOLATION');
    }
    const byOfficer = await fx
      .http()
      .post(`/proceedings/${id}/approve`)
      .set('Authorization', OFFICER)
      .send({})
      .expect(403);
    expect(byOfficer.body.error.code).toBe('FORBIDDEN_ROLE');
    expect(await fx.snapshot()).toEqual(before);

    await fx.http().post(`/proceedings/${id}/approve`).set('Authorization', SUPERVISOR).send({}).expect(200);
    await fx
      .http()
      .post(`/proceedings/${id}/notice`)
      .set('Authorization', asProposer)
      .send({ method: 'REGISTERED_MAIL_BOARD', sentOn: officeDay(-5), receivedOn: officeDay(-4) })
      .expect(200);
    await fx
      .http()
      .post(`/proceedings/${id}/objection`)
      .set('Authorization', OFFICER)
      .send({ receivedOn: officeDay(-1), filedBy: 'Board', grounds: 'We are active' })
      .expect(200);
    const decision = await fx
      .http()
      .post(`/proceedings/${id}/objection/decision`)
      .set('Authorization', asProposer)
      .send({ outcome: 'REJECTED', reason: 'No evidence' })
      .expect(403);
    expect(decision.body.error.code).toBe('FOUR_EYES_VIOLATION');
    await fx
      .http()
      .post(`/proceedings/${id}/objection/decision`)
      .set('Authorization', SUPERVISOR_2)
      .send({ outcome: 'REJECTED', reason: 'No evidence of activity' })
      .expect(200);
    const decree = await fx
      .http()
      .post(`/proceedings/${id}/decree`)
      .set('Authorization', asProposer)
      .send({ number: 'SK-1', date: officeDay(0) })
      .expect(403);
    expect(decree.body.error.code).toBe('FOUR_EYES_VIOLATION');
    expect(await stepOf(fx, id)).toBe('READY_FOR_DECREE');
  });

  it('lets exactly one of two supervisors approving at once succeed; the other gets 409 STALE_VERSION', async () => {
    for (let round = 0; round < 3; round++) {
      const id = await proposedProceeding(fx);
      const before = await fx.outbox('dissolution.proceeding-approved.v1');
      const { version } = (await fx.http().get(`/proceedings/${id}`).set('Authorization', SUPERVISOR).expect(200)).body;
      const answers = await Promise.all([
        fx.http().post(`/proceedings/${id}/approve`).set('Authorization', SUPERVISOR).send({ version }),
        fx.http().post(`/proceedings/${id}/approve`).set('Authorization', SUPERVISOR_2).send({ version }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      expect(answers.find((answer) => answer.status === 409)!.body.error.code).toBe('STALE_VERSION');
      const after = await fx.outbox('dissolution.proceeding-approved.v1');
      expect(after.length - before.length).toBe(1);
      const [row] = await fx.dataSource.query('SELECT step, version FROM proceedings WHERE id = $1', [id]);
      expect(row).toEqual({ step: 'APPROVED', version: version + 1 });
    }
  });

  it('refuses a write based on a stale read through the conditional UPDATE on version', async () => {
    const id = await proposedProceeding(fx);
    const store = fx.app.get(ProceedingStore);
    const uow = fx.app.get(UnitOfWork);
    const stale = await uow.run((tx) => store.load(tx, id));
    await fx.http().post(`/proceedings/${id}/approve`).set('Authorization', SUPERVISOR).send({}).expect(200);
    const before = await fx.snapshot();
    await expect(
      uow.run((tx) =>
        store.apply(tx, stale, 'REJECT', { closedReason: 'late reader' }, { action: 'proceeding.rejected' }),
      ),
    ).rejects.toMatchObject({ code: 'STALE_VERSION', status: 409 });
    expect(await fx.snapshot()).toEqual(before);
  });

  it('answers a retried request with the same Idempotency-Key with the first answer and changes nothing', async () => {
    const id = await proposedProceeding(fx);
    const key = `approve-${randomUUID()}`;
    const first = await fx
      .http()
      .post(`/proceedings/${id}/approve`)
      .set('Authorization', SUPERVISOR)
      .set('Idempotency-Key', key)
      .send({})
      .expect(200);
    const afterFirst = await fx.snapshot();
    const retry = await fx
      .http()
      .post(`/proceedings/${id}/approve`)
      .set('Authorization', SUPERVISOR)
      .set('Idempotency-Key', key)
      .send({})
      .expect(200);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await fx.snapshot()).toEqual(afterFirst);

    // Without the key, the same request is a new one and the state machine refuses it.
    const again = await fx
      .http()
      .post(`/proceedings/${id}/approve`)
      .set('Authorization', SUPERVISOR)
      .send({})
      .expect(409);
    expect(again.body.error).toMatchObject({ code: 'STEP_NOT_ALLOWED', details: { currentStep: 'APPROVED' } });
    // The key is the user's: another supervisor's identical key is a different request.
    const other = await fx
      .http()
      .post(`/proceedings/${id}/approve`)
      .set('Authorization', SUPERVISOR_2)
      .set('Idempotency-Key', key)
      .send({})
      .expect(409);
    expect(other.body.error.code).toBe('STEP_NOT_ALLOWED');
    // The same key on another route is refused.
    const reused = await fx
      .http()
      .post(`/proceedings/${id}/withdraw`)
      .set('Authorization', SUPERVISOR)
      .set('Idempotency-Key', key)
      .send({ reason: 'Changed our mind' })
      .expect(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stepOf(fx, id)).toBe('APPROVED');
  });

  it('answers two simultaneous requests with the same key once: the second waits and gets the first answer', async () => {
    const id = await proposedProceeding(fx);
    const key = `approve-${randomUUID()}`;
    const send = () =>
      fx
        .http()
        .post(`/proceedings/${id}/approve`)
        .set('Authorization', SUPERVISOR)
        .set('Idempotency-Key', key)
        .send({});
    const answers = await Promise.all([send(), send()]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(answers[0].body).toEqual(answers[1].body);
    expect(answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true')).toHaveLength(1);
    const events = (await fx.outbox('dissolution.proceeding-approved.v1')).filter(
      (row) => (row.envelope.data as { proceedingId: string }).proceedingId === id,
    );
    expect(events).toHaveLength(1);
  });
});
