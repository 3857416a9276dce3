import { bearer, directoryUser } from '@koperasi/testing';
import {
  proposedProceeding,
  readyForDecree,
  startDissolution,
  SUPERVISOR,
  type DissolutionFixture,
} from './dissolution-fixture';

describe("dissolution: the supervisor's approvals inbox and names beside ids", () => {
  let fx: DissolutionFixture;
  let proposed: string;
  let ready: string;

  beforeAll(async () => {
    fx = await startDissolution();
    await fx.deliver('console.user-created.v1', directoryUser('officer-1', { fullName: 'Oki Pendamping' }));
    await fx.deliver(
      'console.user-created.v1',
      directoryUser('supervisor-1', { fullName: 'Sri Wahyuni', roles: ['supervisor'], kecamatan: null }),
    );
    proposed = await proposedProceeding(fx);
    ready = await readyForDecree(fx);
  });
  afterAll(() => fx.close());

  type Item = { proceedingId: string; kind: string; dueOn: string | null; daysLeft: number | null; overdue: boolean };

  it('lists what waits for a supervisor, nearest statutory date first, with days left', async () => {
    const inbox = await fx.http().get('/approvals').set('Authorization', SUPERVISOR).expect(200);
    const items: Item[] = inbox.body.items;
    expect(items.map((item) => [item.proceedingId, item.kind])).toEqual(
      expect.arrayContaining([
        [proposed, 'APPROVE_PROPOSAL'],
        [ready, 'RECORD_DECREE'],
      ]),
    );
    expect(inbox.body.total).toBe(items.length);
    const dated = items.filter((item) => item.dueOn !== null).map((item) => item.dueOn as string);
    expect(dated).toEqual([...dated].sort());
    expect(items.findIndex((item) => item.dueOn === null)).not.toBeLessThan(dated.length === 0 ? 0 : dated.length);
    for (const item of items.filter((entry) => entry.dueOn !== null)) {
      const days = Math.round((Date.parse(item.dueOn as string) - Date.parse(inbox.body.today)) / 86_400_000);
      expect(item.daysLeft).toBe(days);
      expect(item.overdue).toBe(days < 0);
    }
    // The decree of a notice received 300 days ago was due after 4 months: past, with negative days left.
    const decree = items.find((item) => item.proceedingId === ready)!;
    expect(decree.daysLeft).toBeLessThan(0);
    expect(decree.overdue).toBe(true);
  });

  it('tells the proposer the proposal is theirs, and filters by kind', async () => {
    const asProposer = await fx
      .http()
      .get('/approvals?kind=APPROVE_PROPOSAL')
      .set('Authorization', bearer(['supervisor'], 'officer-1'))
      .expect(200);
    expect(asProposer.body.items.map((item: Item) => item.kind)).toEqual(['APPROVE_PROPOSAL']);
    expect(asProposer.body.items[0]).toMatchObject({
      proceedingId: proposed,
      proposedBy: 'officer-1',
      proposedByName: 'Oki Pendamping',
      proposedByYou: true,
    });
    const other = await fx.http().get('/approvals?kind=APPROVE_PROPOSAL').set('Authorization', SUPERVISOR).expect(200);
    expect(other.body.items[0].proposedByYou).toBe(false);

    const bad = await fx.http().get('/approvals?kind=EVERYTHING').set('Authorization', SUPERVISOR).expect(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    await fx
      .http()
      .get('/approvals')
      .set('Authorization', bearer(['officer'], 'officer-1'))
      .expect(403);
  });

  it('answers the names of proposer, approver and recorders in the detail and the timeline', async () => {
    const detail = await fx.http().get(`/proceedings/${ready}`).set('Authorization', SUPERVISOR).expect(200);
    expect(detail.body).toMatchObject({
      proposedBy: 'officer-1',
      proposedByName: 'Oki Pendamping',
      approvedBy: 'supervisor-1',
      approvedByName: 'Sri Wahyuni',
      openedBy: 'officer-1',
      openedByName: 'Oki Pendamping',
      notice: { recordedBy: 'officer-1', recordedByName: 'Oki Pendamping' },
    });
    const timeline = await fx.http().get(`/proceedings/${ready}/timeline`).set('Authorization', SUPERVISOR).expect(200);
    const approved = timeline.body.items.find((item: { action: string }) => item.action === 'proceeding.approved');
    expect(approved).toMatchObject({ actorId: 'supervisor-1', actorName: 'Sri Wahyuni' });
  });
});
