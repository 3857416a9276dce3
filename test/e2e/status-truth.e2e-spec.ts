import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { INBOX_QUEUES, queueKeyPrefix } from '@koperasi/contracts';
import { redisConnectionFromUrl } from '@koperasi/platform';
import { eventually, redisUrl, waitForQueuesQuiet } from '@koperasi/testing';
import { startCity, type City } from './support/city';
import {
  casesOf,
  cooperativeStatus,
  daysAgo,
  failReactivation,
  manager,
  otherSupervisor,
  propose,
  recordRat,
  registrar,
  supervisor,
} from './support/lifecycle';

/**
 * Issue 13, "Why": a proceeding approved while the cooperative had become ACTIVE (its RAT was
 * recorded while the approval was in flight), then withdrawn. The registry must refuse both
 * changes, the cooperative must stay ACTIVE, and the proceeding must show the refusal.
 * Dissolution's inbox is paused so it approves before it hears of the RAT, as in the race.
 */
describe('one status truth across the services (separate processes, HTTP only)', () => {
  let city: City;
  let dissolutionInbox: Queue;
  let mentoringInbox: Queue;

  beforeAll(async () => {
    city = await startCity();
    const connection = { ...redisConnectionFromUrl(redisUrl()), maxRetriesPerRequest: null };
    dissolutionInbox = new Queue(INBOX_QUEUES.dissolution, {
      connection,
      prefix: queueKeyPrefix(city.prefix, INBOX_QUEUES.dissolution),
    });
    mentoringInbox = new Queue(INBOX_QUEUES.mentoring, {
      connection,
      prefix: queueKeyPrefix(city.prefix, INBOX_QUEUES.mentoring),
    });
  }, 120_000);

  afterAll(async () => {
    await dissolutionInbox?.close();
    await mentoringInbox?.close();
    await city?.close();
  });

  it('refuses an approval and a withdrawal that expected another status; the cooperative stays ACTIVE and the proceeding shows why', async () => {
    const serial = randomBytes(3).toString('hex');
    const registered = await registrar.post(`${city.urls.registry}/cooperatives`, {
      name: `Koperasi Tunas Harapan ${serial}`,
      legalEntityNumber: `${serial}/BH/XIX.2/2003`,
      legalEntityDate: '2003-06-02',
      type: 'SERVICES',
      kelurahan: 'Menteng',
      kecamatan: 'jekan raya',
      initialStatus: 'INACTIVE',
    });
    expect(registered.status).toBe(201);
    expect(registered.body.kecamatan).toBe('Jekan Raya');
    const id = registered.body.id as string;

    // Registered as INACTIVE: mentoring opens its reactivation case, which then fails.
    const draft = await failReactivation(city, id);
    await propose(city, draft.id);
    const base = `${city.urls.dissolution}/proceedings/${draft.id}`;

    await dissolutionInbox.pause();
    await recordRat(city, id, 2025, daysAgo(5));
    expect(await cooperativeStatus(city, id)).toBe('ACTIVE');
    expect((await otherSupervisor.post(`${base}/approve`)).status).toBe(200);
    expect((await supervisor.post(`${base}/withdraw`, { reason: 'The cooperative held its RAT' })).status).toBe(200);

    const refusals = await eventually(async () => {
      const audit = await supervisor.get(`${city.urls.registry}/audit?entityId=${id}&limit=200`);
      const refused = (audit.body.items as { action: string; after: { refusedEventType: string } }[]).filter(
        (entry) => entry.action === 'cooperative.status-change-refused',
      );
      return refused.length === 2 ? refused : null;
    }, 'the registry to refuse the approval and the withdrawal');
    expect(refusals.map((entry) => entry.after.refusedEventType).sort()).toEqual([
      'dissolution.proceeding-approved.v1',
      'dissolution.proceeding-withdrawn.v1',
    ]);
    expect(await cooperativeStatus(city, id)).toBe('ACTIVE');
    const history = await registrar.get(`${city.urls.registry}/cooperatives/${id}/status-history`);
    expect((history.body as { from: string | null; to: string }[]).map((e) => `${e.from}->${e.to}`)).toEqual([
      'null->INACTIVE',
      'INACTIVE->ACTIVE',
    ]);

    await dissolutionInbox.resume();
    const flagged = await eventually(async () => {
      const proceeding = await manager.get(base);
      return proceeding.body.registryRefusal?.refusedEventType === 'dissolution.proceeding-withdrawn.v1'
        ? proceeding
        : null;
    }, 'the proceeding to show the registry refusal');
    expect(flagged.body.registryRefusal).toMatchObject({
      expectedStatus: 'IN_DISSOLUTION',
      actualStatus: 'ACTIVE',
      requestedStatus: 'INACTIVE',
      reasonCode: 'STATUS_MISMATCH',
    });
    const timeline = await manager.get(`${base}/timeline`);
    expect(
      (timeline.body.items as { action: string }[]).filter(
        (item) => item.action === 'proceeding.status-change-refused',
      ),
    ).toHaveLength(2);

    // Mentoring reopens no reactivation for an ACTIVE cooperative.
    await waitForQueuesQuiet([mentoringInbox]);
    expect((await casesOf(city, id)).filter((c) => c.type === 'REACTIVATION')).toEqual([]);
  });
});
