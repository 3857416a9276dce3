import { randomUUID } from 'node:crypto';
import { as } from '../e2e/support/api';
import { otherSupervisor, registerCooperative, runEvaluation, supervisor } from '../e2e/support/lifecycle';
import { narrate, startFaultCity, type FaultCity } from './support/fault-city';
import { nextEvaluationYear, proposedProceeding } from './support/workload';

describe('concurrent and retried commands', () => {
  let city: FaultCity;
  beforeAll(async () => {
    city = await startFaultCity();
  });
  afterAll(() => city?.shutdown());

  it('6 two supervisors approving the same proposal at once: one wins, one event, one status change', async () => {
    const { cooperativeId, proceedingId } = await proposedProceeding(city);
    const url = `${city.urls.dissolution}/proceedings/${proceedingId}/approve`;
    const answers = await Promise.all([supervisor.post(url), otherSupervisor.post(url)]);
    const statuses = answers.map((answer) => answer.status).sort();
    narrate('6 two approvals', `answers ${statuses.join(', ')}`);
    expect(statuses).toEqual([200, 409]);
    expect(await city.invariants()).toEqual([]);
    const approvals = await city.sql(
      `SELECT 1 FROM dissolution.outbox WHERE type = 'dissolution.proceeding-approved.v1' AND envelope->'data'->>'proceedingId' = $1`,
      [proceedingId],
    );
    expect(approvals).toHaveLength(1);
    const history = await city.sql(
      `SELECT 1 FROM registry.status_history WHERE cooperative_id = $1 AND to_status = 'IN_DISSOLUTION'`,
      [cooperativeId],
    );
    expect(history).toHaveLength(1);
    narrate('6 two approvals', 'checked: one approval event, one status change, invariants hold');
  });

  it('6 a retried POST with the same Idempotency-Key: the same answer, one effect', async () => {
    const cooperativeId = await registerCooperative(city, 'Idempotent', []);
    await runEvaluation(city, nextEvaluationYear(city));
    const key = randomUUID();
    const officer = as(['officer'], 'officer-1', { 'Idempotency-Key': key });
    const url = `${city.urls.dissolution}/proceedings`;
    const concurrent = await Promise.all([officer.post(url, { cooperativeId }), officer.post(url, { cooperativeId })]);
    const retried = await officer.post(url, { cooperativeId });
    const answers = [...concurrent, retried];
    narrate('6 Idempotency-Key', `three POSTs with one key answered ${answers.map((a) => a.status).join(', ')}`);
    const created = answers.filter((answer) => answer.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(2);
    expect(new Set(created.map((answer) => answer.body.id)).size).toBe(1);
    const proceedings = await city.sql(`SELECT 1 FROM dissolution.proceedings WHERE cooperative_id = $1`, [
      cooperativeId,
    ]);
    expect(proceedings).toHaveLength(1);
    expect(await city.invariants()).toEqual([]);
    narrate('6 Idempotency-Key', 'checked: one proceeding, the same id in every answer');
  });
});
