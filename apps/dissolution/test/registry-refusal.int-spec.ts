import { randomUUID } from 'node:crypto';
import { approvedProceeding, MANAGER, startDissolution, type DissolutionFixture } from './dissolution-fixture';

describe('dissolution records the registry refusing a status change it asked for', () => {
  let fx: DissolutionFixture;
  beforeAll(async () => {
    fx = await startDissolution();
  });
  afterAll(() => fx.close());

  it('flags the proceeding with the refusal (reason, statuses, time) in its answer and audits it', async () => {
    const cooperativeId = randomUUID();
    const id = await approvedProceeding(fx, cooperativeId);
    const refusedEventId = randomUUID();
    const refusal = {
      refusedEventId,
      refusedEventType: 'dissolution.proceeding-approved.v1',
      expectedStatus: 'INACTIVE' as const,
      actualStatus: 'ACTIVE' as const,
      requestedStatus: 'IN_DISSOLUTION' as const,
      reasonCode: 'STATUS_MISMATCH' as const,
      reason: 'The cooperative is ACTIVE, not INACTIVE as the event expected; it stays ACTIVE',
      refusedAt: new Date().toISOString(),
    };
    await fx.deliver('registry.status-change-refused.v1', { cooperativeId, proceedingId: id, ...refusal });

    const answer = await fx.http().get(`/proceedings/${id}`).set('Authorization', MANAGER).expect(200);
    expect(answer.body.registryRefusal).toEqual(refusal);
    const [audit] = await fx.dataSource.query(
      `SELECT reason FROM audit_log WHERE entity_id = $1 AND action = 'proceeding.status-change-refused'`,
      [id],
    );
    expect(audit.reason).toBe(refusal.reason);
  });

  it('dead-letters a refusal that names another cooperative than the proceeding', async () => {
    const id = await approvedProceeding(fx);
    const eventId = await fx.deliver('registry.status-change-refused.v1', {
      cooperativeId: randomUUID(),
      proceedingId: id,
      refusedEventId: randomUUID(),
      refusedEventType: 'dissolution.proceeding-approved.v1',
      expectedStatus: 'INACTIVE',
      actualStatus: 'ACTIVE',
      requestedStatus: 'IN_DISSOLUTION',
      reasonCode: 'STATUS_MISMATCH',
      reason: 'x',
      refusedAt: new Date().toISOString(),
    });
    const [letter] = await fx.dataSource.query(`SELECT error_code FROM dead_letters WHERE event_id = $1`, [eventId]);
    expect(letter.error_code).toBe('REFUSAL_FOR_OTHER_COOPERATIVE');
    const [row] = await fx.dataSource.query(`SELECT registry_refusal FROM proceedings WHERE id = $1`, [id]);
    expect(row.registry_refusal).toBeNull();
  });
});
