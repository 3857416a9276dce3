import { alsoCount, cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

alsoCount('rats');

const rat = (overrides: Record<string, unknown> = {}) => ({
  fiscalYear: 2023,
  meetingDate: '2024-03-20',
  reportedDate: '2024-04-02',
  membersPresent: 50,
  membersTotal: 75,
  accountabilityReportReceived: true,
  financialStatementsReceived: true,
  ownCapital: 250_000_000,
  surplus: -1_500_000.5,
  ...overrides,
});

describe('registry RATs', () => {
  let f: RegistryFixture;
  beforeAll(async () => {
    f = await startRegistry();
  });
  afterAll(() => f.close());

  const register = async (overrides: Record<string, unknown> = {}) =>
    (await f.as(['registrar']).post('/cooperatives').send(cooperativeBody(overrides)).expect(201)).body as {
      id: string;
    };

  it('records a RAT, flags a late one, keeps the latest RAT year and publishes rat-recorded', async () => {
    const coop = await register();
    const onTime = await f.as(['registrar']).post(`/cooperatives/${coop.id}/rats`).send(rat()).expect(201);
    expect(onTime.body).toMatchObject({
      fiscalYear: 2023,
      late: false,
      deadline: '2024-06-30',
      ownCapital: 250_000_000,
      surplus: -1_500_000.5,
      workPlanReceived: false,
    });
    const late = await f
      .as(['registrar'])
      .post(`/cooperatives/${coop.id}/rats`)
      .send(rat({ fiscalYear: 2022, meetingDate: '2023-08-01', reportedDate: '2023-08-05' }))
      .expect(201);
    expect(late.body.late).toBe(true);
    expect((await f.as(['manager']).get(`/cooperatives/${coop.id}`)).body).toMatchObject({
      lastRatYear: 2023,
      status: 'ACTIVE',
    });
    expect(
      (await f.as(['officer']).get(`/cooperatives/${coop.id}/rats`).expect(200)).body.map(
        (r: { fiscalYear: number }) => r.fiscalYear,
      ),
    ).toEqual([2023, 2022]);
    const events = (await f.published('registry.rat-recorded.v1')).filter((e) => e.data.cooperativeId === coop.id);
    expect(events.map((e) => e.data)).toEqual([
      {
        cooperativeId: coop.id,
        cooperativeVersion: 2,
        ratId: onTime.body.id,
        fiscalYear: 2023,
        meetingDate: '2024-03-20',
        reportedDate: '2024-04-02',
        late: false,
      },
      {
        cooperativeId: coop.id,
        cooperativeVersion: 3,
        ratId: late.body.id,
        fiscalYear: 2022,
        meetingDate: '2023-08-01',
        reportedDate: '2023-08-05',
        late: true,
      },
    ]);
    expect(
      (await f.published('registry.cooperative-status-changed.v1')).filter((e) => e.data.cooperativeId === coop.id),
    ).toHaveLength(0);
  });

  it('reactivates an INACTIVE cooperative that reports a RAT', async () => {
    const coop = await register({ initialStatus: 'INACTIVE' });
    await f.as(['registrar']).post(`/cooperatives/${coop.id}/rats`).send(rat()).expect(201);
    expect((await f.as(['manager']).get(`/cooperatives/${coop.id}`)).body.status).toBe('ACTIVE');
    const history = (await f.as(['manager']).get(`/cooperatives/${coop.id}/status-history`)).body;
    expect(history[1]).toMatchObject({
      from: 'INACTIVE',
      to: 'ACTIVE',
      reason: expect.stringContaining('RAT for fiscal year 2023'),
      triggeringEventId: null,
    });
    const changed = (await f.published('registry.cooperative-status-changed.v1')).filter(
      (e) => e.data.cooperativeId === coop.id,
    );
    expect(changed.map((e) => [e.data.from, e.data.to])).toEqual([['INACTIVE', 'ACTIVE']]);
  });

  it('refuses a RAT for a fiscal year before the legal-entity date (issue 13), changing nothing', async () => {
    const coop = await register({ legalEntityDate: '2015-08-17' });
    const before = await f.counts();
    const response = await f
      .as(['registrar'])
      .post(`/cooperatives/${coop.id}/rats`)
      .send(rat({ fiscalYear: 2014, meetingDate: '2015-03-01', reportedDate: '2015-03-05' }))
      .expect(422);
    expect(response.body.error).toMatchObject({
      code: 'FISCAL_YEAR_BEFORE_LEGAL_ENTITY',
      details: { fiscalYear: 2014, legalEntityDate: '2015-08-17' },
    });
    expect(await f.counts()).toEqual(before);
    await f
      .as(['registrar'])
      .post(`/cooperatives/${coop.id}/rats`)
      .send(rat({ fiscalYear: 2015, meetingDate: '2016-03-01', reportedDate: '2016-03-05' }))
      .expect(201);
  });

  it('records a RAT of an IN_DISSOLUTION cooperative without changing its status', async () => {
    const coop = await register({ initialStatus: 'INACTIVE' });
    await f.deliver('dissolution.proceeding-approved.v1', {
      cooperativeId: coop.id,
      proceedingId: 'p',
      grounds: ['NO_MEETING_3_YEARS'],
      approvedBy: 's',
      approvedAt: new Date().toISOString(),
      expectedStatus: 'INACTIVE',
    });
    await f.as(['registrar']).post(`/cooperatives/${coop.id}/rats`).send(rat()).expect(201);
    expect((await f.as(['manager']).get(`/cooperatives/${coop.id}`)).body.status).toBe('IN_DISSOLUTION');
    expect((await f.published('registry.rat-recorded.v1')).some((e) => e.data.cooperativeId === coop.id)).toBe(true);
  });

  it('refuses a RAT of a dissolved cooperative with 409 and the current status', async () => {
    const coop = await register({ initialStatus: 'INACTIVE' });
    await f.deliver('dissolution.proceeding-approved.v1', {
      cooperativeId: coop.id,
      proceedingId: 'p',
      grounds: ['NO_MEETING_3_YEARS'],
      approvedBy: 's',
      approvedAt: new Date().toISOString(),
      expectedStatus: 'INACTIVE',
    });
    await f.deliver('dissolution.decree-recorded.v1', {
      cooperativeId: coop.id,
      proceedingId: 'p',
      decreeNumber: 'SK',
      decreeDate: '2024-01-01',
      expectedStatus: 'IN_DISSOLUTION',
    });
    const before = await f.counts();
    const response = await f.as(['registrar']).post(`/cooperatives/${coop.id}/rats`).send(rat()).expect(409);
    expect(response.body.error).toMatchObject({
      code: 'COOPERATIVE_NOT_OPERATING',
      details: { currentStatus: 'DISSOLVED' },
    });
    expect(await f.counts()).toEqual(before);
  });

  it.each([
    ['a second RAT for the same year', rat(), 409, 'RAT_ALREADY_RECORDED'],
    [
      'a meeting inside the fiscal year',
      rat({ meetingDate: '2023-12-31', reportedDate: '2024-01-02' }),
      422,
      'MEETING_BEFORE_FISCAL_YEAR_END',
    ],
    ['a report before the meeting', rat({ reportedDate: '2024-03-01' }), 422, 'REPORTED_BEFORE_MEETING'],
    ['more present than members', rat({ membersPresent: 80 }), 422, 'MEMBERS_PRESENT_EXCEED_TOTAL'],
    [
      'a future meeting',
      rat({ fiscalYear: 2100, meetingDate: '2101-01-05', reportedDate: '2101-01-06' }),
      400,
      'DATE_IN_FUTURE',
    ],
    ['a missing fiscal year', rat({ fiscalYear: undefined }), 400, 'VALIDATION_FAILED'],
    ['a text amount', rat({ assets: 'many' }), 400, 'VALIDATION_FAILED'],
  ])('refuses %s and changes nothing', async (_what, body, status, code) => {
    const coop = await register();
    await f.as(['registrar']).post(`/cooperatives/${coop.id}/rats`).send(rat()).expect(201);
    const before = await f.counts();
    const response = await f.as(['registrar']).post(`/cooperatives/${coop.id}/rats`).send(body).expect(status);
    expect(response.body.error.code).toBe(code);
    expect(await f.counts()).toEqual(before);
  });

  it('answers 404 for an unknown cooperative and 403 for a manager', async () => {
    const before = await f.counts();
    expect(
      (
        await f
          .as(['registrar'])
          .post('/cooperatives/00000000-0000-4000-8000-000000000000/rats')
          .send(rat())
          .expect(404)
      ).body.error.code,
    ).toBe('COOPERATIVE_NOT_FOUND');
    const coop = await register();
    const afterRegister = await f.counts();
    expect(
      (await f.as(['manager']).post(`/cooperatives/${coop.id}/rats`).send(rat()).expect(403)).body.error.code,
    ).toBe('FORBIDDEN_ROLE');
    expect(await f.counts()).toEqual(afterRegister);
    expect(afterRegister.rats).toBe(before.rats);
  });
});
