import { cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

/** Issue 13: kecamatan and kelurahan are the city's reference data; filters ignore case. */
describe("registry: the city's kecamatan and kelurahan", () => {
  let f: RegistryFixture;
  beforeAll(async () => {
    f = await startRegistry();
  });
  afterAll(() => f.close());

  const register = (overrides: Record<string, unknown>) =>
    f.as(['registrar']).post('/cooperatives').send(cooperativeBody(overrides));

  it("lists Palangka Raya's five kecamatan with their 30 kelurahan for the pickers", async () => {
    const { items } = (await f.as(['officer']).get('/reference/kecamatan').expect(200)).body as {
      items: { name: string; kelurahan: string[] }[];
    };
    expect(items.map((item) => item.name)).toEqual(['Bukit Batu', 'Jekan Raya', 'Pahandut', 'Rakumpit', 'Sabangau']);
    expect(items.flatMap((item) => item.kelurahan)).toHaveLength(30);
    expect(items.find((item) => item.name === 'Pahandut')!.kelurahan).toContain('Langkai');
  });

  it('refuses a kecamatan of another city and a kelurahan outside its kecamatan, changing nothing', async () => {
    const before = await f.counts();
    const jakarta = (await register({ kecamatan: 'Kebayoran Baru', kelurahan: 'Senayan' }).expect(422)).body.error;
    expect(jakarta).toMatchObject({
      code: 'UNKNOWN_KECAMATAN',
      details: { field: 'kecamatan', value: 'Kebayoran Baru', known: expect.arrayContaining(['Pahandut']) },
    });
    const elsewhere = (await register({ kecamatan: 'Pahandut', kelurahan: 'Menteng' }).expect(422)).body.error;
    expect(elsewhere).toMatchObject({ code: 'KELURAHAN_NOT_IN_KECAMATAN', details: { field: 'kelurahan' } });
    expect(await f.counts()).toEqual(before);
  });

  it('stores the configured spelling of a name typed in another case, and refuses an edit to an unknown one', async () => {
    const coop = (await register({ kecamatan: 'jekan raya', kelurahan: 'MENTENG' }).expect(201)).body;
    expect(coop).toMatchObject({ kecamatan: 'Jekan Raya', kelurahan: 'Menteng' });
    const before = await f.counts();
    const edit = await f.as(['registrar']).patch(`/cooperatives/${coop.id}`).send({ kelurahan: 'Langkai' }).expect(422);
    expect(edit.body.error.code).toBe('KELURAHAN_NOT_IN_KECAMATAN');
    expect(await f.counts()).toEqual(before);
    expect((await f.as(['manager']).get(`/cooperatives/${coop.id}`)).body.kelurahan).toBe('Menteng');
  });

  it('matches the list and statistics filters case-insensitively', async () => {
    const coop = (await register({ kecamatan: 'Rakumpit', kelurahan: 'Pager' }).expect(201)).body;
    const listed = (await f.as(['manager']).get('/cooperatives?kecamatan=rakumpit&limit=200').expect(200)).body;
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(coop.id);
    expect(listed.items.every((item: { kecamatan: string }) => item.kecamatan === 'Rakumpit')).toBe(true);
    // A registration counts on the legal-entity date it took effect.
    const day = coop.legalEntityDate;
    const transitions = (
      await f.as(['manager']).get(`/statistics/transitions?from=${day}&to=${day}&kecamatan=RAKUMPIT`).expect(200)
    ).body;
    expect(transitions.registered).toBe(1);
  });

  it('refuses an import row with an unknown kecamatan, naming its row and column', async () => {
    const csv = [
      'name,legalEntityNumber,legalEntityDate,type,kelurahan,kecamatan',
      `Koperasi Betang,AREA/${process.pid}/1,2005-03-14,SERVICES,Langkai,Pahandut`,
      `Koperasi Jakarta,AREA/${process.pid}/2,2005-03-14,SERVICES,Senayan,Kebayoran Baru`,
    ].join('\n');
    const response = await f
      .as(['registrar'])
      .post('/imports/cooperatives')
      .attach('file', Buffer.from(csv, 'utf8'), 'areas.csv')
      .expect(422);
    expect(response.body.error.details.errors).toEqual([
      { row: 3, column: 'kecamatan', message: 'Kebayoran Baru is not a kecamatan of this city' },
    ]);
  });
});
