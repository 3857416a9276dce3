import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { InboxService } from '@koperasi/platform';
import { signedEvent } from '@koperasi/testing';
import { cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

describe('registry cooperatives (HTTP + events)', () => {
  let f: RegistryFixture;
  beforeAll(async () => {
    f = await startRegistry();
  });
  afterAll(() => f.close());

  const register = async (overrides: Record<string, unknown> = {}) => {
    const response = await f.as(['registrar']).post('/cooperatives').send(cooperativeBody(overrides)).expect(201);
    return response.body as {
      id: string;
      status: string;
      version: number;
      legalEntityNumber: string;
      nik: string | null;
    };
  };

  describe('register', () => {
    it('registers an ACTIVE cooperative, writes its first history entry and publishes cooperative-registered', async () => {
      const body = cooperativeBody({
        nik: '6271010203040506',
        nikCertificateStatus: 'CERTIFIED',
        nikCertificateIssuedOn: '2024-01-10',
      });
      const response = await f.as(['registrar']).post('/cooperatives').send(body).expect(201);
      expect(response.body).toMatchObject({
        status: 'ACTIVE',
        form: 'PRIMARY_CITY',
        scheme: 'CONVENTIONAL',
        city: 'Palangka Raya',
        nikCertificateExpiresOn: '2026-01-10',
        lastRatYear: null,
      });
      const history = await f.as(['manager']).get(`/cooperatives/${response.body.id}/status-history`).expect(200);
      expect(history.body).toEqual([
        expect.objectContaining({ from: null, to: 'ACTIVE', reason: 'Registered', actorId: 'registrar-1' }),
      ]);
      const events = await f.published('registry.cooperative-registered.v1');
      expect(events.find((e) => e.data.cooperativeId === response.body.id)?.data).toMatchObject({
        name: body.name,
        legalEntityNumber: body.legalEntityNumber,
        nik: '6271010203040506',
        kecamatan: 'Pahandut',
        kelurahan: 'Langkai',
        type: 'SAVINGS_AND_LOAN',
        status: 'ACTIVE',
      });
    });

    it.each([
      ['a missing name', { name: undefined }, 'VALIDATION_FAILED'],
      ['a 15-digit NIK', { nik: '627101020304050' }, 'VALIDATION_FAILED'],
      ['an unknown type', { type: 'BANK' }, 'VALIDATION_FAILED'],
      ['an impossible date', { legalEntityDate: '2023-02-30' }, 'VALIDATION_FAILED'],
      ['an Indonesian-format date', { legalEntityDate: '14/03/2005' }, 'VALIDATION_FAILED'],
      ['a future date', { legalEntityDate: '2999-01-01' }, 'DATE_IN_FUTURE'],
      ['an unknown field', { colour: 'red' }, 'VALIDATION_FAILED'],
      ['negative members', { membersMale: -1 }, 'VALIDATION_FAILED'],
    ])('refuses %s with 400 and changes nothing', async (_what, overrides, code) => {
      const before = await f.counts();
      const response = await f.as(['registrar']).post('/cooperatives').send(cooperativeBody(overrides)).expect(400);
      expect(response.body.error.code).toBe(code);
      expect(await f.counts()).toEqual(before);
    });

    it('refuses an amendment dated before the legal entity with 422', async () => {
      const before = await f.counts();
      const response = await f
        .as(['registrar'])
        .post('/cooperatives')
        .send(cooperativeBody({ articlesAmendmentDate: '2001-01-01' }))
        .expect(422);
      expect(response.body.error.code).toBe('AMENDMENT_BEFORE_LEGAL_ENTITY');
      expect(await f.counts()).toEqual(before);
    });

    it('refuses a duplicate legal-entity number or NIK with 409', async () => {
      const first = await register({ nik: '6271000000000001' });
      const before = await f.counts();
      const sameNumber = await f
        .as(['registrar'])
        .post('/cooperatives')
        .send(cooperativeBody({ legalEntityNumber: first.legalEntityNumber }))
        .expect(409);
      expect(sameNumber.body.error.code).toBe('LEGAL_ENTITY_NUMBER_TAKEN');
      const sameNik = await f
        .as(['registrar'])
        .post('/cooperatives')
        .send(cooperativeBody({ nik: '6271000000000001' }))
        .expect(409);
      expect(sameNik.body.error.code).toBe('NIK_TAKEN');
      expect(await f.counts()).toEqual(before);
    });

    it('lets only registrars register', async () => {
      const before = await f.counts();
      const response = await f.as(['manager']).post('/cooperatives').send(cooperativeBody()).expect(403);
      expect(response.body.error.code).toBe('FORBIDDEN_ROLE');
      expect(await f.counts()).toEqual(before);
    });
  });

  describe('read and update', () => {
    it('answers 404 for an unknown cooperative and 400 for a malformed id', async () => {
      expect(
        (await f.as(['officer']).get('/cooperatives/00000000-0000-4000-8000-000000000000').expect(404)).body.error.code,
      ).toBe('COOPERATIVE_NOT_FOUND');
      expect((await f.as(['officer']).get('/cooperatives/not-a-uuid').expect(400)).body.error.code).toBe(
        'INVALID_IDENTIFIER',
      );
    });

    it('updates details, bumps the version and publishes the changed fields; a no-op publishes nothing', async () => {
      const coop = await register();
      const updated = await f
        .as(['registrar'])
        .patch(`/cooperatives/${coop.id}`)
        .send({ kecamatan: 'Sabangau', kelurahan: 'Kalampangan', expectedVersion: coop.version })
        .expect(200);
      expect(updated.body).toMatchObject({
        kecamatan: 'Sabangau',
        kelurahan: 'Kalampangan',
        version: coop.version + 1,
      });
      const changed = (await f.published('registry.cooperative-details-changed.v1')).filter(
        (e) => e.data.cooperativeId === coop.id,
      );
      expect(changed).toHaveLength(1);
      expect(changed[0].data).toMatchObject({
        kecamatan: 'Sabangau',
        changedFields: expect.arrayContaining(['kecamatan', 'kelurahan']),
      });
      expect(changed[0].data.changedFields).toHaveLength(2);

      await f.as(['registrar']).patch(`/cooperatives/${coop.id}`).send({ kecamatan: 'Sabangau' }).expect(200);
      expect(
        (await f.published('registry.cooperative-details-changed.v1')).filter((e) => e.data.cooperativeId === coop.id),
      ).toHaveLength(1);
    });

    it.each([
      ['a stale version', () => ({ name: 'Koperasi Baru', expectedVersion: 99 }), 409, 'STALE_VERSION'],
      ['clearing a required field', () => ({ name: null }), 400, 'VALIDATION_FAILED'],
      ['a bad enumeration', () => ({ scheme: 'ISLAMIC' }), 400, 'VALIDATION_FAILED'],
      ['a changed status', () => ({ status: 'INACTIVE' }), 400, 'VALIDATION_FAILED'],
    ])('refuses %s and changes nothing', async (_what, body, status, code) => {
      const coop = await register();
      const before = await f.counts();
      const response = await f.as(['registrar']).patch(`/cooperatives/${coop.id}`).send(body()).expect(status);
      expect(response.body.error.code).toBe(code);
      expect(await f.counts()).toEqual(before);
    });

    it("refuses to take another cooperative's legal-entity number", async () => {
      const a = await register();
      const b = await register();
      const before = await f.counts();
      const response = await f
        .as(['registrar'])
        .patch(`/cooperatives/${b.id}`)
        .send({ legalEntityNumber: a.legalEntityNumber })
        .expect(409);
      expect(response.body.error.code).toBe('LEGAL_ENTITY_NUMBER_TAKEN');
      expect(await f.counts()).toEqual(before);
    });
  });

  describe('list', () => {
    it('filters, sorts, counts and pages with a keyset cursor', async () => {
      const tag = `Zeta${Date.now()}`;
      for (let i = 0; i < 5; i++)
        await register({ name: `Koperasi ${tag} ${i}`, kecamatan: 'Rakumpit', kelurahan: 'Pager', type: 'MARKETING' });
      await register({
        name: `Koperasi ${tag} other`,
        kecamatan: 'Bukit Batu',
        kelurahan: 'Marang',
        type: 'MARKETING',
      });
      const first = await f
        .as(['manager'])
        .get(`/cooperatives?q=${tag.toLowerCase()}&kecamatan=Rakumpit&type=MARKETING&status=ACTIVE&limit=2&sort=name`)
        .expect(200);
      expect(first.body.total).toBe(5);
      expect(first.body.items.map((c: { name: string }) => c.name)).toEqual([`Koperasi ${tag} 0`, `Koperasi ${tag} 1`]);
      const second = await f
        .as(['manager'])
        .get(`/cooperatives?q=${tag}&kecamatan=Rakumpit&limit=2&sort=name&after=${first.body.nextCursor}`)
        .expect(200);
      expect(second.body.items.map((c: { name: string }) => c.name)).toEqual([
        `Koperasi ${tag} 2`,
        `Koperasi ${tag} 3`,
      ]);
      const desc = await f.as(['manager']).get(`/cooperatives?q=${tag}&sort=name&order=desc&limit=1`).expect(200);
      expect(desc.body.items[0].name).toBe(`Koperasi ${tag} other`);
      const none = await f
        .as(['manager'])
        .get('/cooperatives?lastRatYear=2020&nikCertificateStatus=EXPIRED')
        .expect(200);
      expect(none.body).toMatchObject({ total: 0, items: [] });
    });

    it.each([
      ['an unknown status', '?status=SLEEPING', 'VALIDATION_FAILED'],
      ['a page too large', '?limit=1000', 'VALIDATION_FAILED'],
      ['a forged cursor', '?after=bm9wZQ', 'INVALID_CURSOR'],
    ])('refuses %s', async (_what, query, code) => {
      expect((await f.as(['manager']).get(`/cooperatives${query}`).expect(400)).body.error.code).toBe(code);
    });
  });

  describe('status changes', () => {
    it('lets a registrar set INACTIVE by hand, with history and a status-changed event', async () => {
      const coop = await register();
      await f
        .as(['supervisor'])
        .post(`/cooperatives/${coop.id}/status`)
        .send({ to: 'INACTIVE', reason: 'Field visit: office closed' })
        .expect(200);
      const event = (await f.published('registry.cooperative-status-changed.v1')).find(
        (e) => e.data.cooperativeId === coop.id,
      );
      expect(event?.data).toMatchObject({
        from: 'ACTIVE',
        to: 'INACTIVE',
        status: 'INACTIVE',
        reason: 'Field visit: office closed',
        triggeringEventId: null,
      });
    });

    it("numbers every event about a cooperative with the registry's version after the change", async () => {
      const coop = await register();
      await f.as(['registrar']).patch(`/cooperatives/${coop.id}`).send({ kecamatan: 'Sabangau' }).expect(200);
      for (const to of ['INACTIVE', 'ACTIVE'])
        await f.as(['supervisor']).post(`/cooperatives/${coop.id}/status`).send({ to, reason: 'By hand' }).expect(200);

      const rows: { type: string; version: number | null }[] = await f.db.query(
        `SELECT type, (envelope->'data'->>'cooperativeVersion')::int AS version FROM outbox
         WHERE envelope->'data'->>'cooperativeId' = $1 ORDER BY id`,
        [coop.id],
      );
      expect(rows).toEqual([
        { type: 'registry.cooperative-registered.v1', version: 1 },
        { type: 'registry.cooperative-details-changed.v1', version: 2 },
        { type: 'registry.cooperative-status-changed.v1', version: 3 },
        { type: 'registry.cooperative-status-changed.v1', version: 4 },
      ]);
      expect((await f.as(['manager']).get(`/cooperatives/${coop.id}`).expect(200)).body.version).toBe(4);
    });

    it('answers 409 with the current status for a forbidden or non-manual transition, changing nothing', async () => {
      const coop = await register();
      const before = await f.counts();
      const forbidden = await f
        .as(['registrar'])
        .post(`/cooperatives/${coop.id}/status`)
        .send({ to: 'DISSOLVED', reason: 'Wrong' })
        .expect(409);
      expect(forbidden.body.error).toMatchObject({
        code: 'INVALID_STATUS_TRANSITION',
        details: { currentStatus: 'ACTIVE', requestedStatus: 'DISSOLVED' },
      });
      await f
        .as(['registrar'])
        .post(`/cooperatives/${coop.id}/status`)
        .send({ to: 'INACTIVE', reason: 'Dormant' })
        .expect(200);
      const afterFirst = await f.counts();
      const notManual = await f
        .as(['registrar'])
        .post(`/cooperatives/${coop.id}/status`)
        .send({ to: 'IN_DISSOLUTION', reason: 'Wrong' })
        .expect(409);
      expect(notManual.body.error).toMatchObject({
        code: 'STATUS_CHANGE_NOT_MANUAL',
        details: { currentStatus: 'INACTIVE' },
      });
      expect(await f.counts()).toEqual(afterFirst);
      expect(before.status_history + 1).toBe(afterFirst.status_history);
      expect(
        (
          await f
            .as(['manager'])
            .post(`/cooperatives/${coop.id}/status`)
            .send({ to: 'ACTIVE', reason: 'x' })
            .expect(403)
        ).body.error.code,
      ).toBe('FORBIDDEN_ROLE');
    });
  });

  describe('events from the dissolution service', () => {
    it('walks a cooperative through dissolution, recording the triggering events', async () => {
      const coop = await register({ initialStatus: 'INACTIVE' });
      const ids = { cooperativeId: coop.id, proceedingId: 'p-1' };
      const approved = await f.deliver('dissolution.proceeding-approved.v1', {
        ...ids,
        grounds: ['NO_MEETING_3_YEARS'],
        approvedBy: 'supervisor-1',
        approvedAt: new Date().toISOString(),
        expectedStatus: 'INACTIVE',
      });
      const decree = await f.deliver('dissolution.decree-recorded.v1', {
        ...ids,
        decreeNumber: 'SK-1/2024',
        decreeDate: '2024-05-01',
        expectedStatus: 'IN_DISSOLUTION',
      });
      const gazette = await f.deliver('dissolution.gazette-published.v1', {
        ...ids,
        publishedOn: '2024-09-01',
        expectedStatus: 'DISSOLVED',
      });
      const history = (await f.as(['manager']).get(`/cooperatives/${coop.id}/status-history`).expect(200)).body;
      expect(history.map((h: { to: string; triggeringEventId: string | null }) => [h.to, h.triggeringEventId])).toEqual(
        [
          ['INACTIVE', null],
          ['IN_DISSOLUTION', approved],
          ['DISSOLVED', decree],
          ['LEGAL_ENTITY_REVOKED', gazette],
        ],
      );
      const events = (await f.published('registry.cooperative-status-changed.v1')).filter(
        (e) => e.data.cooperativeId === coop.id,
      );
      expect(events.map((e) => [e.data.from, e.data.to, e.data.triggeringEventId])).toEqual([
        ['INACTIVE', 'IN_DISSOLUTION', approved],
        ['IN_DISSOLUTION', 'DISSOLVED', decree],
        ['DISSOLVED', 'LEGAL_ENTITY_REVOKED', gazette],
      ]);
    });

    it('returns to INACTIVE on an upheld objection or a withdrawal after approval, not on one before', async () => {
      const a = await register({ initialStatus: 'INACTIVE' });
      const b = await register({ initialStatus: 'INACTIVE' });
      for (const coop of [a, b]) {
        await f.deliver('dissolution.proceeding-approved.v1', {
          cooperativeId: coop.id,
          proceedingId: `p-${coop.id}`,
          grounds: ['NO_BUSINESS_2_YEARS'],
          approvedBy: 's',
          approvedAt: new Date().toISOString(),
          expectedStatus: 'INACTIVE',
        });
      }
      await f.deliver('dissolution.objection-upheld.v1', {
        cooperativeId: a.id,
        proceedingId: `p-${a.id}`,
        reason: 'The board showed a RAT',
        decidedBy: 's',
        expectedStatus: 'IN_DISSOLUTION',
      });
      await f.deliver('dissolution.proceeding-withdrawn.v1', {
        cooperativeId: b.id,
        proceedingId: `p-${b.id}`,
        reason: 'Debts found',
        wasApproved: true,
        expectedStatus: 'IN_DISSOLUTION',
      });
      expect((await f.as(['manager']).get(`/cooperatives/${a.id}`)).body.status).toBe('INACTIVE');
      expect((await f.as(['manager']).get(`/cooperatives/${b.id}`)).body.status).toBe('INACTIVE');

      const c = await register({ initialStatus: 'INACTIVE' });
      const before = await f.counts();
      await f.deliver('dissolution.proceeding-withdrawn.v1', {
        cooperativeId: c.id,
        proceedingId: 'p-c',
        reason: 'Drafted by mistake',
        wasApproved: false,
        expectedStatus: null,
      });
      expect((await f.as(['manager']).get(`/cooperatives/${c.id}`)).body.status).toBe('INACTIVE');
      expect(await f.counts()).toEqual(before);
    });

    it('applies upheld objections that arrive together as one batch, each with its own context; one for an unknown cooperative alone is dead-lettered', async () => {
      const inDissolution = [];
      for (let i = 0; i < 4; i += 1) {
        const coop = await register({ initialStatus: 'INACTIVE' });
        await f.deliver('dissolution.proceeding-approved.v1', {
          cooperativeId: coop.id,
          proceedingId: `pb-${coop.id}`,
          grounds: ['NO_BUSINESS_2_YEARS'],
          approvedBy: 's',
          approvedAt: new Date().toISOString(),
          expectedStatus: 'INACTIVE',
        });
        inDissolution.push(coop);
      }
      const unknown = { id: randomUUID() };
      const events = [...inDissolution, unknown].map((coop) =>
        signedEvent({
          eventId: randomUUID(),
          type: 'dissolution.objection-upheld.v1' as const,
          occurredAt: new Date().toISOString(),
          correlationId: `corr-${coop.id}`,
          actor: { id: 'supervisor-7' },
          data: {
            cooperativeId: coop.id,
            proceedingId: `pb-${coop.id}`,
            reason: 'The board showed a RAT',
            decidedBy: 'supervisor-7',
            expectedStatus: 'IN_DISSOLUTION',
          },
        }),
      );
      const inbox = f.app.get(InboxService);
      const outcomes = await Promise.allSettled(
        events.map((event) =>
          inbox.process({
            id: event.eventId,
            name: event.type,
            data: event,
            opts: {},
            attemptsMade: 0,
          } as unknown as Job),
        ),
      );

      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'rejected',
      ]);
      const published = await f.published('registry.cooperative-status-changed.v1');
      for (const [index, coop] of inDissolution.entries()) {
        expect((await f.as(['manager']).get(`/cooperatives/${coop.id}`)).body.status).toBe('INACTIVE');
        const [history] = await f.db.query(
          `SELECT actor_id, triggering_event_id FROM status_history WHERE cooperative_id = $1 AND to_status = 'INACTIVE' AND from_status = 'IN_DISSOLUTION'`,
          [coop.id],
        );
        expect(history).toEqual({ actor_id: 'supervisor-7', triggering_event_id: events[index].eventId });
        const [audit] = await f.db.query(
          `SELECT correlation_id FROM audit_log WHERE entity_id = $1 AND action = 'cooperative.status-changed' AND after->>'status' = 'INACTIVE' ORDER BY id DESC LIMIT 1`,
          [coop.id],
        );
        expect(audit.correlation_id).toBe(events[index].correlationId);
        const event = published.find(
          (e) => e.data.cooperativeId === coop.id && e.data.to === 'INACTIVE' && e.data.from === 'IN_DISSOLUTION',
        );
        expect(event).toMatchObject({
          correlationId: events[index].correlationId,
          causationId: events[index].eventId,
          actor: { id: 'supervisor-7' },
        });
      }
      const [letter] = await f.db.query(`SELECT error_code FROM dead_letters WHERE event_id = $1`, [events[4].eventId]);
      expect(letter.error_code).toBe('COOPERATIVE_NOT_FOUND');
    });

    it('refuses a change from a status the event did not expect with an event (not a dead letter); dead-letters an unknown cooperative', async () => {
      const coop = await register();
      const decree = await f.deliver('dissolution.decree-recorded.v1', {
        cooperativeId: coop.id,
        proceedingId: 'p-x',
        decreeNumber: 'SK-9',
        decreeDate: '2024-05-01',
        expectedStatus: 'IN_DISSOLUTION',
      });
      const gazette = await f.deliver('dissolution.gazette-published.v1', {
        cooperativeId: '00000000-0000-4000-8000-000000000001',
        proceedingId: 'p-y',
        publishedOn: '2024-09-01',
        expectedStatus: 'DISSOLVED',
      });
      expect((await f.as(['manager']).get(`/cooperatives/${coop.id}`)).body.status).toBe('ACTIVE');
      const refused = (await f.published('registry.status-change-refused.v1')).filter(
        (e) => e.data.cooperativeId === coop.id,
      );
      expect(refused.map((e) => e.data)).toEqual([
        expect.objectContaining({
          proceedingId: 'p-x',
          refusedEventId: decree,
          refusedEventType: 'dissolution.decree-recorded.v1',
          expectedStatus: 'IN_DISSOLUTION',
          actualStatus: 'ACTIVE',
          requestedStatus: 'DISSOLVED',
          reasonCode: 'STATUS_MISMATCH',
        }),
      ]);
      const letters = await f.db.query(
        `SELECT event_id, error_code FROM dead_letters WHERE event_id = ANY($1) ORDER BY created_at`,
        [[decree, gazette]],
      );
      expect(letters).toEqual([{ event_id: gazette, error_code: 'COOPERATIVE_NOT_FOUND' }]);
    });
  });
});
