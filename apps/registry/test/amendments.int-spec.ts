import { alsoCount, cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

alsoCount('rats', 'health_assessments');

/** Issue 13: mistakes are corrected by audited amendments with a reason, never silently. */
describe('registry: corrections by amendment', () => {
  let f: RegistryFixture;
  let coop: { id: string; version: number };
  beforeAll(async () => {
    f = await startRegistry();
    coop = (await f.as(['registrar']).post('/cooperatives').send(cooperativeBody()).expect(201)).body;
    await f
      .as(['registrar'])
      .post(`/cooperatives/${coop.id}/rats`)
      .send({
        fiscalYear: 2023,
        meetingDate: '2024-03-20',
        reportedDate: '2024-04-02',
        membersPresent: 50,
        membersTotal: 75,
      })
      .expect(201);
  });
  afterAll(() => f.close());

  const auditOf = async (action: string) =>
    f.db.query(
      `SELECT before, after, reason, actor_id FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id`,
      [coop.id, action],
    );

  it('corrects a RAT with a reason, recomputing lateness and keeping the previous values in the audit', async () => {
    const amended = await f
      .as(['registrar'])
      .patch(`/cooperatives/${coop.id}/rats/2023`)
      .send({ meetingDate: '2024-07-20', reportedDate: '2024-07-25', reason: 'Dates were typed from the invitation' })
      .expect(200);
    expect(amended.body).toMatchObject({ fiscalYear: 2023, meetingDate: '2024-07-20', late: true, membersPresent: 50 });
    const [audit] = await auditOf('rat.amended');
    expect(audit).toMatchObject({
      before: { fiscalYear: 2023, meetingDate: '2024-03-20', reportedDate: '2024-04-02', late: false },
      after: { fiscalYear: 2023, meetingDate: '2024-07-20', reportedDate: '2024-07-25', late: true },
      reason: 'Dates were typed from the invitation',
      actor_id: 'registrar-1',
    });
    const [listed] = (await f.as(['manager']).get(`/cooperatives/${coop.id}/rats`).expect(200)).body;
    expect(listed.amendments).toMatchObject([
      {
        at: expect.any(String),
        actorId: 'registrar-1',
        reason: 'Dates were typed from the invitation',
        before: { fiscalYear: 2023, meetingDate: '2024-03-20', reportedDate: '2024-04-02', late: false },
        after: { fiscalYear: 2023, meetingDate: '2024-07-20', reportedDate: '2024-07-25', late: true },
      },
    ]);
  });

  it('refuses a RAT correction without a reason, or one that breaks a rule, changing nothing', async () => {
    const before = await f.counts();
    const noReason = await f
      .as(['registrar'])
      .patch(`/cooperatives/${coop.id}/rats/2023`)
      .send({ membersPresent: 60 })
      .expect(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    const broken = await f
      .as(['registrar'])
      .patch(`/cooperatives/${coop.id}/rats/2023`)
      .send({ membersPresent: 90, reason: 'Counted again' })
      .expect(422);
    expect(broken.body.error.code).toBe('MEMBERS_PRESENT_EXCEED_TOTAL');
    const missing = await f
      .as(['registrar'])
      .patch(`/cooperatives/${coop.id}/rats/2019`)
      .send({ membersPresent: 1, reason: 'Counted again' })
      .expect(404);
    expect(missing.body.error.code).toBe('RAT_NOT_FOUND');
    expect(await f.counts()).toEqual(before);
    expect((await f.as(['manager']).get(`/cooperatives/${coop.id}/rats`)).body[0].membersPresent).toBe(50);
  });

  it('corrects a scheme B assessment, re-checking the category and publishing a changed one again', async () => {
    const assessed = (
      await f
        .as(['registrar'])
        .post(`/cooperatives/${coop.id}/health-assessments`)
        .send({
          fiscalYear: 2023,
          scheme: 'B',
          assessedOn: '2024-05-10',
          aspectRatings: { GOVERNANCE: 1, RISK_PROFILE: 2, FINANCIAL_PERFORMANCE: 2, CAPITAL: 1 },
          finalCategory: 'HEALTHY',
        })
        .expect(201)
    ).body;
    const url = `/cooperatives/${coop.id}/health-assessments/${assessed.id}`;
    const inconsistent = await f
      .as(['registrar'])
      .patch(url)
      .send({ finalCategory: 'UNDER_SPECIAL_SUPERVISION', reason: 'Wrong box ticked' })
      .expect(422);
    expect(inconsistent.body.error.code).toBe('CATEGORY_INCONSISTENT_WITH_RATINGS');

    const amended = await f
      .as(['registrar'])
      .patch(url)
      .send({
        aspectRatings: { GOVERNANCE: 3, RISK_PROFILE: 3, FINANCIAL_PERFORMANCE: 4, CAPITAL: 3 },
        finalCategory: 'UNDER_SUPERVISION',
        reason: 'The ratings of another cooperative had been copied',
      })
      .expect(200);
    expect(amended.body).toMatchObject({
      category: 'UNDER_SUPERVISION',
      evidence: { aspectRatings: { GOVERNANCE: 3, FINANCIAL_PERFORMANCE: 4 } },
    });
    const [audit] = await auditOf('health.assessment-amended');
    expect(audit).toMatchObject({
      before: { category: 'HEALTHY', evidence: { aspectRatings: { GOVERNANCE: 1 } } },
      after: { category: 'UNDER_SUPERVISION' },
      reason: 'The ratings of another cooperative had been copied',
    });
    const listed = (await f.as(['registrar']).get(`/cooperatives/${coop.id}/health-assessments`).expect(200)).body;
    expect(listed.find((a: { id: string }) => a.id === assessed.id).amendments).toMatchObject([
      {
        reason: 'The ratings of another cooperative had been copied',
        before: { category: 'HEALTHY' },
        after: { category: 'UNDER_SUPERVISION' },
      },
    ]);
    const published = (await f.published('registry.health-assessed.v1')).filter(
      (e) => e.data.assessmentId === assessed.id,
    );
    expect(published.map((e) => e.data.category)).toEqual(['HEALTHY', 'UNDER_SUPERVISION']);
  });

  it('corrects the legal identity only with a reason, moving the registration to the corrected date', async () => {
    const before = await f.counts();
    const refused = await f
      .as(['registrar'])
      .patch(`/cooperatives/${coop.id}`)
      .send({ legalEntityDate: '2004-11-02' })
      .expect(422);
    expect(refused.body.error).toMatchObject({ code: 'REASON_REQUIRED', details: { fields: ['legalEntityDate'] } });
    expect(await f.counts()).toEqual(before);

    await f
      .as(['registrar'])
      .patch(`/cooperatives/${coop.id}`)
      .send({ legalEntityDate: '2004-11-02', reason: 'The deed says 2 November 2004' })
      .expect(200);
    const [audit] = await auditOf('cooperative.details-changed');
    expect(audit).toMatchObject({
      before: { legalEntityDate: '2005-03-14' },
      after: { legalEntityDate: '2004-11-02' },
      reason: 'The deed says 2 November 2004',
    });
    const history = (await f.as(['manager']).get(`/cooperatives/${coop.id}/status-history`)).body;
    expect(history[0]).toMatchObject({ from: null, effectiveOn: '2004-11-02' });
  });

  it('corrects the fiscal year of a RAT under the rules of recording it, recomputing deadline, lateness and the latest RAT year', async () => {
    await f
      .as(['registrar'])
      .post(`/cooperatives/${coop.id}/rats`)
      .send({
        fiscalYear: 2024,
        meetingDate: '2025-03-10',
        reportedDate: '2025-03-15',
        membersPresent: 40,
        membersTotal: 75,
      })
      .expect(201);
    const url = `/cooperatives/${coop.id}/rats/2024`;
    const before = await f.counts();
    const refusals: [object, number, string][] = [
      [{ fiscalYear: 2023, reason: 'Wrong year typed' }, 409, 'RAT_ALREADY_RECORDED'],
      [{ fiscalYear: 2003, reason: 'Wrong year typed' }, 422, 'FISCAL_YEAR_BEFORE_LEGAL_ENTITY'],
      [{ fiscalYear: 2025, reason: 'Wrong year typed' }, 422, 'MEETING_BEFORE_FISCAL_YEAR_END'],
      [{ fiscalYear: 2022 }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of refusals) {
      const response = await f.as(['registrar']).patch(url).send(body);
      expect([response.status, response.body.error?.code]).toEqual([status, code]);
    }
    expect(await f.counts()).toEqual(before);
    const cooperative = async () => (await f.as(['manager']).get(`/cooperatives/${coop.id}`).expect(200)).body;
    expect((await cooperative()).lastRatYear).toBe(2024);

    const amended = await f
      .as(['registrar'])
      .patch(url)
      .send({ fiscalYear: 2022, reason: 'The minutes are of the meeting for 2022, held late' })
      .expect(200);
    expect(amended.body).toMatchObject({
      fiscalYear: 2022,
      meetingDate: '2025-03-10',
      deadline: '2023-06-30',
      late: true,
    });
    const audits = await auditOf('rat.amended');
    expect(audits[audits.length - 1]).toMatchObject({
      before: { fiscalYear: 2024, deadline: '2025-06-30', late: false },
      after: { fiscalYear: 2022, deadline: '2023-06-30', late: true },
      reason: 'The minutes are of the meeting for 2022, held late',
    });
    const years = (await f.as(['manager']).get(`/cooperatives/${coop.id}/rats`).expect(200)).body.map(
      (rat: { fiscalYear: number }) => rat.fiscalYear,
    );
    expect(years).toEqual([2023, 2022]);
    expect((await cooperative()).lastRatYear).toBe(2023);
    expect((await f.as(['registrar']).patch(url).send({ membersPresent: 1, reason: 'Gone' })).status).toBe(404);
  });
});
