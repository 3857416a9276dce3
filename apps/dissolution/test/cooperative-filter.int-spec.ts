import { randomUUID } from 'node:crypto';
import {
  MANAGER,
  OFFICER,
  proposedProceeding,
  REGISTRAR,
  startDissolution,
  type DissolutionFixture,
} from './dissolution-fixture';

describe("GET /proceedings?cooperativeId: one cooperative's proceeding, also for the registrar", () => {
  let fx: DissolutionFixture;
  let cooperativeId: ReturnType<typeof randomUUID>;
  let proceedingId: string;

  beforeAll(async () => {
    fx = await startDissolution();
    cooperativeId = randomUUID();
    proceedingId = await proposedProceeding(fx, cooperativeId);
    await proposedProceeding(fx);
  });

  afterAll(async () => {
    await fx.close();
  });

  const list = (auth: string, query: Record<string, string>) =>
    fx.http().get('/proceedings').query(query).set('Authorization', auth);

  it('answers only the proceeding of that cooperative, with its step, flags and key dates', async () => {
    for (const auth of [REGISTRAR, OFFICER, MANAGER]) {
      const answer = await list(auth, { cooperativeId }).expect(200);
      expect(answer.body.total).toBe(1);
      expect(answer.body.items[0]).toMatchObject({
        id: proceedingId,
        cooperativeId,
        step: 'PROPOSED',
        registryRefusal: null,
        lateActs: [],
        approvedOn: null,
      });
      expect(answer.body.items[0].proposedAt).toEqual(expect.any(String));
    }
  });

  it('answers an empty list for a cooperative without a proceeding', async () => {
    const answer = await list(REGISTRAR, { cooperativeId: randomUUID() }).expect(200);
    expect(answer.body).toMatchObject({ items: [], total: 0 });
  });

  it('refuses the registrar the whole list, and a malformed cooperative id to anyone', async () => {
    const whole = await list(REGISTRAR, {}).expect(403);
    expect(whole.body.error.code).toBe('COOPERATIVE_FILTER_REQUIRED');
    const byName = await list(REGISTRAR, { q: 'Koperasi' }).expect(403);
    expect(byName.body.error.code).toBe('COOPERATIVE_FILTER_REQUIRED');
    for (const auth of [REGISTRAR, OFFICER]) {
      const malformed = await list(auth, { cooperativeId: 'not-a-uuid' }).expect(400);
      expect(malformed.body.error.code).toBe('INVALID_IDENTIFIER');
    }
  });

  it('still refuses the registrar one proceeding and the pipeline', async () => {
    await fx.http().get(`/proceedings/${proceedingId}`).set('Authorization', REGISTRAR).expect(403);
    await fx.http().get('/proceedings/pipeline').set('Authorization', REGISTRAR).expect(403);
  });
});
