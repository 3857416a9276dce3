import { alsoCount, cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

alsoCount('rats');

describe('registry statistics', () => {
  let f: RegistryFixture;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    f = await startRegistry();
    const register = async (key: string, overrides: Record<string, unknown>) => {
      ids[key] = (await f.as(['registrar']).post('/cooperatives').send(cooperativeBody(overrides)).expect(201)).body.id;
    };
    await register('a', { kecamatan: 'Pahandut', type: 'SAVINGS_AND_LOAN' });
    await register('b', { kecamatan: 'Pahandut', type: 'CONSUMER' });
    await register('c', {
      kecamatan: 'Sabangau',
      kelurahan: 'Kalampangan',
      type: 'CONSUMER',
      initialStatus: 'INACTIVE',
    });
    await f
      .as(['registrar'])
      .post(`/cooperatives/${ids.b}/status`)
      .send({ to: 'INACTIVE', reason: 'Dormant' })
      .expect(200);
    await f
      .as(['registrar'])
      .post(`/cooperatives/${ids.c}/rats`)
      .send({
        fiscalYear: 2023,
        meetingDate: '2024-07-15',
        reportedDate: '2024-07-20',
        membersPresent: 5,
        membersTotal: 9,
      })
      .expect(201);
    await f
      .as(['registrar'])
      .post(`/cooperatives/${ids.a}/rats`)
      .send({
        fiscalYear: 2023,
        meetingDate: '2024-03-15',
        reportedDate: '2024-03-20',
        membersPresent: 5,
        membersTotal: 9,
      })
      .expect(201);
    // Put the history in the past: registrations recorded in January 2024 (in effect since the
    // legal-entity date, 14 March 2005); b's inactivation and c's reactivation at 00:30 WIB on
    // 1 March 2024 (still 29 February in UTC).
    await f.db.query(`UPDATE status_history SET at = '2024-01-10T03:00:00Z' WHERE from_status IS NULL`);
    await f.db.query(
      `UPDATE status_history SET at = '2024-02-29T17:30:00Z', effective_on = '2024-03-01' WHERE from_status IS NOT NULL`,
    );
  });
  afterAll(() => f.close());

  it('counts by status, kecamatan, type and RAT year now', async () => {
    const body = (await f.as(['manager']).get('/statistics').expect(200)).body;
    expect(body).toMatchObject({ asOf: null, total: 3, byStatus: { ACTIVE: 2, INACTIVE: 1, IN_DISSOLUTION: 0 } });
    expect(body.byKecamatan).toEqual([
      { key: 'Pahandut', total: 2, byStatus: expect.objectContaining({ ACTIVE: 1, INACTIVE: 1 }) },
      { key: 'Sabangau', total: 1, byStatus: expect.objectContaining({ ACTIVE: 1 }) },
    ]);
    expect(body.byType.map((g: { key: string; total: number }) => [g.key, g.total])).toEqual([
      ['CONSUMER', 2],
      ['SAVINGS_AND_LOAN', 1],
    ]);
    expect(body.ratsByFiscalYear).toEqual([{ fiscalYear: 2023, count: 2, late: 1 }]);
  });

  it('reconstructs a past date from the status history, by effective date', async () => {
    const feb = (await f.as(['manager']).get('/statistics?asOf=2024-02-29').expect(200)).body;
    expect(feb).toMatchObject({ asOf: '2024-02-29', total: 3, byStatus: { ACTIVE: 2, INACTIVE: 1 } });
    expect(feb.ratsByFiscalYear).toEqual([]);
    const march = (await f.as(['manager']).get('/statistics?asOf=2024-03-01').expect(200)).body;
    expect(march.byStatus).toMatchObject({ ACTIVE: 2, INACTIVE: 1 });
    expect(march.byKecamatan.find((g: { key: string }) => g.key === 'Pahandut').byStatus).toMatchObject({
      ACTIVE: 1,
      INACTIVE: 1,
    });
    expect(march.byKecamatan.find((g: { key: string }) => g.key === 'Sabangau').byStatus).toMatchObject({
      ACTIVE: 1,
      INACTIVE: 0,
    });
    const march31 = (await f.as(['manager']).get('/statistics?asOf=2024-03-31').expect(200)).body;
    expect(march31.ratsByFiscalYear).toEqual([{ fiscalYear: 2023, count: 1, late: 0 }]);
    // Registered in 2024 but in effect since the legal-entity date: a past year is not empty.
    expect((await f.as(['manager']).get('/statistics?asOf=2023-12-31').expect(200)).body).toMatchObject({
      total: 3,
      byStatus: { ACTIVE: 2, INACTIVE: 1 },
    });
    expect((await f.as(['manager']).get('/statistics?asOf=2005-03-14').expect(200)).body.total).toBe(3);
    expect((await f.as(['manager']).get('/statistics?asOf=2005-03-13').expect(200)).body.total).toBe(0);
  });

  it('counts transitions into each status within a period of office days', async () => {
    const day = (await f.as(['manager']).get('/statistics/transitions?from=2024-03-01&to=2024-03-01').expect(200)).body;
    expect(day).toMatchObject({ utcOffsetMinutes: 420, registered: 0, into: { ACTIVE: 1, INACTIVE: 1 } });
    expect(day.transitions).toEqual([
      { from: 'ACTIVE', to: 'INACTIVE', count: 1 },
      { from: 'INACTIVE', to: 'ACTIVE', count: 1 },
    ]);
    const before = (await f.as(['manager']).get('/statistics/transitions?from=2024-01-01&to=2024-02-29').expect(200))
      .body;
    // Recorded in January 2024, the registrations took effect on the legal-entity date.
    expect(before).toMatchObject({ registered: 0, into: { ACTIVE: 0, INACTIVE: 0 } });
    const founding = (await f.as(['manager']).get('/statistics/transitions?from=2005-03-14&to=2005-03-14').expect(200))
      .body;
    expect(founding).toMatchObject({ registered: 3, into: { ACTIVE: 0, INACTIVE: 0 } });
    const sabangau = (
      await f
        .as(['manager'])
        .get('/statistics/transitions?from=2024-01-01&to=2024-12-31&kecamatan=Sabangau')
        .expect(200)
    ).body;
    expect(sabangau).toMatchObject({ kecamatan: 'Sabangau', registered: 0, into: { ACTIVE: 1, INACTIVE: 0 } });
  });

  it.each([
    ['/statistics?asOf=2999-01-01', 'DATE_IN_FUTURE'],
    ['/statistics?asOf=01/03/2024', 'VALIDATION_FAILED'],
    ['/statistics/transitions?from=2024-03-02&to=2024-03-01', 'INVALID_PERIOD'],
    ['/statistics/transitions?from=2019-01-01&to=2024-12-31', 'INVALID_PERIOD'],
    ['/statistics/transitions?from=2024-03-01', 'VALIDATION_FAILED'],
  ])('refuses %s', async (url, code) => {
    expect((await f.as(['manager']).get(url).expect(400)).body.error.code).toBe(code);
  });
});
