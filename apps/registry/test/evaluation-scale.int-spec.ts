import { eventually } from '@koperasi/testing';
import { LOCK_CANDIDATES } from '../src/evaluation/evaluation.sql';
import { startRegistry, type RegistryFixture } from './registry-fixture';

const SCALE = Number(process.env.REGISTRY_SCALE ?? 0);
// Minutes of seeding: run on demand with REGISTRY_SCALE=200000.
const describeAtScale = SCALE > 0 ? describe : describe.skip;

/** Domain §7: a national registry. One third of the cooperatives lack a recent RAT. */
describeAtScale(`registry annual evaluation at ${SCALE} cooperatives`, () => {
  let f: RegistryFixture;
  beforeAll(async () => {
    f = await startRegistry();
    await f.db.query(
      `INSERT INTO cooperatives (name, legal_entity_number, legal_entity_date, nik_certificate_status, form, type, scheme, kelurahan, kecamatan, city, province, status, status_changed_at, last_rat_year, version)
       SELECT 'Koperasi ' || n, 'BH-' || n, '2005-01-01', 'NOT_CERTIFIED', 'PRIMARY_CITY', 'SERVICES', 'CONVENTIONAL', 'Langkai', 'Pahandut', 'Palangka Raya', 'Kalimantan Tengah', 'ACTIVE', now(), 0, 1
       FROM generate_series(1, $1) AS n`,
      [SCALE],
    );
    await f.db.query(
      `INSERT INTO rats (cooperative_id, fiscal_year, meeting_date, reported_date, deadline, late, members_present, members_total, recorded_by)
       SELECT c.id, y, make_date(y + 1, 3, 1), make_date(y + 1, 3, 5), make_date(y + 1, 6, 30), false, 10, 20, 'seed'
       FROM (SELECT id, row_number() OVER () AS n FROM cooperatives) c CROSS JOIN generate_series(2014, 2023) AS y
       WHERE c.n % 3 <> 0 OR y < 2021`,
    );
    await f.db.query('ANALYZE');
    const [{ lower, upper }] = await f.db.query(
      `SELECT (SELECT id FROM cooperatives ORDER BY id LIMIT 1) AS lower, (SELECT id FROM cooperatives ORDER BY id OFFSET 10000 LIMIT 1) AS upper`,
    );
    const plan = await f.db.query(`EXPLAIN ${LOCK_CANDIDATES}`, [lower, upper, 2022]);
    console.log(plan.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n'));
  }, 600_000);
  afterAll(() => f.close());

  it('evaluates every cooperative in seconds', async () => {
    const started = Date.now();
    const { id } = (await f.as(['registrar']).post('/evaluations').send({ fiscalYear: 2023 }).expect(202)).body;
    const run = await eventually(
      async () => {
        const body = (await f.as(['manager']).get(`/evaluations/${id}`)).body;
        return body.state === 'COMPLETED' ? body : null;
      },
      'the evaluation to complete',
      120_000,
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `annual evaluation of ${SCALE} cooperatives: ${seconds.toFixed(1)} s, ${run.outcomes.becameInactive} became inactive`,
    );
    expect(run.outcomes.becameInactive).toBe(Math.floor(SCALE / 3));
    expect(run.done).toBe(SCALE);
    expect(seconds).toBeLessThan(60);
  }, 180_000);

  it('answers list, search, deep keyset pages and statistics quickly', async () => {
    const timed = async (url: string) => {
      const started = Date.now();
      const body = (await f.as(['manager']).get(url).expect(200)).body;
      const ms = Date.now() - started;
      console.log(`${url}: ${ms} ms`);
      return { body, ms };
    };
    const search = await timed('/cooperatives?q=koperasi%20199999');
    expect(search.body.total).toBe(1);
    const prefix = await timed('/cooperatives?q=BH-12345&limit=5');
    expect(prefix.body.total).toBe(11);
    const filtered = await timed('/cooperatives?status=INACTIVE&kecamatan=Pahandut&type=SERVICES&sort=name&limit=100');
    let page = filtered.body;
    for (let i = 0; i < 20; i++)
      page = (
        await timed(
          `/cooperatives?status=INACTIVE&kecamatan=Pahandut&type=SERVICES&sort=name&limit=100&after=${page.nextCursor}`,
        )
      ).body;
    expect(page.items).toHaveLength(100);
    await timed('/statistics');
    await timed('/statistics?asOf=2024-01-01');
    await timed(`/statistics/transitions?from=2024-01-01&to=${new Date().toISOString().slice(0, 10)}`);
  }, 120_000);
});
