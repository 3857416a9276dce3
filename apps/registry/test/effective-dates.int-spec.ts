import { cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

/** Issue 13: the status history says when a change took effect beside when it was recorded. */
describe('registry: effective dates of status changes', () => {
  let f: RegistryFixture;
  beforeAll(async () => {
    f = await startRegistry();
  });
  afterAll(() => f.close());

  const register = async (overrides: Record<string, unknown> = {}) =>
    (await f.as(['registrar']).post('/cooperatives').send(cooperativeBody(overrides)).expect(201)).body as {
      id: string;
    };
  const history = async (id: string) =>
    (await f.as(['manager']).get(`/cooperatives/${id}/status-history`).expect(200)).body as {
      to: string;
      at: string;
      effectiveOn: string;
    }[];
  const statusAsOf = async (asOf: string) =>
    (await f.as(['manager']).get(`/statistics?asOf=${asOf}`).expect(200)).body.byStatus;
  const approve = (cooperativeId: string, proceedingId: string) =>
    f.deliver('dissolution.proceeding-approved.v1', {
      cooperativeId,
      proceedingId,
      grounds: ['NO_MEETING_3_YEARS'],
      approvedBy: 'supervisor-1',
      approvedAt: new Date().toISOString(),
      expectedStatus: 'INACTIVE',
    });

  it('dates a registration at the legal-entity date, a dissolution at the decree date and a revocation at the gazette date; statistics as of a day follow them', async () => {
    const coop = await register({ initialStatus: 'INACTIVE', legalEntityDate: '2001-06-05' });
    await approve(coop.id, 'p-1');
    // The approval as if recorded on 1 April 2024.
    await f.db.query(
      `UPDATE status_history SET effective_on = '2024-04-01' WHERE cooperative_id = $1 AND to_status = 'IN_DISSOLUTION'`,
      [coop.id],
    );
    await f.deliver('dissolution.decree-recorded.v1', {
      cooperativeId: coop.id,
      proceedingId: 'p-1',
      decreeNumber: 'SK-7/2024',
      decreeDate: '2024-05-02',
      expectedStatus: 'IN_DISSOLUTION',
    });
    await f.deliver('dissolution.gazette-published.v1', {
      cooperativeId: coop.id,
      proceedingId: 'p-1',
      publishedOn: '2024-09-03',
      expectedStatus: 'DISSOLVED',
    });
    const entries = await history(coop.id);
    expect(entries.map((entry) => [entry.to, entry.effectiveOn])).toEqual([
      ['INACTIVE', '2001-06-05'],
      ['IN_DISSOLUTION', '2024-04-01'],
      ['DISSOLVED', '2024-05-02'],
      ['LEGAL_ENTITY_REVOKED', '2024-09-03'],
    ]);
    // Recorded now, whatever the effective date.
    const today = new Date().toISOString().slice(0, 4);
    expect(entries.every((entry) => entry.at.startsWith(today))).toBe(true);

    expect(await statusAsOf('2001-06-04')).toMatchObject({ INACTIVE: 0 });
    expect(await statusAsOf('2010-01-01')).toMatchObject({ INACTIVE: 1 });
    expect(await statusAsOf('2024-05-01')).toMatchObject({ IN_DISSOLUTION: 1, DISSOLVED: 0 });
    expect(await statusAsOf('2024-05-02')).toMatchObject({ IN_DISSOLUTION: 0, DISSOLVED: 1 });
    expect(await statusAsOf('2024-09-03')).toMatchObject({ DISSOLVED: 0, LEGAL_ENTITY_REVOKED: 1 });

    // The transitions count the same effective dates, not the day the events were recorded.
    const transitions = async (from: string, to: string) =>
      (await f.as(['manager']).get(`/statistics/transitions?from=${from}&to=${to}`).expect(200)).body;
    expect((await transitions('2024-05-02', '2024-05-02')).transitions).toEqual([
      { from: 'IN_DISSOLUTION', to: 'DISSOLVED', count: 1 },
    ]);
    expect((await transitions('2024-09-01', '2024-09-30')).into).toMatchObject({ LEGAL_ENTITY_REVOKED: 1 });
    expect(await transitions('2001-06-05', '2001-06-05')).toMatchObject({ registered: 1 });
    const recordedToday = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    expect(await transitions(recordedToday, recordedToday)).toMatchObject({
      registered: 0,
      into: { DISSOLVED: 0, LEGAL_ENTITY_REVOKED: 0, IN_DISSOLUTION: 0 },
    });
  });

  it("never dates a change before the cooperative's latest change, so the history stays in order", async () => {
    const coop = await register({ initialStatus: 'INACTIVE' });
    await approve(coop.id, 'p-2');
    await f.deliver('dissolution.decree-recorded.v1', {
      cooperativeId: coop.id,
      proceedingId: 'p-2',
      decreeNumber: 'SK-8/2024',
      decreeDate: '2024-05-02',
      expectedStatus: 'IN_DISSOLUTION',
    });
    const [, approval, decree] = await history(coop.id);
    expect(decree.effectiveOn).toBe(approval.effectiveOn);
  });
});
