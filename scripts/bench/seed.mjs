// Measurement 1: the national seed, bulk-loaded with set-based SQL (generate_series), straight
// into the services' tables. The registry's events are NOT replayed for the seed: the read models
// of mentoring and dissolution are bulk-loaded from the same generated population instead (see
// BENCHMARKS.md). Everything is deterministic: the same scale gives the same data.
import { connect } from './scratch.mjs';
import { latencySubjectCount } from './options.mjs';

/** A measurement that cannot be taken (yet); reported as "not measured: <why>". */
export class NotMeasured extends Error {}

export const SEED_ACTOR = 'bench-seed';

/** The fiscal year the benchmark evaluates: the last one whose RAT deadline (June 30) has passed. */
export function evaluationYear(now = new Date()) {
  return now.getUTCMonth() >= 6 ? now.getUTCFullYear() - 1 : now.getUTCFullYear() - 2;
}

async function tableExists(client, qualified) {
  const { rows } = await client.query('SELECT to_regclass($1) IS NOT NULL AS present', [qualified]);
  return rows[0].present;
}

/**
 * The generated population: `total` cooperatives, the last `subjects` of which are IN_DISSOLUTION
 * (the latency measurement upholds objections for them). About 30% stop holding RATs in a year
 * of the window; the others hold one every year but now and then miss an old one.
 */
function populationSql({ total, subjects, year }) {
  const first = year - 9;
  return `
  DROP SCHEMA IF EXISTS bench_seed CASCADE;
  CREATE SCHEMA bench_seed;
  CREATE UNLOGGED TABLE bench_seed.population AS
  WITH base AS (
    SELECT i, abs(hashint4(i)) AS h1, abs(hashint4(i + 1000003)) AS h2, abs(hashint4(i + 2000003)) AS h3,
           greatest(5, ${total} / 30) AS kecamatan_count
    FROM generate_series(1, ${total}) AS i
  ), shaped AS (
    SELECT *,
      CASE WHEN h1 % 100 < 85 THEN ${first} - 1 - h3 % 35 ELSE ${first} + h3 % 7 END AS founded,
      CASE WHEN i > ${total - subjects} THEN ${first} + h2 % 6
           WHEN h1 % 1000 < 300 THEN ${first + 1} + h2 % 9 END AS stop_year,
      h2 % kecamatan_count AS k
    FROM base
  )
  SELECT i,
    md5('koperasi-' || i)::uuid AS id,
    (ARRAY['Koperasi Simpan Pinjam','Koperasi Serba Usaha','Koperasi Unit Desa','Koperasi Karyawan','Koperasi Pegawai','Koperasi Tani','Koperasi Nelayan','Koperasi Wanita'])[1 + h1 % 8]
      || ' ' || (ARRAY['Sejahtera','Makmur','Mandiri','Bersama','Maju Jaya','Karya Bakti','Sumber Rejeki','Harapan','Mitra Usaha','Bina Usaha'])[1 + h2 % 10]
      || ' ' || i AS name,
    format('%s/BH/XVIII/%s/%s', i, 1 + h2 % 12, founded) AS legal_entity_number,
    make_date(founded, 1 + h2 % 12, 1 + h3 % 28) AS legal_entity_date,
    CASE WHEN h3 % 10 < 8 THEN (6200000000000000 + i)::text END AS nik,
    CASE WHEN h3 % 10 < 5 THEN 'CERTIFIED' WHEN h3 % 10 < 8 THEN 'EXPIRED' ELSE 'NOT_CERTIFIED' END AS nik_certificate_status,
    CASE WHEN h1 % 100 < 85 THEN 'PRIMARY_CITY' WHEN h1 % 100 < 97 THEN 'PRIMARY_PROVINCE' ELSE 'SECONDARY' END AS form,
    (ARRAY['SAVINGS_AND_LOAN','SAVINGS_AND_LOAN','CONSUMER','CONSUMER','PRODUCER','MARKETING','SERVICES'])[1 + h3 % 7] AS type,
    (ARRAY['KSP','KSU','KUD','KOPKAR','KPRI','KOPWAN','KOPTAN','KOPONTREN','OTHER'])[1 + h2 % 9] AS group_code,
    CASE WHEN h2 % 10 = 0 THEN 'SHARIA' ELSE 'CONVENTIONAL' END AS scheme,
    'Kecamatan ' || lpad(k::text, 4, '0') AS kecamatan,
    'Kelurahan ' || lpad(k::text, 4, '0') || '-' || (h3 % 8) AS kelurahan,
    'Kota ' || lpad((k / 14)::text, 3, '0') AS city,
    'Provinsi ' || lpad((k / 200)::text, 2, '0') AS province,
    10 + h1 % 300 AS members_male, 5 + h2 % 250 AS members_female, h3 % 12 AS employees,
    founded, stop_year,
    CASE WHEN i > ${total - subjects} THEN 'IN_DISSOLUTION' ELSE 'ACTIVE' END AS status,
    CASE WHEN stop_year IS NULL THEN ${year}
         WHEN stop_year - 1 >= greatest(founded, ${first}) THEN stop_year - 1 ELSE 0 END AS last_rat_year
  FROM shaped;
  ALTER TABLE bench_seed.population ADD PRIMARY KEY (i);
  ANALYZE bench_seed.population;`;
}

function registrySql({ year }) {
  const first = year - 9;
  return `
  INSERT INTO registry.cooperatives (id, name, legal_entity_number, legal_entity_date, nik, nik_certificate_status,
    nik_certificate_expires_on, form, type, group_code, scheme, street, kelurahan, kecamatan, city, province,
    chair, secretary, treasurer, members_male, members_female, employees, status, status_changed_at,
    last_rat_year, registered_at, updated_at, version)
  SELECT id, name, legal_entity_number, legal_entity_date, nik, nik_certificate_status,
    CASE WHEN nik_certificate_status = 'NOT_CERTIFIED' THEN NULL
         WHEN nik_certificate_status = 'EXPIRED' THEN make_date(${year}, 6, 30) ELSE make_date(${year + 2}, 6, 30) END,
    form, type, group_code, scheme, 'Jalan Koperasi No. ' || (i % 200 + 1), kelurahan, kecamatan, city, province,
    'Ketua ' || i, 'Sekretaris ' || i, 'Bendahara ' || i, members_male, members_female, employees,
    status, CASE WHEN status = 'ACTIVE' THEN legal_entity_date::timestamptz ELSE now() - interval '90 days' END,
    last_rat_year, legal_entity_date::timestamptz, now(), 1
  FROM bench_seed.population;

  INSERT INTO registry.status_history (cooperative_id, from_status, to_status, at, effective_on, reason, actor_id)
  SELECT id, NULL, 'ACTIVE', legal_entity_date::timestamptz, legal_entity_date, 'Registered (benchmark seed)', '${SEED_ACTOR}'
  FROM bench_seed.population
  UNION ALL
  SELECT id, 'ACTIVE', 'INACTIVE', now() - interval '400 days', (now() - interval '400 days')::date, 'No RAT in the last 2 fiscal years (benchmark seed)', '${SEED_ACTOR}'
  FROM bench_seed.population WHERE status = 'IN_DISSOLUTION'
  UNION ALL
  SELECT id, 'INACTIVE', 'IN_DISSOLUTION', now() - interval '90 days', (now() - interval '90 days')::date, 'Dissolution approved (benchmark seed)', '${SEED_ACTOR}'
  FROM bench_seed.population WHERE status = 'IN_DISSOLUTION';
  -- ${first}: first fiscal year of the RAT history
  `;
}

/** The mentoring and dissolution read models, as the registry's events would have built them. */
function readModelsSql({ mentoring, dissolution }) {
  return [
    mentoring &&
      `
    INSERT INTO mentoring.cooperatives (id, name, legal_entity_number, nik, kecamatan, kelurahan, cooperative_type, status, status_changed_at, updated_at)
    SELECT id::text, name, legal_entity_number, nik, kecamatan, kelurahan, type, status,
      CASE WHEN status = 'ACTIVE' THEN legal_entity_date::timestamptz ELSE now() - interval '90 days' END, now()
    FROM bench_seed.population`,
    dissolution &&
      `
    INSERT INTO dissolution.cooperatives (cooperative_id, name, legal_entity_number, nik, kecamatan, kelurahan, type, status, snapshot_at, updated_at)
    SELECT id::text, name, legal_entity_number, nik, kecamatan, kelurahan, type, status,
      CASE WHEN status = 'ACTIVE' THEN legal_entity_date::timestamptz ELSE now() - interval '90 days' END, now()
    FROM bench_seed.population`,
  ].filter(Boolean);
}

/**
 * The officers' existing workload: open cases of the non-reactivation types on cooperatives that
 * stay ACTIVE (so that, with the evaluation's reactivation cases, at least `minOpenCases` are
 * open), and as many closed ones as history. No SLA timers are created for them (see BENCHMARKS.md).
 */
function backlogSql({ open, closed, officers }) {
  return `
  INSERT INTO mentoring.cases (type, cooperative_id, kecamatan, search_text, status, priority, priority_rank, due_at, opened_at,
    opened_by, opened_reason, assignee_id, assignee_name, assigned_at, hold_until, hold_reason,
    closed_at, closed_by, outcome, close_reason, created_at)
  SELECT c.type, p.id::text, p.kecamatan, concat_ws(E'\\n', p.name, p.legal_entity_number, p.nik),
    c.status, c.priority, c.rank, c.opened_at + interval '60 days', c.opened_at,
    '${SEED_ACTOR}', 'Opened by an officer (benchmark seed)',
    CASE WHEN c.status <> 'UNASSIGNED' THEN 'officer-' || c.officer END,
    CASE WHEN c.status <> 'UNASSIGNED' THEN 'Officer ' || c.officer END,
    CASE WHEN c.status <> 'UNASSIGNED' THEN c.opened_at + interval '1 day' END,
    CASE WHEN c.status = 'ON_HOLD' THEN now() + (1 + p.i % 30) * interval '1 day' END,
    CASE WHEN c.status = 'ON_HOLD' THEN 'Waiting for documents (benchmark seed)' END,
    CASE WHEN c.status = 'CLOSED' THEN c.opened_at + interval '30 days' END,
    CASE WHEN c.status = 'CLOSED' THEN 'officer-' || c.officer END,
    CASE WHEN c.status = 'CLOSED' THEN c.outcome END,
    CASE WHEN c.status = 'CLOSED' THEN 'Closed by an officer (benchmark seed)' END,
    c.opened_at
  FROM (
    SELECT p.*, row_number() OVER (ORDER BY abs(hashint4(i + 7))) AS n
    FROM bench_seed.population p WHERE stop_year IS NULL AND status = 'ACTIVE'
  ) p
  CROSS JOIN LATERAL (
    SELECT t.type, s.status, pr.priority, pr.rank, o.outcome, 1 + abs(hashint4(p.i + 17)) % ${officers} AS officer,
      now() - ((abs(hashint4(p.i + 11)) % CASE WHEN s.status = 'CLOSED' THEN 3000 ELSE 120 END) * interval '1 day') AS opened_at
    FROM (SELECT (ARRAY['INSTITUTIONAL','FINANCIAL_REPORTING','RAT_PREPARATION','RAT_PREPARATION','INTERNAL_DISPUTE','SUPERVISION_FOLLOW_UP'])[1 + p.i % 6] AS type) t,
         (SELECT CASE WHEN p.n > ${open} THEN 'CLOSED' WHEN p.i % 20 < 8 THEN 'UNASSIGNED' WHEN p.i % 20 < 17 THEN 'ASSIGNED' ELSE 'ON_HOLD' END AS status) s,
         (SELECT (ARRAY['LOW','NORMAL','NORMAL','NORMAL','HIGH','URGENT'])[1 + abs(hashint4(p.i + 13)) % 6] AS priority) pr0,
         LATERAL (SELECT pr0.priority, CASE pr0.priority WHEN 'URGENT' THEN 1 WHEN 'HIGH' THEN 2 WHEN 'NORMAL' THEN 3 ELSE 4 END AS rank) pr,
         (SELECT 'WITHDRAWN' AS outcome) o
  ) c
  WHERE p.n <= ${open + closed}`;
}

function ratSql({ year }) {
  const first = year - 9;
  return `
  INSERT INTO registry.rats (cooperative_id, fiscal_year, meeting_date, reported_date, deadline, late, members_present,
    members_total, accountability_report_received, financial_statements_received, work_plan_received,
    own_capital, outside_capital, assets, business_volume, surplus, recorded_by, recorded_at)
  SELECT id, y, meeting, meeting + h % 30, deadline, meeting > deadline,
    (members_male + members_female) * (50 + h % 40) / 100, members_male + members_female,
    true, h % 10 <> 0, h % 5 <> 0,
    (h % 5000) * 1000000.0, (h % 3000) * 1000000.0, (h % 9000) * 1000000.0, (h % 7000) * 1000000.0, (h % 400) * 100000.0,
    '${SEED_ACTOR}', (meeting + h % 30)::timestamptz
  FROM (
    SELECT p.*, y, abs(hashint4(p.i * 16 + y)) AS h,
      make_date(y + 1, 2, 1) + abs(hashint4(p.i * 16 + y)) % 170 AS meeting, make_date(y + 1, 6, 30) AS deadline
    FROM bench_seed.population p, generate_series(greatest(p.founded, ${first}), ${year}) AS y
    WHERE (p.stop_year IS NULL OR y < p.stop_year)
  ) r
  WHERE NOT (y < ${year - 1} AND h % 100 < 5)`;
}

async function timed(log, what, work) {
  const started = Date.now();
  const result = await work();
  const seconds = (Date.now() - started) / 1000;
  log(`  seed: ${what} in ${seconds.toFixed(1)} s`);
  return { result, seconds };
}

export async function seed({ options, scratch, report, log }) {
  const client = await connect(scratch.databaseUrl);
  try {
    if (!(await tableExists(client, 'registry.cooperatives')))
      throw new NotMeasured('the registry has no cooperatives table yet');
    const year = evaluationYear();
    const { latency } = options;
    const subjects = latencySubjectCount(latency);
    const total = options.cooperatives + subjects;
    const officers = Math.max(10, Math.round(options.cooperatives / 500));
    const hasRats = await tableExists(client, 'registry.rats');
    const mentoring = await tableExists(client, 'mentoring.cooperatives');
    const dissolution = await tableExists(client, 'dissolution.cooperatives');
    const started = Date.now();
    const steps = {};

    steps.population = (
      await timed(log, `population of ${total} cooperatives`, () =>
        client.query(populationSql({ total, subjects, year })),
      )
    ).seconds;
    steps.registry = (
      await timed(log, 'registry cooperatives and status history', () => client.query(registrySql({ year })))
    ).seconds;
    if (hasRats) steps.rats = (await timed(log, 'RAT history', () => client.query(ratSql({ year })))).seconds;
    for (const sql of readModelsSql({ mentoring, dissolution })) {
      steps.readModels = (steps.readModels ?? 0) + (await timed(log, 'read model', () => client.query(sql))).seconds;
    }
    const {
      rows: [{ expected }],
    } = await client.query(
      `SELECT count(*)::int AS expected FROM bench_seed.population WHERE status = 'ACTIVE' AND last_rat_year < ${year - 1}`,
    );
    // The queue API is measured before the evaluation, so the backlog alone holds the open cases it needs.
    const backlogOpen = options.queueApi.minOpenCases + Math.round(options.cooperatives * 0.05);
    const backlogClosed = backlogOpen;
    if (await tableExists(client, 'mentoring.cases')) {
      steps.backlog = (
        await timed(log, `mentoring backlog (${backlogOpen} open, ${backlogClosed} closed cases)`, () =>
          client.query(backlogSql({ open: backlogOpen, closed: backlogClosed, officers })),
        )
      ).seconds;
    }
    steps.analyze = (
      await timed(log, 'ANALYZE', () =>
        client.query(
          'ANALYZE registry.cooperatives; ANALYZE registry.status_history' +
            (hasRats ? '; ANALYZE registry.rats' : '') +
            (mentoring ? '; ANALYZE mentoring.cooperatives; ANALYZE mentoring.cases' : '') +
            (dissolution ? '; ANALYZE dissolution.cooperatives' : ''),
        ),
      )
    ).seconds;
    const seconds = (Date.now() - started) / 1000;

    const counts = (
      await client.query(`SELECT
      (SELECT count(*) FROM registry.cooperatives)::int AS cooperatives,
      ${hasRats ? '(SELECT count(*) FROM registry.rats)::int' : 'NULL::int'} AS rats,
      (SELECT count(*) FROM registry.status_history)::int AS history`)
    ).rows[0];
    const { rows: subjectRows } = await client.query(
      `SELECT id::text AS "cooperativeId", md5('proceeding-' || i)::uuid::text AS "proceedingId" FROM bench_seed.population WHERE status = 'IN_DISSOLUTION' ORDER BY i`,
    );
    await client.query('DROP SCHEMA bench_seed CASCADE');

    report.add('seed', `cooperatives (+ ${subjects} IN_DISSOLUTION for the latency run)`, counts.cooperatives, 'rows');
    if (hasRats) report.add('seed', 'RAT records (10 fiscal years)', counts.rats, 'rows');
    report.add('seed', 'seed wall time (set-based SQL)', seconds, 's');
    report.detail('seed', {
      year,
      total,
      subjects,
      officers,
      expectedInactive: expected,
      backlogOpen,
      backlogClosed,
      counts,
      steps,
      ratsSeeded: hasRats,
      mentoringReadModel: mentoring,
      dissolutionReadModel: dissolution,
    });
    if (!hasRats) report.add('seed', 'RAT history', 'not seeded: the registry has no RAT table yet', '');
    return { year, expectedInactive: expected, subjects: subjectRows, officers, backlogOpen };
  } finally {
    await client.end();
  }
}
