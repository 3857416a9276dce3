import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bearer, eventually } from '@koperasi/testing';
import { CooperativesExport } from '../src/imports/cooperatives-export';
import type { CooperativeFilterQuery } from '../src/cooperatives/dto/list-cooperatives.query';
import { startRegistry, type RegistryFixture } from './registry-fixture';

const COOPERATIVES = 60_000;
const BATCHES = COOPERATIVES / 2_000;

/** The CSV export reads on demand and stops when the client goes away (a slow or gone client costs nothing). */
describe('registry CSV export streaming', () => {
  let f: RegistryFixture;
  let port: number;
  beforeAll(async () => {
    f = await startRegistry();
    await f.db.query(
      `INSERT INTO cooperatives (name, legal_entity_number, legal_entity_date, nik_certificate_status, form, type, scheme,
         kelurahan, kecamatan, city, province, status, status_changed_at, version)
       SELECT 'Koperasi Ekspor ' || n || ' ' || repeat('x', 250), 'EXP/' || n, '2001-01-01', 'NONE', 'PRIMARY',
              'SERVICES', 'CONVENTIONAL', 'Pager', 'Eksporland', 'Palangka Raya', 'Kalimantan Tengah', 'ACTIVE', now(), 1
       FROM generate_series(1, $1) AS n`,
      [COOPERATIVES],
    );
    await f.app.listen(0);
    port = (f.app.getHttpServer().address() as AddressInfo).port;
  }, 120_000);
  afterAll(() => f.close());

  it('stops reading the database once the client has gone', async () => {
    const exporter = f.app.get(CooperativesExport);
    const batches = jest.spyOn(exporter as unknown as { batch: () => Promise<unknown> }, 'batch');
    const original = exporter.csv.bind(exporter);
    let finished = false;
    jest.spyOn(exporter, 'csv').mockImplementation(async function* (filter: CooperativeFilterQuery) {
      try {
        yield* original(filter);
      } finally {
        finished = true;
      }
    });

    const firstBytes = await new Promise<string>((resolve, reject) => {
      const request = httpRequest(
        {
          port,
          path: '/exports/cooperatives.csv?kecamatan=Eksporland',
          headers: { authorization: bearer(['manager']) },
        },
        (response: IncomingMessage) => {
          response.once('data', (chunk: Buffer) => {
            request.destroy();
            resolve(chunk.toString());
          });
        },
      );
      request.on('error', (error) => (request.destroyed ? undefined : reject(error)));
      request.end();
    });
    expect(firstBytes).toContain('name,legalEntityNumber');

    await eventually(async () => finished, 'the export generator to end');
    expect(batches.mock.calls.length).toBeLessThan(BATCHES / 2);
  });
});
