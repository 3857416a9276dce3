import { randomUUID } from 'node:crypto';
import {
  approvedProceeding,
  decreed,
  DEBT_CHECK,
  FIELD_CHECK,
  MANAGER,
  officeDay,
  OFFICER,
  proposedProceeding,
  readyForDecree,
  registered,
  REGISTRAR,
  startDissolution,
  SUPERVISOR,
  SUPERVISOR_2,
  type DissolutionFixture,
} from './dissolution-fixture';

interface BadCase {
  name: string;
  method: 'post' | 'patch' | 'get';
  path: () => string;
  auth: string;
  body?: object;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  status: number;
  code: string;
}

/** Every endpoint's bad inputs answer 4xx with a code and leave the database as it was. */
describe('dissolution endpoints refuse bad input and change nothing', () => {
  let fx: DissolutionFixture;
  const ids: Record<string, string> = {};
  const missing = randomUUID();
  const dissolvedCooperative = randomUUID();
  const openCooperative = randomUUID();
  const debtCooperative = randomUUID();

  beforeAll(async () => {
    fx = await startDissolution();
    await fx.deliver('registry.cooperative-registered.v1', registered(dissolvedCooperative, { status: 'DISSOLVED' }));
    await fx.deliver('registry.cooperative-registered.v1', registered(openCooperative));
    await fx.deliver('registry.cooperative-registered.v1', registered(debtCooperative));
    ids.draft = (
      await fx
        .http()
        .post('/proceedings')
        .set('Authorization', OFFICER)
        .send({ cooperativeId: openCooperative })
        .expect(201)
    ).body.id;
    ids.debts = (
      await fx
        .http()
        .post('/proceedings')
        .set('Authorization', OFFICER)
        .send({ cooperativeId: debtCooperative, grounds: ['NON_COMPLIANT'] })
        .expect(201)
    ).body.id;
    await fx
      .http()
      .patch(`/proceedings/${ids.debts}/proposal`)
      .set('Authorization', OFFICER)
      .send({ fieldCheck: FIELD_CHECK, debtCheck: { ...DEBT_CHECK, hasOutstandingDebts: true } })
      .expect(200);
    ids.proposed = await proposedProceeding(fx);
    ids.approved = await approvedProceeding(fx);
    ids.notice = await approvedProceeding(fx);
    await fx
      .http()
      .post(`/proceedings/${ids.notice}/notice`)
      .set('Authorization', OFFICER)
      .send({ method: 'POSTED_AT_OFFICE', sentOn: officeDay(-80), receivedOn: officeDay(-20) })
      .expect(200);
    ids.objected = await approvedProceeding(fx);
    await fx
      .http()
      .post(`/proceedings/${ids.objected}/notice`)
      .set('Authorization', OFFICER)
      .send({ method: 'REGISTERED_MAIL_BOARD', sentOn: officeDay(-21), receivedOn: officeDay(-20) })
      .expect(200);
    await fx
      .http()
      .post(`/proceedings/${ids.objected}/objection`)
      .set('Authorization', OFFICER)
      .send({ receivedOn: officeDay(-5), filedBy: 'Board', grounds: 'We still trade' })
      .expect(200);
    ids.lateNotice = await approvedProceeding(fx);
    await fx
      .http()
      .post(`/proceedings/${ids.lateNotice}/notice`)
      .set('Authorization', OFFICER)
      .send({ method: 'POSTED_AT_OFFICE', sentOn: officeDay(-3), receivedOn: officeDay(-2) })
      .expect(200);
    // The notice was in fact received 100 days ago; its timer (still in the future) has not closed the window yet.
    await fx.dataSource.query(`UPDATE proceedings SET notice_received_on = $2::date WHERE id = $1`, [
      ids.lateNotice,
      officeDay(-100),
    ]);
    ids.ready = await readyForDecree(fx);
    ids.decreed = await decreed(fx);
    await fx
      .http()
      .post(`/proceedings/${ids.decreed}/creditor-notice`)
      .set('Authorization', OFFICER)
      .send({ noticeOn: officeDay(-10), liquidators: ['Budi'], liquidatorAppointedOn: officeDay(-10) })
      .expect(200);
    ids.liquidated = await decreed(fx);
    await fx
      .http()
      .post(`/proceedings/${ids.liquidated}/creditor-notice`)
      .set('Authorization', OFFICER)
      .send({ noticeOn: officeDay(-195), liquidators: ['Sari'], liquidatorAppointedOn: officeDay(-195) })
      .expect(200);
    await fx
      .http()
      .post(`/proceedings/${ids.liquidated}/settlement-report`)
      .set('Authorization', OFFICER)
      .send({ reportedOn: officeDay(-90), summary: 'Done' })
      .expect(200);
  });

  afterAll(async () => {
    await fx.close();
  });

  const p =
    (key: string, suffix = '') =>
    () =>
      `/proceedings/${ids[key]}${suffix}`;
  const cases: BadCase[] = [
    {
      name: 'open: no cooperative id',
      method: 'post',
      path: () => '/proceedings',
      auth: OFFICER,
      body: {},
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'open: unknown ground',
      method: 'post',
      path: () => '/proceedings',
      auth: OFFICER,
      body: { cooperativeId: openCooperative, grounds: ['LAZY'] },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'open: a NUL character in the cooperative id',
      method: 'post',
      path: () => '/proceedings',
      auth: OFFICER,
      body: { cooperativeId: `${openCooperative}\u0000` },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'open: unknown field',
      method: 'post',
      path: () => '/proceedings',
      auth: OFFICER,
      body: { cooperativeId: openCooperative, step: 'DECREED' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'open: unknown cooperative',
      method: 'post',
      path: () => '/proceedings',
      auth: OFFICER,
      body: { cooperativeId: missing },
      status: 404,
      code: 'COOPERATIVE_NOT_FOUND',
    },
    {
      name: 'open: dissolved cooperative',
      method: 'post',
      path: () => '/proceedings',
      auth: OFFICER,
      body: { cooperativeId: dissolvedCooperative },
      status: 422,
      code: 'COOPERATIVE_NOT_ELIGIBLE',
    },
    {
      name: 'open: one already open',
      method: 'post',
      path: () => '/proceedings',
      auth: OFFICER,
      body: { cooperativeId: openCooperative },
      status: 409,
      code: 'PROCEEDING_ALREADY_OPEN',
    },
    {
      name: 'open: manager may not',
      method: 'post',
      path: () => '/proceedings',
      auth: MANAGER,
      body: { cooperativeId: openCooperative },
      status: 403,
      code: 'FORBIDDEN_ROLE',
    },
    {
      name: 'open: bad idempotency key',
      method: 'post',
      path: () => '/proceedings',
      auth: OFFICER,
      body: { cooperativeId: openCooperative },
      headers: { 'Idempotency-Key': 'has spaces and {braces}' },
      status: 400,
      code: 'INVALID_IDEMPOTENCY_KEY',
    },
    {
      name: 'proposal: impossible date',
      method: 'patch',
      path: p('draft', '/proposal'),
      auth: OFFICER,
      body: { fieldCheck: { ...FIELD_CHECK, checkedOn: '2025-02-29' } },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'proposal: field check in the future',
      method: 'patch',
      path: p('draft', '/proposal'),
      auth: OFFICER,
      body: { fieldCheck: { ...FIELD_CHECK, checkedOn: officeDay(3) } },
      status: 422,
      code: 'DATE_IN_FUTURE',
    },
    {
      name: 'proposal: stale version',
      method: 'patch',
      path: p('draft', '/proposal'),
      auth: OFFICER,
      body: { version: 99, grounds: ['BANKRUPT'] },
      status: 409,
      code: 'STALE_VERSION',
    },
    {
      name: 'proposal: not a draft any more',
      method: 'patch',
      path: p('proposed', '/proposal'),
      auth: OFFICER,
      body: { grounds: ['BANKRUPT'] },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'proposal: unknown proceeding',
      method: 'patch',
      path: () => `/proceedings/${missing}/proposal`,
      auth: OFFICER,
      body: { grounds: ['BANKRUPT'] },
      status: 404,
      code: 'PROCEEDING_NOT_FOUND',
    },
    {
      name: 'proposal: malformed id',
      method: 'patch',
      path: () => '/proceedings/not-a-uuid/proposal',
      auth: OFFICER,
      body: { grounds: ['BANKRUPT'] },
      status: 400,
      code: 'INVALID_IDENTIFIER',
    },
    {
      name: 'detail: malformed id',
      method: 'get',
      path: () => '/proceedings/42',
      auth: MANAGER,
      status: 400,
      code: 'INVALID_IDENTIFIER',
    },
    {
      name: 'propose: no grounds',
      method: 'post',
      path: p('draft', '/propose'),
      auth: OFFICER,
      body: {},
      status: 422,
      code: 'GROUNDS_REQUIRED',
    },
    {
      name: 'propose: outstanding debts',
      method: 'post',
      path: p('debts', '/propose'),
      auth: OFFICER,
      body: {},
      status: 422,
      code: 'OUTSTANDING_DEBTS',
    },
    {
      name: 'propose: version not a number',
      method: 'post',
      path: p('draft', '/propose'),
      auth: OFFICER,
      body: { version: 'one' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'approve: a draft',
      method: 'post',
      path: p('draft', '/approve'),
      auth: SUPERVISOR,
      body: {},
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'approve: officer',
      method: 'post',
      path: p('proposed', '/approve'),
      auth: OFFICER,
      body: {},
      status: 403,
      code: 'FORBIDDEN_ROLE',
    },
    {
      name: 'approve: stale version',
      method: 'post',
      path: p('proposed', '/approve'),
      auth: SUPERVISOR,
      body: { version: 1 },
      status: 409,
      code: 'STALE_VERSION',
    },
    {
      name: 'reject: no reason',
      method: 'post',
      path: p('proposed', '/reject'),
      auth: SUPERVISOR,
      body: {},
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'reject: after approval',
      method: 'post',
      path: p('approved', '/reject'),
      auth: SUPERVISOR_2,
      body: { reason: 'Too late for that' },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'withdraw: officer after approval',
      method: 'post',
      path: p('approved', '/withdraw'),
      auth: OFFICER,
      body: { reason: 'Board came back' },
      status: 403,
      code: 'SUPERVISOR_REQUIRED',
    },
    {
      name: 'withdraw: after the decree',
      method: 'post',
      path: p('decreed', '/withdraw'),
      auth: SUPERVISOR,
      body: { reason: 'Board came back' },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'withdraw: reason too short',
      method: 'post',
      path: p('draft', '/withdraw'),
      auth: OFFICER,
      body: { reason: 'x' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'notice: unknown method',
      method: 'post',
      path: p('approved', '/notice'),
      auth: OFFICER,
      body: { method: 'EMAIL', sentOn: officeDay(-2), receivedOn: officeDay(-1) },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'notice: received before sent',
      method: 'post',
      path: p('approved', '/notice'),
      auth: OFFICER,
      body: { method: 'REGISTERED_MAIL_BOARD', sentOn: officeDay(-2), receivedOn: officeDay(-3) },
      status: 422,
      code: 'RECEIVED_BEFORE_SENT',
    },
    {
      name: 'notice: received in the future',
      method: 'post',
      path: p('approved', '/notice'),
      auth: OFFICER,
      body: { method: 'REGISTERED_MAIL_BOARD', sentOn: officeDay(-2), receivedOn: officeDay(2) },
      status: 422,
      code: 'DATE_IN_FUTURE',
    },
    {
      name: 'notice: before approval',
      method: 'post',
      path: p('proposed', '/notice'),
      auth: OFFICER,
      body: { method: 'REGISTERED_MAIL_BOARD', sentOn: officeDay(-2), receivedOn: officeDay(-1) },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'objection: received in the future',
      method: 'post',
      path: p('notice', '/objection'),
      auth: OFFICER,
      body: { receivedOn: officeDay(1), filedBy: 'Board', grounds: 'We object' },
      status: 422,
      code: 'DATE_IN_FUTURE',
    },
    {
      name: 'objection: after the window (timer not yet fired)',
      method: 'post',
      path: p('lateNotice', '/objection'),
      auth: OFFICER,
      body: { receivedOn: officeDay(-1), filedBy: 'Board', grounds: 'We object' },
      status: 422,
      code: 'OBJECTION_LATE',
    },
    {
      name: 'objection: before the notice',
      method: 'post',
      path: p('notice', '/objection'),
      auth: OFFICER,
      body: { receivedOn: officeDay(-21), filedBy: 'Board', grounds: 'We object' },
      status: 422,
      code: 'OBJECTION_BEFORE_NOTICE',
    },
    {
      name: 'objection: no filer',
      method: 'post',
      path: p('notice', '/objection'),
      auth: OFFICER,
      body: { receivedOn: officeDay(-1), grounds: 'We object' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'objection: received after the last day of the window',
      method: 'post',
      path: p('ready', '/objection'),
      auth: OFFICER,
      body: { receivedOn: officeDay(-239), filedBy: 'Board', grounds: 'We object' },
      status: 422,
      code: 'OBJECTION_LATE',
    },
    {
      name: 'objection: after the decree',
      method: 'post',
      path: p('decreed', '/objection'),
      auth: OFFICER,
      body: { receivedOn: officeDay(-250), filedBy: 'Board', grounds: 'We object' },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'decision: unknown outcome',
      method: 'post',
      path: p('notice', '/objection/decision'),
      auth: SUPERVISOR_2,
      body: { outcome: 'MAYBE', reason: 'Unsure' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'decision: no objection to decide',
      method: 'post',
      path: p('notice', '/objection/decision'),
      auth: SUPERVISOR_2,
      body: { outcome: 'UPHELD', reason: 'Board rebuilt' },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'decision: before the objection arrived',
      method: 'post',
      path: p('objected', '/objection/decision'),
      auth: SUPERVISOR_2,
      body: { outcome: 'REJECTED', reason: 'No activity', decidedOn: officeDay(-6) },
      status: 422,
      code: 'DECISION_BEFORE_OBJECTION',
    },
    {
      name: 'decision: in the future',
      method: 'post',
      path: p('objected', '/objection/decision'),
      auth: SUPERVISOR_2,
      body: { outcome: 'REJECTED', reason: 'No activity', decidedOn: officeDay(1) },
      status: 422,
      code: 'DATE_IN_FUTURE',
    },
    {
      name: 'decision: no reason',
      method: 'post',
      path: p('objected', '/objection/decision'),
      auth: SUPERVISOR_2,
      body: { outcome: 'UPHELD' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'decree: while the objection is under review',
      method: 'post',
      path: p('objected', '/decree'),
      auth: SUPERVISOR_2,
      body: { number: 'SK-2', date: officeDay(0) },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'decree: after its 4-month limit',
      method: 'post',
      path: p('ready', '/decree'),
      auth: SUPERVISOR_2,
      body: { number: 'SK-LATE', date: officeDay(-1) },
      status: 422,
      code: 'DECREE_PAST_DEADLINE',
    },
    {
      name: 'decree: inside the objection window',
      method: 'post',
      path: p('ready', '/decree'),
      auth: SUPERVISOR_2,
      body: { number: 'SK-EARLY', date: officeDay(-290) },
      status: 422,
      code: 'DECREE_TOO_EARLY',
    },
    {
      name: 'decree: no number',
      method: 'post',
      path: p('ready', '/decree'),
      auth: SUPERVISOR_2,
      body: { date: officeDay(-200) },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'decree: before the window closed',
      method: 'post',
      path: p('notice', '/decree'),
      auth: SUPERVISOR_2,
      body: { number: 'SK-1', date: officeDay(-1) },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'decree: officer',
      method: 'post',
      path: p('ready', '/decree'),
      auth: OFFICER,
      body: { number: 'SK-1', date: officeDay(-200) },
      status: 403,
      code: 'FORBIDDEN_ROLE',
    },
    {
      name: 'creditor notice: no liquidator',
      method: 'post',
      path: p('decreed', '/creditor-notice'),
      auth: OFFICER,
      body: { noticeOn: officeDay(-5), liquidators: [], liquidatorAppointedOn: officeDay(-5) },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'creditor notice correction: before the decree',
      method: 'post',
      path: p('decreed', '/creditor-notice/correction'),
      auth: OFFICER,
      body: {
        noticeOn: officeDay(-201),
        liquidators: ['Budi'],
        liquidatorAppointedOn: officeDay(-5),
        reason: 'Wrong date typed',
      },
      status: 422,
      code: 'BEFORE_DECREE',
    },
    {
      name: 'creditor notice: a second one does not silently move the claim period',
      method: 'post',
      path: p('decreed', '/creditor-notice'),
      auth: OFFICER,
      body: { noticeOn: officeDay(-100), liquidators: ['Budi'], liquidatorAppointedOn: officeDay(-100) },
      status: 409,
      code: 'CREDITOR_NOTICE_ALREADY_RECORDED',
    },
    {
      name: 'creditor notice correction: no reason',
      method: 'post',
      path: p('decreed', '/creditor-notice/correction'),
      auth: OFFICER,
      body: { noticeOn: officeDay(-100), liquidators: ['Budi'], liquidatorAppointedOn: officeDay(-100) },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'creditor notice: before the decree step',
      method: 'post',
      path: p('ready', '/creditor-notice'),
      auth: OFFICER,
      body: { noticeOn: officeDay(-5), liquidators: ['Budi'], liquidatorAppointedOn: officeDay(-5) },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'settlement: claims period still open',
      method: 'post',
      path: p('decreed', '/settlement-report'),
      auth: OFFICER,
      body: { reportedOn: officeDay(0), summary: 'All settled' },
      status: 422,
      code: 'CLAIMS_PERIOD_OPEN',
    },
    {
      name: 'settlement: no summary',
      method: 'post',
      path: p('decreed', '/settlement-report'),
      auth: OFFICER,
      body: { reportedOn: officeDay(0) },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'gazette: before the settlement report',
      method: 'post',
      path: p('liquidated', '/gazette'),
      auth: OFFICER,
      body: { publishedOn: officeDay(-100) },
      status: 422,
      code: 'BEFORE_SETTLEMENT',
    },
    {
      name: 'gazette: liquidation not finished',
      method: 'post',
      path: p('decreed', '/gazette'),
      auth: OFFICER,
      body: { publishedOn: officeDay(-1) },
      status: 409,
      code: 'STEP_NOT_ALLOWED',
    },
    {
      name: 'gazette: in the future',
      method: 'post',
      path: p('liquidated', '/gazette'),
      auth: OFFICER,
      body: { publishedOn: officeDay(5) },
      status: 422,
      code: 'DATE_IN_FUTURE',
    },
    {
      name: 'review flag: nothing to clear',
      method: 'post',
      path: p('proposed', '/review-flag/clear'),
      auth: SUPERVISOR,
      body: { reason: 'Checked' },
      status: 409,
      code: 'NO_REVIEW_FLAG',
    },
    {
      name: 'review flag: officer',
      method: 'post',
      path: p('proposed', '/review-flag/clear'),
      auth: OFFICER,
      body: { reason: 'Checked' },
      status: 403,
      code: 'FORBIDDEN_ROLE',
    },
    {
      name: 'list: unknown step',
      method: 'get',
      path: () => '/proceedings',
      auth: MANAGER,
      query: { step: 'LIMBO' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'list: negative horizon',
      method: 'get',
      path: () => '/proceedings',
      auth: MANAGER,
      query: { dueWithinDays: '-1' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'pipeline: bad flag',
      method: 'get',
      path: () => '/proceedings/pipeline',
      auth: MANAGER,
      query: { flagged: 'perhaps' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'detail: unknown',
      method: 'get',
      path: () => `/proceedings/${missing}`,
      auth: MANAGER,
      status: 404,
      code: 'PROCEEDING_NOT_FOUND',
    },
    {
      name: 'timeline: unknown',
      method: 'get',
      path: () => `/proceedings/${missing}/timeline`,
      auth: MANAGER,
      status: 404,
      code: 'PROCEEDING_NOT_FOUND',
    },
    {
      name: 'notifications: page size zero',
      method: 'get',
      path: () => '/notifications',
      auth: SUPERVISOR,
      query: { limit: '0' },
      status: 400,
      code: 'VALIDATION_FAILED',
    },
    {
      name: 'notifications: registrar may not read',
      method: 'get',
      path: () => '/notifications',
      auth: REGISTRAR,
      status: 403,
      code: 'FORBIDDEN_ROLE',
    },
    {
      name: 'timeline: no token',
      method: 'get',
      path: p('draft', '/timeline'),
      auth: 'Bearer ',
      status: 401,
      code: 'UNAUTHENTICATED',
    },
    {
      name: 'timeline: registrar may not read',
      method: 'get',
      path: p('draft', '/timeline'),
      auth: REGISTRAR,
      status: 403,
      code: 'FORBIDDEN_ROLE',
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await fx.snapshot();
    let call = fx.http()[c.method](c.path()).set('Authorization', c.auth);
    for (const [header, value] of Object.entries(c.headers ?? {})) call = call.set(header, value);
    if (c.query) call = call.query(c.query);
    const answer = c.method === 'get' ? await call : await call.send(c.body ?? {});
    expect({ status: answer.status, code: answer.body.error?.code }).toEqual({ status: c.status, code: c.code });
    expect(await fx.snapshot()).toEqual(before);
  });

  it('names the current step when a step is not allowed', async () => {
    const answer = await fx
      .http()
      .post(`/proceedings/${ids.draft}/approve`)
      .set('Authorization', SUPERVISOR)
      .send({})
      .expect(409);
    expect(answer.body.error.details).toMatchObject({
      currentStep: 'DRAFT',
      action: 'APPROVE',
      allowed: expect.arrayContaining(['PROPOSE']),
    });
  });

  it('explains a late decree with its deadline', async () => {
    const answer = await fx
      .http()
      .post(`/proceedings/${ids.ready}/decree`)
      .set('Authorization', SUPERVISOR_2)
      .send({ number: 'SK-LATE', date: officeDay(-1) })
      .expect(422);
    expect(answer.body.error.message).toMatch(/no later than \d{4}-\d{2}-\d{2}, 4 months after the notice/);
    expect(answer.body.error.details).toMatchObject({ noticeReceivedOn: officeDay(-300), date: officeDay(-1) });
  });
});
