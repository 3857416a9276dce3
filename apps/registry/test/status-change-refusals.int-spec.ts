import { cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

/** Issue 13 "Why": an approval refused while ACTIVE, then a withdrawal, must leave the cooperative ACTIVE. */
describe('registry: status changes apply only from the status the event expects', () => {
  let f: RegistryFixture;
  beforeAll(async () => {
    f = await startRegistry();
  });
  afterAll(() => f.close());

  const register = async (overrides: Record<string, unknown> = {}) =>
    (await f.as(['registrar']).post('/cooperatives').send(cooperativeBody(overrides)).expect(201)).body as {
      id: string;
    };
  const statusOf = async (id: string) => (await f.as(['manager']).get(`/cooperatives/${id}`).expect(200)).body.status;
  const refusalsOf = async (id: string) =>
    (await f.published('registry.status-change-refused.v1')).filter((e) => e.data.cooperativeId === id);

  it('a RAT recorded while the approval is in flight: the approval is refused, the withdrawal after it too; the cooperative stays ACTIVE', async () => {
    const coop = await register({ initialStatus: 'INACTIVE' });
    await f
      .as(['registrar'])
      .post(`/cooperatives/${coop.id}/rats`)
      .send({
        fiscalYear: 2023,
        meetingDate: '2024-03-20',
        reportedDate: '2024-04-02',
        membersPresent: 40,
        membersTotal: 60,
      })
      .expect(201);
    expect(await statusOf(coop.id)).toBe('ACTIVE');
    const historyBefore = await f.count('status_history');

    const approval = await f.deliver('dissolution.proceeding-approved.v1', {
      cooperativeId: coop.id,
      proceedingId: 'p-why',
      grounds: ['NO_MEETING_3_YEARS'],
      approvedBy: 'supervisor-1',
      approvedAt: new Date().toISOString(),
      expectedStatus: 'INACTIVE',
    });
    const withdrawal = await f.deliver('dissolution.proceeding-withdrawn.v1', {
      cooperativeId: coop.id,
      proceedingId: 'p-why',
      reason: 'The cooperative held its RAT',
      wasApproved: true,
      expectedStatus: 'IN_DISSOLUTION',
    });

    expect(await statusOf(coop.id)).toBe('ACTIVE');
    expect(await f.count('status_history')).toBe(historyBefore);
    expect(
      (await f.published('registry.cooperative-status-changed.v1')).filter(
        (e) => e.data.cooperativeId === coop.id && e.data.from === 'ACTIVE',
      ),
    ).toEqual([]);
    expect((await refusalsOf(coop.id)).map((e) => e.data)).toEqual([
      expect.objectContaining({
        proceedingId: 'p-why',
        refusedEventId: approval,
        refusedEventType: 'dissolution.proceeding-approved.v1',
        expectedStatus: 'INACTIVE',
        actualStatus: 'ACTIVE',
        requestedStatus: 'IN_DISSOLUTION',
        reasonCode: 'STATUS_MISMATCH',
      }),
      expect.objectContaining({
        refusedEventId: withdrawal,
        refusedEventType: 'dissolution.proceeding-withdrawn.v1',
        expectedStatus: 'IN_DISSOLUTION',
        actualStatus: 'ACTIVE',
        requestedStatus: 'INACTIVE',
        reasonCode: 'STATUS_MISMATCH',
      }),
    ]);
    const refusedEnvelope = (await refusalsOf(coop.id))[0];
    expect(refusedEnvelope.causationId).toBe(approval);
    const audit = await f.db.query(
      `SELECT reason, before, after FROM audit_log WHERE entity_id = $1 AND action = 'cooperative.status-change-refused' ORDER BY id`,
      [coop.id],
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ before: { status: 'ACTIVE' }, after: { refusedEventId: approval } });
    const letters = await f.db.query(`SELECT 1 FROM dead_letters WHERE event_id = ANY($1)`, [[approval, withdrawal]]);
    expect(letters).toEqual([]);
  });

  it('refuses an expectation the state machine does not allow, even when the status matches', async () => {
    const coop = await register();
    await f.deliver('dissolution.proceeding-approved.v1', {
      cooperativeId: coop.id,
      proceedingId: 'p-bad',
      grounds: ['NO_MEETING_3_YEARS'],
      approvedBy: 'supervisor-1',
      approvedAt: new Date().toISOString(),
      expectedStatus: 'ACTIVE',
    });
    expect(await statusOf(coop.id)).toBe('ACTIVE');
    expect((await refusalsOf(coop.id)).map((e) => e.data.reasonCode)).toEqual(['INVALID_STATUS_TRANSITION']);
  });
});
