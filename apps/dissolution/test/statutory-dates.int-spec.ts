import { eventually } from '@koperasi/testing';
import { addMonths, firstDayAfter } from '../src/proceedings/deadlines';
import {
  approvedProceeding,
  decreed,
  type DissolutionFixture,
  OFFICER,
  officeDay,
  proposedProceeding,
  readyForDecree,
  startDissolution,
  stepOf,
  SUPERVISOR,
  SUPERVISOR_2,
} from './dissolution-fixture';

/** The "Why" cases of issue 13 about statutory dates, each with the corrected behaviour. */
describe('statutory dates (UU 25/1992 Pasal 47-50)', () => {
  let fx: DissolutionFixture;

  beforeAll(async () => {
    fx = await startDissolution();
  });

  afterAll(() => fx.close());

  const post = (id: string, path: string, auth: string, body: object) =>
    fx.http().post(`/proceedings/${id}/${path}`).set('Authorization', auth).send(body);
  /** A notice received long ago: its window timer fires at once; wait for it so nothing races it. */
  const windowClosed = (id: string) =>
    eventually(async () => (await stepOf(fx, id)) === 'READY_FOR_DECREE', 'the objection window timer');
  const timeline = async (id: string) =>
    (await fx.http().get(`/proceedings/${id}/timeline`).set('Authorization', SUPERVISOR).expect(200)).body.items as {
      action: string;
      fromStep: string | null;
      toStep: string | null;
      details: Record<string, unknown>;
    }[];

  it('refuses a notice dated before the approval, and an approval dated before its evidence or in the future', async () => {
    const proposed = await proposedProceeding(fx);
    const before = await fx.snapshot();
    const early = await post(proposed, 'approve', SUPERVISOR, { approvedOn: officeDay(-401) }).expect(422);
    expect(early.body.error.code).toBe('BEFORE_EVIDENCE');
    const future = await post(proposed, 'approve', SUPERVISOR, { approvedOn: officeDay(1) }).expect(422);
    expect(future.body.error.code).toBe('DATE_IN_FUTURE');
    expect(await fx.snapshot()).toEqual(before);

    const id = await approvedProceeding(fx, undefined, officeDay(-30));
    const notice = await post(id, 'notice', OFFICER, {
      method: 'REGISTERED_MAIL_BOARD',
      sentOn: officeDay(-200),
      receivedOn: officeDay(-190),
    }).expect(422);
    expect(notice.body.error).toMatchObject({
      code: 'BEFORE_APPROVAL',
      details: { approvedOn: officeDay(-30), sentOn: officeDay(-200) },
    });
    const tomorrow = await post(id, 'notice', OFFICER, {
      method: 'REGISTERED_MAIL_BOARD',
      sentOn: officeDay(-1),
      receivedOn: officeDay(1),
    }).expect(422);
    expect(tomorrow.body.error.code).toBe('DATE_IN_FUTURE');
    expect(await stepOf(fx, id)).toBe('APPROVED');
    // Nothing was scheduled: the window cannot close seconds later on a backdated notice.
    const [{ count }] = await fx.dataSource.query(
      `SELECT count(*)::int AS count FROM deadlines WHERE subject_id = $1`,
      [id],
    );
    expect(count).toBe(0);
  });

  it('accepts an objection received inside the window but recorded after the timer fired: back under review, history shows both', async () => {
    const id = await readyForDecree(fx);
    // The notice was received 300 days ago: the window's last day was addMonths(-300, 2).
    const lastDay = addMonths(officeDay(-300), 2);
    const objection = await post(id, 'objection', OFFICER, {
      receivedOn: lastDay,
      filedBy: 'The board',
      grounds: 'The letter was answered on time; the office typed it in late',
    }).expect(200);
    expect(objection.body.step).toBe('OBJECTION_UNDER_REVIEW');
    expect(objection.body.objections).toEqual([
      expect.objectContaining({ receivedOn: lastDay, afterWindowClosed: true, decision: null }),
    ]);
    expect(objection.body.nextDue).toMatchObject({ action: 'DECIDE_OBJECTION', dueOn: addMonths(lastDay, 1) });

    const items = await timeline(id);
    const closed = items.findIndex((item) => item.action === 'proceeding.objection-window-closed');
    const recorded = items.findIndex((item) => item.action === 'proceeding.objection-recorded');
    expect(closed).toBeGreaterThan(-1);
    expect(recorded).toBeGreaterThan(closed);
    expect(items[closed]).toMatchObject({ fromStep: 'NOTICE_DELIVERED', toStep: 'READY_FOR_DECREE' });
    expect(items[recorded]).toMatchObject({
      fromStep: 'READY_FOR_DECREE',
      toStep: 'OBJECTION_UNDER_REVIEW',
      details: expect.objectContaining({ reopensReview: true }),
    });

    // The day after the window's last day is outside it, whenever it is recorded.
    const late = await post(id, 'objection', OFFICER, {
      receivedOn: firstDayAfter(lastDay),
      filedBy: 'Members',
      grounds: 'We object too',
    }).expect(422);
    expect(late.body.error).toMatchObject({ code: 'OBJECTION_LATE', details: { objectionDueOn: lastDay } });
  });

  it('refuses an objection once the decree is recorded, even one received inside the window', async () => {
    const id = await decreed(fx);
    const refused = await post(id, 'objection', OFFICER, {
      receivedOn: officeDay(-290),
      filedBy: 'The board',
      grounds: 'Late paperwork',
    }).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'STEP_NOT_ALLOWED', details: { currentStep: 'DECREED' } });
  });

  it('accepts a decision after its one-month limit but marks it late on the proceeding, its timeline and the pipeline', async () => {
    const id = await approvedProceeding(fx, undefined, officeDay(-120));
    await post(id, 'notice', OFFICER, {
      method: 'REGISTERED_MAIL_BOARD',
      sentOn: officeDay(-105),
      receivedOn: officeDay(-100),
    }).expect(200);
    await windowClosed(id);
    await post(id, 'objection', OFFICER, {
      receivedOn: officeDay(-90),
      filedBy: 'Board',
      grounds: 'We are active',
    }).expect(200);
    const dueOn = addMonths(officeDay(-90), 1);
    // Its last day has passed: the timer tells the supervisors the decision is overdue.
    await eventually(async () => {
      const [row] = await fx.dataSource.query(
        `SELECT params FROM notifications WHERE proceeding_id = $1 AND kind = 'OBJECTION_DECISION_OVERDUE'`,
        [id],
      );
      return row?.params.dueOn === dueOn;
    }, 'the objection decision overdue notification');
    const pipelineBefore = await fx.http().get('/proceedings/pipeline').set('Authorization', SUPERVISOR).expect(200);
    const lateBefore = pipelineBefore.body.steps.find((row: { step: string }) => row.step === 'READY_FOR_DECREE').late;

    const decided = await post(id, 'objection/decision', SUPERVISOR_2, {
      outcome: 'REJECTED',
      reason: 'No evidence of activity',
      decidedOn: officeDay(-2),
    }).expect(200);
    expect(decided.body.step).toBe('READY_FOR_DECREE');
    expect(decided.body.objectionDecision).toMatchObject({ decidedOn: officeDay(-2), dueOn, late: true });
    expect(decided.body.lateActs).toEqual([
      { act: 'OBJECTION_DECISION', dueOn, doneOn: officeDay(-2), recordedBy: 'supervisor-2' },
    ]);
    const entry = (await timeline(id)).find((item) => item.action === 'proceeding.objection-dismissed');
    expect(entry?.details).toMatchObject({ late: true });
    const pipeline = await fx.http().get('/proceedings/pipeline').set('Authorization', SUPERVISOR).expect(200);
    expect(pipeline.body.steps.find((row: { step: string }) => row.step === 'READY_FOR_DECREE').late).toBe(
      lateBefore + 1,
    );
    const listed = await fx
      .http()
      .get('/proceedings')
      .query({ step: 'READY_FOR_DECREE', limit: 200 })
      .set('Authorization', SUPERVISOR)
      .expect(200);
    expect(listed.body.items.find((item: { id: string }) => item.id === id).lateActs).toHaveLength(1);
  });

  it('a decision on its last day is in time', async () => {
    const id = await approvedProceeding(fx, undefined, officeDay(-120));
    await post(id, 'notice', OFFICER, {
      method: 'POSTED_AT_OFFICE',
      sentOn: officeDay(-55),
      receivedOn: officeDay(-50),
    }).expect(200);
    const received = officeDay(-40);
    await post(id, 'objection', OFFICER, { receivedOn: received, filedBy: 'Board', grounds: 'We object' }).expect(200);
    const decided = await post(id, 'objection/decision', SUPERVISOR_2, {
      outcome: 'REJECTED',
      reason: 'Unfounded',
      decidedOn: addMonths(received, 1),
    }).expect(200);
    expect(decided.body.objectionDecision.late).toBe(false);
    expect(decided.body.lateActs).toEqual([]);
  });

  it('refuses a decree while the window is still open after an early dismissal; a second objection in the window reopens review', async () => {
    const id = await approvedProceeding(fx, undefined, officeDay(-20));
    await post(id, 'notice', OFFICER, {
      method: 'REGISTERED_MAIL_BOARD',
      sentOn: officeDay(-12),
      receivedOn: officeDay(-10),
    }).expect(200);
    await post(id, 'objection', OFFICER, { receivedOn: officeDay(-5), filedBy: 'Board', grounds: 'First' }).expect(200);
    const dismissed = await post(id, 'objection/decision', SUPERVISOR_2, {
      outcome: 'REJECTED',
      reason: 'Unfounded',
    }).expect(200);
    expect(dismissed.body.step).toBe('READY_FOR_DECREE');

    const decree = await post(id, 'decree', SUPERVISOR_2, { number: 'SK-EARLY', date: officeDay(0) }).expect(422);
    expect(decree.body.error).toMatchObject({
      code: 'DECREE_TOO_EARLY',
      details: { earliest: firstDayAfter(addMonths(officeDay(-10), 2)) },
    });

    const second = await post(id, 'objection', OFFICER, {
      receivedOn: officeDay(-1),
      filedBy: 'Members',
      grounds: 'Second objection',
    }).expect(200);
    expect(second.body.step).toBe('OBJECTION_UNDER_REVIEW');
    expect(second.body.objections.map((item: { decision: unknown }) => item.decision === null)).toEqual([false, true]);
    const refusedDecree = await post(id, 'decree', SUPERVISOR_2, { number: 'SK-2', date: officeDay(0) }).expect(409);
    expect(refusedDecree.body.error.code).toBe('STEP_NOT_ALLOWED');
  });

  it('refuses a decree dated before the decision on an objection', async () => {
    const id = await approvedProceeding(fx, undefined, officeDay(-200));
    await post(id, 'notice', OFFICER, {
      method: 'REGISTERED_MAIL_BOARD',
      sentOn: officeDay(-100),
      receivedOn: officeDay(-95),
    }).expect(200);
    await windowClosed(id);
    await post(id, 'objection', OFFICER, {
      receivedOn: officeDay(-80),
      filedBy: 'Board',
      grounds: 'We object',
    }).expect(200);
    await post(id, 'objection/decision', SUPERVISOR_2, {
      outcome: 'REJECTED',
      reason: 'Unfounded',
      decidedOn: officeDay(-3),
    }).expect(200);
    const refused = await post(id, 'decree', SUPERVISOR_2, { number: 'SK-3', date: officeDay(-4) }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'DECREE_TOO_EARLY', details: { earliest: officeDay(-3) } });
    await post(id, 'decree', SUPERVISOR_2, { number: 'SK-3', date: officeDay(-3) }).expect(200);
  });

  it('refuses a decree dated before the approval of the proceeding, changing nothing', async () => {
    const id = await readyForDecree(fx);
    const before = await fx.snapshot();
    const refused = await post(id, 'decree', SUPERVISOR_2, { number: 'SK-BACKDATED', date: officeDay(-315) }).expect(
      422,
    );
    expect(refused.body.error).toMatchObject({ code: 'DECREE_TOO_EARLY', details: { date: officeDay(-315) } });
    expect(refused.body.error.details.earliest > officeDay(-310)).toBe(true);
    expect(await fx.snapshot()).toEqual(before);
    expect(await stepOf(fx, id)).toBe('READY_FOR_DECREE');
  });

  it('dates the settlement report only after the last day of the claim period; a correction of the creditor notice is explicit and audited', async () => {
    const id = await decreed(fx);
    const noticeOn = officeDay(-190);
    await post(id, 'creditor-notice', OFFICER, {
      noticeOn,
      liquidators: ['Tim Penyelesai A'],
      liquidatorAppointedOn: noticeOn,
    }).expect(200);
    const lastDay = addMonths(noticeOn, 3);
    const onLastDay = await post(id, 'settlement-report', OFFICER, { reportedOn: lastDay, summary: 'Done' }).expect(
      422,
    );
    expect(onLastDay.body.error).toMatchObject({
      code: 'CLAIMS_PERIOD_OPEN',
      details: { creditorClaimsDueOn: lastDay, earliest: firstDayAfter(lastDay) },
    });

    const second = await post(id, 'creditor-notice', OFFICER, {
      noticeOn: officeDay(-150),
      liquidators: ['Tim Penyelesai B'],
      liquidatorAppointedOn: officeDay(-150),
    }).expect(409);
    expect(second.body.error.code).toBe('CREDITOR_NOTICE_ALREADY_RECORDED');

    const corrected = await post(id, 'creditor-notice/correction', OFFICER, {
      noticeOn: officeDay(-150),
      liquidators: ['Tim Penyelesai B'],
      liquidatorAppointedOn: officeDay(-150),
      reason: 'The notice was published in the newspaper on a later date',
    }).expect(200);
    const newLastDay = addMonths(officeDay(-150), 3);
    expect(corrected.body.deadlines).toContainEqual({ kind: 'CREDITOR_CLAIMS_CLOSE', dueOn: newLastDay });
    expect(corrected.body.liquidation.corrections).toEqual([
      expect.objectContaining({
        correctedBy: 'officer-1',
        reason: 'The notice was published in the newspaper on a later date',
        previous: { creditorNoticeOn: noticeOn, liquidators: ['Tim Penyelesai A'], liquidatorAppointedOn: noticeOn },
      }),
    ]);
    const audit = (await timeline(id)).find((item) => item.action === 'proceeding.creditor-notice-corrected');
    expect(audit?.details).toMatchObject({ previous: { creditorNoticeOn: noticeOn } });

    await post(id, 'settlement-report', OFFICER, { reportedOn: newLastDay, summary: 'Done' }).expect(422);
    const reported = await post(id, 'settlement-report', OFFICER, {
      reportedOn: firstDayAfter(newLastDay),
      summary: 'All claims settled',
    }).expect(200);
    expect(reported.body.step).toBe('LIQUIDATION_FINISHED');
    const gazette = await post(id, 'gazette', OFFICER, { publishedOn: newLastDay }).expect(422);
    expect(gazette.body.error.code).toBe('BEFORE_SETTLEMENT');
  });

  it('schedules the objection window to close at the end of its last day in the office time zone', async () => {
    const id = await approvedProceeding(fx, undefined, officeDay(-100));
    await post(id, 'notice', OFFICER, {
      method: 'REGISTERED_MAIL_BOARD',
      sentOn: officeDay(-61),
      receivedOn: officeDay(-60),
    }).expect(200);
    const [deadline] = await fx.dataSource.query(`SELECT due_at FROM deadlines WHERE subject_id = $1`, [id]);
    const windowEnds = addMonths(officeDay(-60), 2);
    // Midnight at the end of the last day, Jakarta time (UTC+7).
    const [year, month, day] = firstDayAfter(windowEnds).split('-').map(Number);
    expect(new Date(deadline.due_at).toISOString()).toBe(
      new Date(Date.UTC(year, month - 1, day) - 7 * 3_600_000).toISOString(),
    );
  });
});
