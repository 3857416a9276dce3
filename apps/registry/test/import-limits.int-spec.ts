import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REGISTRY_BATCH_QUEUE } from '@koperasi/contracts';
import { QueueDirectory } from '@koperasi/platform';
import { eventually } from '@koperasi/testing';
import { alsoCount, startRegistry, type RegistryFixture } from './registry-fixture';

alsoCount('rats', 'import_runs', 'import_rows');

const tag = `${process.pid}${Date.now()}`;
const HEADER = 'name,legalEntityNumber,legalEntityDate,type,kelurahan,kecamatan,membersMale';
const row = (n: number, membersMale: string | number = 10) =>
  `Koperasi Besar ${n},${tag}/L/${n},2001-01-01,SERVICES,Pager,Rakumpit,${membersMale}`;
const file = (rows: string[]) => [HEADER, ...rows].join('\n');
const MAX_ROWS = 70_001;

/** Large and hostile CSV files: streamed, checked set-wise, bounded, never half applied. */
describe('registry CSV import limits', () => {
  let f: RegistryFixture;
  const uploads = mkdtempSync(path.join(tmpdir(), 'import-uploads-'));
  beforeAll(async () => {
    f = await startRegistry({
      IMPORT_UPLOAD_DIR: uploads,
      IMPORT_MAX_ROWS: String(MAX_ROWS),
      IMPORT_MAX_BYTES: String(6 * 1024 * 1024),
      IMPORT_CHUNK_SIZE: '2',
    });
  });
  afterAll(async () => {
    await f.close();
    rmSync(uploads, { recursive: true, force: true });
  });
  // Whatever the answer, the uploaded file is gone once the request is answered.
  afterEach(() => expect(readdirSync(uploads)).toEqual([]));

  const upload = (csv: string, query = '') =>
    f.as(['registrar']).post(`/imports/cooperatives${query}`).attach('file', Buffer.from(csv, 'utf8'), 'registry.csv');

  it('checks a file of more than 65,535 rows (one bind parameter per value once failed) and names its bad row', async () => {
    const before = await f.counts();
    const rows = Array.from({ length: MAX_ROWS }, (_, i) => row(i + 1));
    rows[MAX_ROWS - 1] = row(1); // repeats the first legal-entity number
    const response = await upload(file(rows)).expect(422);
    expect(response.body.error.code).toBe('IMPORT_ROWS_INVALID');
    expect(response.body.error.details).toMatchObject({
      rowsInFile: MAX_ROWS,
      validRows: MAX_ROWS - 1,
      errorCount: 1,
      errors: [{ row: MAX_ROWS + 1, column: 'legalEntityNumber', message: `${tag}/L/1 repeats row 2` }],
    });
    expect(await f.counts()).toEqual(before);
  }, 120_000);

  it('refuses a file over the row limit with 413 and keeps nothing', async () => {
    const before = await f.counts();
    const rows = Array.from({ length: MAX_ROWS + 1 }, (_, i) => row(i + 1));
    const response = await upload(file(rows)).expect(413);
    expect(response.body.error).toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS', details: { limit: MAX_ROWS } });
    expect(await f.counts()).toEqual(before);
  }, 120_000);

  it('leaves no upload behind when the request is refused before the import starts', async () => {
    const refused = await upload(file([row(1)]), '?validRowsOnly=maybe').expect(400);
    expect(refused.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a file over the byte limit with 413', async () => {
    const before = await f.counts();
    const response = await upload(`${HEADER}\n${'x'.repeat(6 * 1024 * 1024)}`).expect(413);
    expect(response.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await f.counts()).toEqual(before);
  });

  it('answers out-of-range numbers and NUL characters as row problems, not 500', async () => {
    const before = await f.counts();
    const response = await upload(
      file([row(1), row(2, '99999999999'), `Koperasi\u0000Nul,${tag}/L/3,2001-01-01,SERVICES,Pager,Rakumpit,1`]),
    ).expect(422);
    expect(response.body.error.details.errors).toEqual([
      { row: 3, column: 'membersMale', message: expect.stringMatching(/must not be greater than 10000000/) },
      { row: 4, column: 'name', message: 'contains a NUL character' },
    ]);
    expect(await f.counts()).toEqual(before);
  });

  it('reports a row the database refuses when applied and applies the others', async () => {
    const queue = f.app.get(QueueDirectory).get(REGISTRY_BATCH_QUEUE);
    await queue.pause();
    const started = (await upload(file([row(101), row(102), row(103)])).expect(202)).body as { id: string };
    // As if the staged value had slipped past validation: the column cannot hold it.
    await f.db.query(
      `UPDATE import_rows SET value = jsonb_set(value, '{membersMale}', '99999999999') WHERE import_id = $1 AND line = 3`,
      [started.id],
    );
    await queue.resume();
    const run = await eventually(async () => {
      const view = (await f.as(['manager']).get(`/imports/${started.id}`).expect(200)).body;
      return view.state === 'COMPLETED' ? view : null;
    }, 'the import to finish');
    expect(run).toMatchObject({
      done: 3,
      imported: 2,
      failures: [{ row: 3, column: null, message: expect.stringMatching(/^VALUE_OUT_OF_RANGE: /) }],
    });
    expect(await f.count('import_rows')).toBe(0);
    const listed = (await f.as(['manager']).get(`/cooperatives?q=${encodeURIComponent(`${tag}/L/10`)}`)).body;
    expect(listed.items.map((c: { legalEntityNumber: string }) => c.legalEntityNumber).sort()).toEqual([
      `${tag}/L/101`,
      `${tag}/L/103`,
    ]);
  });

  it('refuses a RAT for a fiscal year before the cooperative became a legal entity', async () => {
    const csv = [
      'legalEntityNumber,fiscalYear,meetingDate,reportedDate,membersPresent,membersTotal',
      `${tag}/L/101,1999,2000-03-01,2000-03-02,5,10`,
      `${tag}/L/101,2001,2002-03-01,2002-03-02,5,10`,
    ].join('\n');
    const refused = await f
      .as(['registrar'])
      .post('/imports/rats')
      .attach('file', Buffer.from(csv, 'utf8'), 'rats.csv')
      .expect(422);
    expect(refused.body.error.details).toMatchObject({
      validRows: 1,
      errors: [{ row: 2, column: 'fiscalYear', message: 'before the cooperative became a legal entity (2001-01-01)' }],
    });
  });
});
