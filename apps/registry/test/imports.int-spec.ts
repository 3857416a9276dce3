import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import { QueueDirectory } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import { ImportsRunner } from '../src/imports/imports-runner.service';
import { alsoCount, cooperativeBody, startRegistry, type RegistryFixture } from './registry-fixture';

alsoCount('rats', 'import_runs');

const tag = `${process.pid}${Date.now()}`;
const COOPERATIVES_CSV = [
  'name;legalEntityNumber;legalEntityDate;nik;type;group;kelurahan;kecamatan;membersMale;membersFemale;status',
  `Koperasi Simpan Pinjam Betang;${tag}/BH/1;14/03/2005;6271000000000011;SAVINGS_AND_LOAN;KSP;Langkai;Pahandut;40;35;ACTIVE`,
  `"Koperasi Serba Usaha ""Isen""; Mulang";${tag}/BH/2;2010-07-01;;SERVICES;KSU;Marang;Bukit Batu;12;9;INACTIVE`,
  `Koperasi Tani Kahayan;${tag}/BH/3;01/02/1999;;BANK;KOPTAN;Sabaru;Sabangau;5;5;`,
  `Koperasi Karyawan Tambun;${tag}/BH/4;31/02/2001;;CONSUMER;KOPKAR;Menteng;Jekan Raya;20;20;`,
  `Koperasi Wanita Handep;${tag}/BH/1;05/05/2015;;SAVINGS_AND_LOAN;KOPWAN;Pager;Rakumpit;0;30;`,
  `Koperasi Unit Desa Rungan;${tag}/BH/6;05/05/2015;;PRODUCER;KUD;Pager;Rakumpit;1.250;30;`,
].join('\r\n');

type ImportView = {
  id: string;
  state: string;
  total: number;
  done: number;
  imported: number;
  rejectedRows: { row: number; column: string; message: string }[];
  failures: unknown[];
};

describe('registry CSV import and export', () => {
  let f: RegistryFixture;
  beforeAll(async () => {
    f = await startRegistry({ IMPORT_CHUNK_SIZE: '2' });
  });
  afterAll(() => f.close());

  const upload = (path: string, csv: string, query = '') =>
    f
      .as(['registrar'])
      .post(`${path}${query}`)
      .attach('file', Buffer.from(`\uFEFF${csv}`, 'utf8'), 'export.csv');
  const finished = (id: string) =>
    eventually(async () => {
      const run = (await f.as(['manager']).get(`/imports/${id}`).expect(200)).body as ImportView;
      return run.state === 'COMPLETED' ? run : null;
    }, `import ${id}`);

  it('refuses a file with bad rows, naming each row and column, and imports nothing', async () => {
    const before = await f.counts();
    const response = await upload('/imports/cooperatives', COOPERATIVES_CSV).expect(422);
    expect(response.body.error.code).toBe('IMPORT_ROWS_INVALID');
    expect(response.body.error.details).toMatchObject({ rowsInFile: 6, validRows: 3 });
    expect(response.body.error.details.errors).toEqual([
      { row: 4, column: 'type', message: expect.any(String) },
      { row: 5, column: 'legalEntityDate', message: '"31/02/2001" is not a valid date' },
      { row: 6, column: 'legalEntityNumber', message: `${tag}/BH/1 repeats row 2` },
    ]);
    expect(await f.counts()).toEqual(before);
  });

  it('imports only the valid rows when asked, as a job with progress', async () => {
    const started = (await upload('/imports/cooperatives', COOPERATIVES_CSV, '?validRowsOnly=true').expect(202))
      .body as ImportView;
    expect(started).toMatchObject({
      total: 3,
      rejectedRows: expect.arrayContaining([expect.objectContaining({ row: 4 })]),
    });
    const run = await finished(started.id);
    expect(run).toMatchObject({ done: 3, imported: 3, failures: [] });
    const list = (
      await f
        .as(['manager'])
        .get(`/cooperatives?q=${encodeURIComponent(`${tag}/BH`)}&sort=legalEntityNumber`)
        .expect(200)
    ).body;
    expect(
      list.items.map((c: { name: string; status: string; legalEntityDate: string; membersMale: number }) => [
        c.name,
        c.status,
        c.legalEntityDate,
        c.membersMale,
      ]),
    ).toEqual([
      ['Koperasi Simpan Pinjam Betang', 'ACTIVE', '2005-03-14', 40],
      ['Koperasi Serba Usaha "Isen"; Mulang', 'INACTIVE', '2010-07-01', 12],
      ['Koperasi Unit Desa Rungan', 'ACTIVE', '2015-05-05', 1250],
    ]);
    expect(
      (await f.published('registry.cooperative-registered.v1')).filter((e) => e.data.legalEntityNumber.startsWith(tag)),
    ).toHaveLength(3);
  });

  it('imports RAT history, reactivating an inactive cooperative', async () => {
    const csv = [
      'legalEntityNumber,fiscalYear,meetingDate,reportedDate,membersPresent,membersTotal,accountabilityReportReceived,ownCapital,surplus',
      `${tag}/BH/1,2022,15/03/2023,20/03/2023,50,75,ya,"250.000.000","-1.500.000,50"`,
      `${tag}/BH/1,2023,2024-08-01,2024-08-02,50,75,tidak,,`,
      `${tag}/BH/2,2023,2024-03-01,2024-03-02,10,21,yes,,`,
      `${tag}/BH/404,2023,2024-03-01,2024-03-02,10,21,,,`,
    ].join('\n');
    const refused = await upload('/imports/rats', csv).expect(422);
    expect(refused.body.error.details.errors).toEqual([
      { row: 5, column: 'legalEntityNumber', message: `no cooperative with legal-entity number ${tag}/BH/404` },
    ]);
    const run = await finished((await upload('/imports/rats', csv, '?validRowsOnly=true').expect(202)).body.id);
    expect(run).toMatchObject({ imported: 3 });
    const coops = (
      await f.as(['manager']).get(`/cooperatives?q=${encodeURIComponent(`${tag}/BH/`)}&sort=legalEntityNumber`)
    ).body.items;
    expect(coops[0]).toMatchObject({ lastRatYear: 2023 });
    expect(coops[1]).toMatchObject({ status: 'ACTIVE', lastRatYear: 2023 });
    const rats = (await f.as(['manager']).get(`/cooperatives/${coops[0].id}/rats`)).body;
    expect(
      rats.map((r: { fiscalYear: number; late: boolean; ownCapital: number | null; surplus: number | null }) => [
        r.fiscalYear,
        r.late,
        r.ownCapital,
        r.surplus,
      ]),
    ).toEqual([
      [2023, true, null, null],
      [2022, false, 250_000_000, -1_500_000.5],
    ]);
  });

  it('resumes an interrupted import where it stopped', async () => {
    const csv = [
      'name,legalEntityNumber,legalEntityDate,type,kelurahan,kecamatan',
      ...[1, 2, 3, 4, 5].map((n) => `Koperasi Resume ${n},${tag}/R/${n},2001-01-01,SERVICES,Pager,Rakumpit`),
    ].join('\n');
    const queue = f.app.get(QueueDirectory).get(REGISTRY_BATCH_QUEUE);
    await queue.pause();
    const started = (await upload('/imports/cooperatives', csv).expect(202)).body as ImportView;
    const runner = f.app.get(ImportsRunner);
    await runner.plan(started.id);
    expect(await runner.processChunk(started.id, 0)).toBe(false);
    expect(await runner.processChunk(started.id, 0)).toBe(false);
    expect((await f.as(['manager']).get(`/imports/${started.id}`)).body).toMatchObject({
      state: 'RUNNING',
      done: 2,
      total: 5,
    });
    await queue.resume();
    expect(await finished(started.id)).toMatchObject({ done: 5, imported: 5 });
    expect((await f.as(['manager']).get(`/cooperatives?q=${encodeURIComponent(`${tag}/R/`)}`)).body.total).toBe(5);
  });

  it('refuses when applied a row whose number or NIK was registered after the upload, and registers the rest of its chunk in full', async () => {
    const nik = `62710${String(Date.now()).slice(-11)}`;
    const csv = [
      'name,legalEntityNumber,legalEntityDate,nik,type,kelurahan,kecamatan,status',
      `Koperasi Late 1,${tag}/L/1,2001-01-01,,SERVICES,Pager,Rakumpit,`,
      `Koperasi Late 2,${tag}/L/2,2001-01-01,,SERVICES,pager,RAKUMPIT,INACTIVE`,
      `Koperasi Late 3,${tag}/L/3,2001-01-01,${nik},SERVICES,Pager,Rakumpit,`,
    ].join('\n');
    const queue = f.app.get(QueueDirectory).get(REGISTRY_BATCH_QUEUE);
    await queue.pause();
    const started = (await upload('/imports/cooperatives', csv).expect(202)).body as ImportView;
    await f
      .as(['registrar'])
      .post('/cooperatives')
      .send(cooperativeBody({ legalEntityNumber: `${tag}/L/1` }))
      .expect(201);
    await f.as(['registrar']).post('/cooperatives').send(cooperativeBody({ nik })).expect(201);
    const before = await f.counts();
    await queue.resume();
    expect(await finished(started.id)).toMatchObject({
      done: 3,
      imported: 1,
      failures: [
        {
          row: 2,
          column: null,
          message: `LEGAL_ENTITY_NUMBER_TAKEN: A cooperative with legal-entity number ${tag}/L/1 is already registered`,
        },
        { row: 4, column: null, message: `NIK_TAKEN: A cooperative with NIK ${nik} is already registered` },
      ],
    });
    const after = await f.counts();
    for (const table of ['cooperatives', 'status_history', 'outbox']) expect(after[table]).toBe(before[table] + 1);
    const [imported] = (await f.as(['manager']).get(`/cooperatives?q=${encodeURIComponent(`${tag}/L/2`)}`)).body.items;
    expect(imported).toMatchObject({
      status: 'INACTIVE',
      kelurahan: 'Pager',
      kecamatan: 'Rakumpit',
      nik: null,
      version: 1,
    });
    const history = (await f.as(['manager']).get(`/cooperatives/${imported.id}/status-history`)).body;
    expect(history).toMatchObject([{ from: null, to: 'INACTIVE', effectiveOn: '2001-01-01', reason: 'Registered' }]);
    const events = (await f.published('registry.cooperative-registered.v1')).filter(
      (event) => event.data.cooperativeId === imported.id,
    );
    expect(events.map((event) => event.data)).toEqual([
      expect.objectContaining({
        legalEntityNumber: `${tag}/L/2`,
        status: 'INACTIVE',
        nik: null,
        cooperativeVersion: 1,
      }),
    ]);
  });

  it.each([
    [
      'an unknown column',
      '/imports/cooperatives',
      'name,legalEntityNumber,colour\nA,B,red',
      422,
      'IMPORT_FILE_INVALID',
    ],
    [
      'a file without rows',
      '/imports/rats',
      'legalEntityNumber,fiscalYear,meetingDate,reportedDate,membersPresent,membersTotal',
      422,
      'IMPORT_NOTHING_VALID',
    ],
  ])('refuses %s and changes nothing', async (_what, path, csv, status, code) => {
    const before = await f.counts();
    expect((await upload(path, csv, '?validRowsOnly=true').expect(status)).body.error.code).toBe(code);
    expect(await f.counts()).toEqual(before);
  });

  it('asks for the file and for a registrar', async () => {
    const before = await f.counts();
    expect((await f.as(['registrar']).post('/imports/cooperatives').expect(400)).body.error.code).toBe('FILE_REQUIRED');
    expect(
      (await f.as(['manager']).post('/imports/cooperatives').attach('file', Buffer.from('a'), 'x.csv').expect(403)).body
        .error.code,
    ).toBe('FORBIDDEN_ROLE');
    expect((await upload('/imports/cooperatives', 'a', '?validRowsOnly=maybe').expect(400)).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(await f.counts()).toEqual(before);
  });

  it('exports the filtered list as CSV in the import columns', async () => {
    const response = await f
      .as(['manager'])
      .get(`/exports/cooperatives.csv?kecamatan=Rakumpit&q=${encodeURIComponent(`${tag}/R/`)}&sort=legalEntityNumber`)
      .expect(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['name', 'legalEntityNumber', 'legalEntityDate']);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(`Koperasi Resume 1,${tag}/R/1,2001-01-01`);
    expect((await f.as(['manager']).get('/exports/cooperatives.csv?status=ASLEEP').expect(400)).body.error.code).toBe(
      'VALIDATION_FAILED',
    );
  });
});
