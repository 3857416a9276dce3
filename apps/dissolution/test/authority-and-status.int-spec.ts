import { randomUUID } from 'node:crypto';
import {
  approvedProceeding,
  as,
  DEBT_CHECK,
  type DissolutionFixture,
  FIELD_CHECK,
  MANAGER,
  OFFICER,
  OFFICER_2,
  officeDay,
  proposedProceeding,
  ratRecorded,
  readyForDecree,
  registered,
  startDissolution,
  statusChanged,
  stepOf,
  SUPERVISOR,
  SUPERVISOR_2,
} from './dissolution-fixture';

/** Who may act, which cooperative status each step needs, and what supervisors are told. */
describe('dissolution: who may act, the cooperative status each step needs, notifications', () => {
  let fx: DissolutionFixture;

  beforeAll(async () => {
    fx = await startDissolution();
  });

  afterAll(() => fx.close());

  const post = (id: string, path: string, auth: string, body: object = {}) =>
    fx.http().post(`/proceedings/${id}/${path}`).set('Authorization', auth).send(body);

  describe('an ACTIVE cooperative is never taken towards dissolution', () => {
    it('refuses to open a proceeding for a cooperative the read model has ACTIVE', async () => {
      const cooperativeId = randomUUID();
      await fx.deliver('registry.cooperative-registered.v1', registered(cooperativeId, { status: 'ACTIVE' }));
      const before = await fx.snapshot();
      const refused = await fx
        .http()
        .post('/proceedings')
        .set('Authorization', OFFICER)
        .send({ cooperativeId, grounds: ['NO_MEETING_3_YEARS'] })
        .expect(422);
      expect(refused.body.error).toMatchObject({
        code: 'COOPERATIVE_NOT_ELIGIBLE',
        details: { cooperativeId, action: 'OPEN', status: 'ACTIVE', allowed: ['INACTIVE'] },
      });
      expect(await fx.snapshot()).toEqual(before);
    });

    it('refuses to propose or approve once the cooperative became ACTIVE (a RAT revived it)', async () => {
      const cooperativeId = randomUUID();
      const draftId = await proposedProceeding(fx, cooperativeId);
      await fx.deliver('registry.cooperative-status-changed.v1', statusChanged(cooperativeId, 'INACTIVE', 'ACTIVE'));
      const approve = await post(draftId, 'approve', SUPERVISOR, { approvedOn: officeDay(-1) }).expect(422);
      expect(approve.body.error).toMatchObject({
        code: 'COOPERATIVE_NOT_ELIGIBLE',
        details: { action: 'APPROVE', status: 'ACTIVE' },
      });
      expect(await stepOf(fx, draftId)).toBe('PROPOSED');

      const other = randomUUID();
      await fx.deliver('registry.cooperative-registered.v1', registered(other));
      const opened = await fx
        .http()
        .post('/proceedings')
        .set('Authorization', OFFICER)
        .send({ cooperativeId: other, grounds: ['NO_MEETING_3_YEARS'] })
        .expect(201);
      await fx
        .http()
        .patch(`/proceedings/${opened.body.id}/proposal`)
        .set('Authorization', OFFICER)
        .send({ fieldCheck: FIELD_CHECK, debtCheck: DEBT_CHECK })
        .expect(200);
      await fx.deliver('registry.cooperative-status-changed.v1', statusChanged(other, 'INACTIVE', 'ACTIVE'));
      const propose = await post(opened.body.id, 'propose', OFFICER).expect(422);
      expect(propose.body.error).toMatchObject({ code: 'COOPERATIVE_NOT_ELIGIBLE', details: { action: 'PROPOSE' } });
    });

    it('refuses the decree unless the registry has the cooperative IN_DISSOLUTION', async () => {
      const cooperativeId = randomUUID();
      const id = await readyForDecree(fx, cooperativeId);
      // The registry refused the approval or undid it: the read model says INACTIVE again.
      await fx.deliver(
        'registry.cooperative-status-changed.v1',
        statusChanged(cooperativeId, 'IN_DISSOLUTION', 'ACTIVE'),
      );
      const refused = await post(id, 'decree', SUPERVISOR_2, { number: 'SK-X', date: officeDay(-200) }).expect(422);
      expect(refused.body.error).toMatchObject({
        code: 'COOPERATIVE_NOT_ELIGIBLE',
        details: { action: 'RECORD_DECREE', status: 'ACTIVE', allowed: ['IN_DISSOLUTION'] },
      });
      expect(await stepOf(fx, id)).toBe('READY_FOR_DECREE');
    });
  });

  describe('who may act', () => {
    it('an officer acts only on the proceedings they opened or proposed; a supervisor on all', async () => {
      const id = await proposedProceeding(fx);
      const before = await fx.snapshot();
      const withdraw = await post(id, 'withdraw', OFFICER_2, { reason: 'Not my call' }).expect(403);
      expect(withdraw.body.error).toMatchObject({
        code: 'NOT_YOUR_PROCEEDING',
        details: { openedBy: 'officer-1', proposedBy: 'officer-1' },
      });
      const edit = await fx
        .http()
        .patch(`/proceedings/${id}/proposal`)
        .set('Authorization', OFFICER_2)
        .send({ grounds: ['NON_COMPLIANT'] })
        .expect(403);
      expect(edit.body.error.code).toBe('NOT_YOUR_PROCEEDING');
      expect(await fx.snapshot()).toEqual(before);

      const approved = await approvedProceeding(fx);
      const notice = await post(approved, 'notice', OFFICER_2, {
        method: 'REGISTERED_MAIL_BOARD',
        sentOn: officeDay(-3),
        receivedOn: officeDay(-2),
      }).expect(403);
      expect(notice.body.error.code).toBe('NOT_YOUR_PROCEEDING');
      await post(approved, 'notice', SUPERVISOR_2, {
        method: 'REGISTERED_MAIL_BOARD',
        sentOn: officeDay(-3),
        receivedOn: officeDay(-2),
      }).expect(200);
      await post(approved, 'objection', OFFICER, {
        receivedOn: officeDay(-1),
        filedBy: 'Board',
        grounds: 'We object',
      }).expect(200);
    });

    it('four-eyes bound to authorship: a supervisor who edited the proposal cannot approve or reject it', async () => {
      const id = await proposedProceeding(fx);
      const editor = as(['supervisor'], 'supervisor-7');
      // A supervisor edits an officer's draft before the officer proposes it.
      const cooperativeId = randomUUID();
      await fx.deliver('registry.cooperative-registered.v1', registered(cooperativeId));
      const opened = await fx
        .http()
        .post('/proceedings')
        .set('Authorization', OFFICER)
        .send({ cooperativeId, grounds: ['NO_MEETING_3_YEARS'] })
        .expect(201);
      await fx
        .http()
        .patch(`/proceedings/${opened.body.id}/proposal`)
        .set('Authorization', editor)
        .send({ fieldCheck: FIELD_CHECK, debtCheck: DEBT_CHECK })
        .expect(200);
      const proposed = await post(opened.body.id, 'propose', OFFICER).expect(200);
      expect(proposed.body.proposalAuthors).toEqual(['officer-1', 'supervisor-7']);
      for (const [path, body] of [
        ['approve', {}],
        ['reject', { reason: 'I wrote part of it' }],
      ] as const) {
        const refused = await post(opened.body.id, path, editor, body).expect(403);
        expect(refused.body.error).toMatchObject({
          code: 'FOUR_EYES_VIOLATION',
          details: { proposalAuthors: ['officer-1', 'supervisor-7'] },
        });
      }
      // Someone who did not write it approves; the editor may approve proposals written by others.
      await post(opened.body.id, 'approve', SUPERVISOR, { approvedOn: officeDay(-1) }).expect(200);
      await post(id, 'approve', editor, { approvedOn: officeDay(-1) }).expect(200);
    });
  });

  describe('notifications for supervisors, as a kind with parameters, with read state', () => {
    const SUPERVISOR_READER = as(['supervisor'], 'supervisor-reader');

    it('tells supervisors when a proposal awaits approval and when an objection decision is due', async () => {
      const cooperativeId = randomUUID();
      const id = await approvedProceeding(fx, cooperativeId, officeDay(-20));
      await post(id, 'notice', OFFICER, {
        method: 'REGISTERED_MAIL_BOARD',
        sentOn: officeDay(-12),
        receivedOn: officeDay(-10),
      }).expect(200);
      await post(id, 'objection', OFFICER, {
        receivedOn: officeDay(-4),
        filedBy: 'Board',
        grounds: 'We still operate',
      }).expect(200);

      const list = await fx
        .http()
        .get('/notifications')
        .query({ limit: 200 })
        .set('Authorization', SUPERVISOR_READER)
        .expect(200);
      const mine = (
        list.body.items as { proceedingId: string; kind: string; params: object; message: string }[]
      ).filter((item) => item.proceedingId === id);
      expect(mine.map((item) => item.kind).sort()).toEqual(['OBJECTION_DECISION_DUE', 'PROPOSAL_AWAITS_APPROVAL']);
      const name = `Koperasi ${cooperativeId.slice(0, 6)}`;
      expect(mine.find((item) => item.kind === 'PROPOSAL_AWAITS_APPROVAL')).toMatchObject({
        params: { cooperativeId, cooperativeName: name, proposedById: 'officer-1' },
        message: expect.stringContaining(name),
      });
      expect(mine.find((item) => item.kind === 'OBJECTION_DECISION_DUE')).toMatchObject({
        params: { cooperativeName: name, receivedOn: officeDay(-4), filedBy: 'Board' },
      });

      const { unread } = (
        await fx.http().get('/notifications/unread-count').set('Authorization', SUPERVISOR_READER).expect(200)
      ).body;
      const first = mine[0] as unknown as { id: string };
      await fx.http().post(`/notifications/${first.id}/read`).set('Authorization', SUPERVISOR_READER).expect(200);
      const after = await fx
        .http()
        .get('/notifications/unread-count')
        .set('Authorization', SUPERVISOR_READER)
        .expect(200);
      expect(after.body.unread).toBe(unread - 1);
      // Read state is per user: another supervisor still has it unread.
      const other = await fx
        .http()
        .get('/notifications')
        .query({ unreadOnly: 'true', limit: 200 })
        .set('Authorization', SUPERVISOR_2)
        .expect(200);
      expect(other.body.items.map((item: { id: string }) => item.id)).toContain(first.id);
      await fx.http().post('/notifications/read-all').set('Authorization', SUPERVISOR_READER).expect(200);
      const none = await fx
        .http()
        .get('/notifications/unread-count')
        .set('Authorization', SUPERVISOR_READER)
        .expect(200);
      expect(none.body.unread).toBe(0);
      const managerOnly = await fx.http().get('/notifications').set('Authorization', MANAGER).expect(200);
      expect(managerOnly.body.items.map((item: { id: string }) => item.id)).not.toContain(first.id);
    });
  });

  describe('pipeline and search', () => {
    it('does not count a closed proceeding as flagged', async () => {
      const cooperativeId = randomUUID();
      const id = await proposedProceeding(fx, cooperativeId);
      await fx.deliver('registry.rat-recorded.v1', ratRecorded(cooperativeId));
      await post(id, 'reject', SUPERVISOR, { reason: 'The cooperative held its RAT' }).expect(200);
      const pipeline = await fx.http().get('/proceedings/pipeline').set('Authorization', MANAGER).expect(200);
      expect(pipeline.body.steps.find((row: { step: string }) => row.step === 'REJECTED')).toMatchObject({
        flagged: 0,
      });
      const flagged = await fx
        .http()
        .get('/proceedings')
        .query({ flagged: 'true', includeClosed: 'true', limit: 200 })
        .set('Authorization', MANAGER)
        .expect(200);
      expect(flagged.body.items.map((item: { id: string }) => item.id)).not.toContain(id);
    });

    it('finds proceedings by the cooperative id or part of its name, case-insensitively', async () => {
      const cooperativeId = randomUUID();
      await fx.deliver(
        'registry.cooperative-registered.v1',
        registered(cooperativeId, { name: 'Koperasi Serba Usaha Mandiri Jaya', kecamatan: 'Jekan Raya' }),
      );
      const opened = await fx
        .http()
        .post('/proceedings')
        .set('Authorization', OFFICER)
        .send({ cooperativeId })
        .expect(201);
      const search = (q: string) =>
        fx.http().get('/proceedings').query({ q, limit: 200 }).set('Authorization', MANAGER).expect(200);
      expect((await search('mandiri jaya')).body.items.map((item: { id: string }) => item.id)).toEqual([
        opened.body.id,
      ]);
      expect((await search(cooperativeId)).body.items.map((item: { id: string }) => item.id)).toEqual([opened.body.id]);
      expect((await search('100%')).body.items).toEqual([]);
      const byKecamatan = await fx
        .http()
        .get('/proceedings')
        .query({ kecamatan: 'jekan raya', limit: 200 })
        .set('Authorization', MANAGER)
        .expect(200);
      expect(byKecamatan.body.items.map((item: { id: string }) => item.id)).toContain(opened.body.id);
      const short = await fx.http().get('/proceedings').query({ q: 'ab' }).set('Authorization', MANAGER).expect(400);
      expect(short.body.error.code).toBe('VALIDATION_FAILED');
    });
  });
});
