import { SCHEME_A_2016_1 } from '../src/health/rubrics';
import { alsoCount, cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

alsoCount('rats', 'health_assessments');

const components = SCHEME_A_2016_1.aspects.flatMap((a) => a.components);
/** Every component in its best band, but for the ones named: their worst band. */
const inputs = (failing: string[] = []) =>
  Object.fromEntries(
    components.map((c) => [c.code, c.bands.find((b) => b.score === (failing.includes(c.code) ? 0 : 100))!.min ?? -1]),
  );

describe('registry health assessments', () => {
  let f: RegistryFixture;
  let ksp: string;
  let consumer: string;
  beforeAll(async () => {
    f = await startRegistry();
    ksp = (await f.as(['registrar']).post('/cooperatives').send(cooperativeBody()).expect(201)).body.id;
    consumer = (
      await f
        .as(['registrar'])
        .post('/cooperatives')
        .send(cooperativeBody({ type: 'CONSUMER', group: 'KPRI' }))
        .expect(201)
    ).body.id;
    for (const id of [ksp, consumer]) {
      await f
        .as(['registrar'])
        .post(`/cooperatives/${id}/rats`)
        .send({
          fiscalYear: 2023,
          meetingDate: '2024-03-01',
          reportedDate: '2024-03-02',
          membersPresent: 5,
          membersTotal: 9,
        })
        .expect(201);
    }
  });
  afterAll(() => f.close());

  it('scores scheme A, keeps every component as evidence and publishes health-assessed', async () => {
    const failing = [
      'MEMBER_LOANS_TO_TOTAL_LOANS',
      'PROBLEM_LOANS',
      'RISK_RESERVE',
      'RISKY_LOANS',
      'GENERAL',
      'INSTITUTIONAL',
      'CAPITAL_MANAGEMENT',
      'ASSET_MANAGEMENT',
      'LIQUIDITY_MANAGEMENT',
      'GROSS_PARTICIPATION',
      'OPERATIONAL_SELF_SUFFICIENCY',
    ];
    const response = await f
      .as(['registrar'])
      .post(`/cooperatives/${ksp}/health-assessments`)
      .send({ fiscalYear: 2023, scheme: 'A', assessedOn: '2024-05-10', components: inputs(failing) })
      .expect(201);
    expect(response.body).toMatchObject({
      scheme: 'A',
      rubricVersion: 'A-2016.1',
      score: 51,
      category: 'UNDER_SUPERVISION',
    });
    expect(response.body.evidence.components).toHaveLength(22);
    const events = await f.published('registry.health-assessed.v1');
    expect(events.map((e) => e.data)).toEqual([
      {
        cooperativeId: ksp,
        cooperativeVersion: 2,
        assessmentId: response.body.id,
        fiscalYear: 2023,
        scheme: 'A',
        category: 'UNDER_SUPERVISION',
        score: 51,
      },
    ]);
    expect((await f.as(['manager']).get(`/cooperatives/${ksp}/health-assessments`).expect(200)).body).toHaveLength(1);
  });

  it("records scheme B ratings with the assessor's category", async () => {
    const response = await f
      .as(['registrar'])
      .post(`/cooperatives/${consumer}/health-assessments`)
      .send({
        fiscalYear: 2023,
        scheme: 'B',
        assessedOn: '2024-05-11',
        aspectRatings: { GOVERNANCE: 2, RISK_PROFILE: 3, FINANCIAL_PERFORMANCE: 3, CAPITAL: 2 },
        finalCategory: 'FAIRLY_HEALTHY',
      })
      .expect(201);
    expect(response.body).toMatchObject({
      scheme: 'B',
      rubricVersion: 'B-2021.1',
      score: null,
      category: 'FAIRLY_HEALTHY',
      evidence: { aspectRatings: { GOVERNANCE: 2, CAPITAL: 2 } },
    });
    const event = (await f.published('registry.health-assessed.v1')).find((e) => e.data.cooperativeId === consumer);
    expect(event?.data).toMatchObject({ scheme: 'B', category: 'FAIRLY_HEALTHY', score: null });
  });

  it('serves the rubric versions', async () => {
    const rubrics = (await f.as(['officer']).get('/health-rubrics').expect(200)).body;
    expect(rubrics.map((r: { version: string }) => r.version)).toEqual(['A-2016.1', 'B-2021.1']);
  });

  it.each([
    [
      'no RAT for the year',
      () => [ksp, { fiscalYear: 2022, scheme: 'A', assessedOn: '2024-05-10', components: inputs() }],
      422,
      'RAT_REQUIRED',
    ],
    [
      'a second assessment',
      () => [ksp, { fiscalYear: 2023, scheme: 'A', assessedOn: '2024-05-10', components: inputs() }],
      409,
      'ALREADY_ASSESSED',
    ],
    [
      'scheme A for a consumer cooperative',
      () => [consumer, { fiscalYear: 2023, scheme: 'A', assessedOn: '2024-05-10', components: inputs() }],
      422,
      'SCHEME_NOT_APPLICABLE',
    ],
    [
      'a missing component',
      () => [ksp, { fiscalYear: 2022, scheme: 'A', assessedOn: '2024-05-10', components: { CASH: 12 } }],
      422,
      'RUBRIC_INPUT_INVALID',
    ],
    [
      'scheme B without a category',
      () => [
        ksp,
        {
          fiscalYear: 2023,
          scheme: 'B',
          assessedOn: '2024-05-10',
          aspectRatings: { GOVERNANCE: 1, RISK_PROFILE: 1, FINANCIAL_PERFORMANCE: 1, CAPITAL: 1 },
        },
      ],
      422,
      'RUBRIC_INPUT_INVALID',
    ],
    [
      'a scheme B category better than every aspect rating (issue 13)',
      () => [
        ksp,
        {
          fiscalYear: 2023,
          scheme: 'B',
          assessedOn: '2024-05-10',
          aspectRatings: { GOVERNANCE: 3, RISK_PROFILE: 4, FINANCIAL_PERFORMANCE: 3, CAPITAL: 4 },
          finalCategory: 'HEALTHY',
        },
      ],
      422,
      'CATEGORY_INCONSISTENT_WITH_RATINGS',
    ],
    [
      'a rating of 5',
      () => [
        ksp,
        {
          fiscalYear: 2023,
          scheme: 'B',
          assessedOn: '2024-05-10',
          aspectRatings: { GOVERNANCE: 5, RISK_PROFILE: 1, FINANCIAL_PERFORMANCE: 1, CAPITAL: 1 },
          finalCategory: 'HEALTHY',
        },
      ],
      400,
      'VALIDATION_FAILED',
    ],
    [
      'an unknown scheme',
      () => [ksp, { fiscalYear: 2023, scheme: 'C', assessedOn: '2024-05-10' }],
      400,
      'VALIDATION_FAILED',
    ],
    [
      'a future date',
      () => [
        ksp,
        {
          fiscalYear: 2023,
          scheme: 'B',
          assessedOn: '2999-01-01',
          aspectRatings: { GOVERNANCE: 1, RISK_PROFILE: 1, FINANCIAL_PERFORMANCE: 1, CAPITAL: 1 },
          finalCategory: 'HEALTHY',
        },
      ],
      400,
      'DATE_IN_FUTURE',
    ],
    [
      'an unknown cooperative',
      () => [
        '00000000-0000-4000-8000-000000000000',
        {
          fiscalYear: 2023,
          scheme: 'B',
          assessedOn: '2024-05-10',
          aspectRatings: { GOVERNANCE: 1, RISK_PROFILE: 1, FINANCIAL_PERFORMANCE: 1, CAPITAL: 1 },
          finalCategory: 'HEALTHY',
        },
      ],
      404,
      'COOPERATIVE_NOT_FOUND',
    ],
  ] as const)('refuses %s and changes nothing', async (_what, build, status, code) => {
    const [id, body] = build();
    const before = await f.counts();
    expect(
      (await f.as(['registrar']).post(`/cooperatives/${id}/health-assessments`).send(body).expect(status)).body.error
        .code,
    ).toBe(code);
    expect(await f.counts()).toEqual(before);
  });

  it('lets only registrars assess', async () => {
    expect(
      (await f.as(['officer']).post(`/cooperatives/${ksp}/health-assessments`).send({}).expect(403)).body.error.code,
    ).toBe('FORBIDDEN_ROLE');
  });
});
