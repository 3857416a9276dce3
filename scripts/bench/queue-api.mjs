// Measurement 5: the officers' queue API under load. With at least `minOpenCases` open cases,
// a load generator in its own process drives GET /cases (tabs, filters, search, sorts, pages)
// and GET /cases/counts at fixed rates; achieved rate, latency percentiles and errors per rate.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { platform } from '../services.mjs';
import { forkHelper } from './processes.mjs';
import { connect } from './scratch.mjs';
import { NotMeasured } from './seed.mjs';
import { cpuMeter, queueApiReference } from './queue-api-reference.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MIX_SIZE = 2_000;

/** A deterministic pseudo-random sequence, so every run replays the same request mix. */
function lcg(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = (random, list) => list[Math.floor(random() * list.length)];

/**
 * What officers and supervisors do all day: mostly the first page of a tab, sometimes deeper
 * pages, a filter or two, a search now and then, and the per-tab counts beside each list.
 */
export function requestMix({ officers, kecamatans, searches, tokenFor }) {
  const random = lcg(20240701);
  const requests = [];
  for (let i = 0; i < MIX_SIZE; i += 1) {
    const officer = `officer-${1 + Math.floor(random() * officers)}`;
    const supervisor = random() < 0.15;
    const params = new URLSearchParams();
    const roll = random();
    const filters = () => {
      if (random() < 0.3)
        params.set(
          'type',
          pick(random, [
            'INSTITUTIONAL',
            'FINANCIAL_REPORTING',
            'RAT_PREPARATION',
            'INTERNAL_DISPUTE',
            'REACTIVATION',
            'SUPERVISION_FOLLOW_UP',
          ]),
        );
      if (random() < 0.25) params.set('kecamatan', pick(random, kecamatans));
      if (random() < 0.1) params.set('priority', pick(random, ['HIGH', 'URGENT']));
      if (random() < 0.05 && searches.length) params.set('q', pick(random, searches));
    };
    let route = '/cases';
    if (roll < 0.15) {
      route = '/cases/counts';
      filters();
    } else {
      params.set(
        'tab',
        pick(random, [
          'unassigned',
          'unassigned',
          'unassigned',
          'mine',
          'mine',
          'mine',
          'on-hold',
          'overdue',
          'due-soon',
          'all',
        ]),
      );
      filters();
      params.set('sort', pick(random, ['priority', 'priority', 'dueAt', 'openedAt']));
      params.set('limit', pick(random, ['20', '20', '50']));
      const page = random() < 0.7 ? 0 : 1 + Math.floor(random() * 9);
      params.set('offset', String(page * Number(params.get('limit'))));
    }
    requests.push({
      path: `${route}?${params}`,
      token: tokenFor(supervisor ? 'supervisor-1' : officer, supervisor ? 'supervisor' : 'officer'),
    });
  }
  return requests;
}

export async function queueApiLoad({ options, scratch, report, log, seeded, services, jwtSecret, logDir }) {
  const { minOpenCases, rates, seconds, goalRate } = options.queueApi;
  const client = await connect(scratch.databaseUrl);
  let openCases;
  let kecamatans;
  let searches;
  try {
    if (!(await client.query(`SELECT to_regclass('mentoring.cases') IS NOT NULL AS present`)).rows[0].present) {
      throw new NotMeasured('mentoring has no cases table');
    }
    openCases = (await client.query(`SELECT count(*)::int AS n FROM mentoring.cases WHERE status <> 'CLOSED'`)).rows[0]
      .n;
    kecamatans = (
      await client.query(
        `SELECT kecamatan FROM mentoring.cases WHERE status <> 'CLOSED' AND kecamatan IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 200`,
      )
    ).rows.map((r) => r.kecamatan);
    searches = (
      await client.query(
        `SELECT split_part(name, ' ', 3) || ' ' || split_part(name, ' ', 4) AS q FROM mentoring.cooperatives ORDER BY md5(id) LIMIT 100`,
      )
    ).rows
      .map((r) => r.q.trim())
      .filter((q) => q.length >= 2);
  } finally {
    await client.end();
  }
  if (openCases < minOpenCases) log(`  queue API: only ${openCases} open cases (wanted ${minOpenCases})`);

  const tokens = new Map();
  const tokenFor = (id, role) => {
    if (!tokens.has(id))
      tokens.set(
        id,
        platform().signToken(platform().tokenSettings({ JWT_SECRET: jwtSecret }), { id, name: id, roles: [role] }),
      );
    return tokens.get(id);
  };
  const requests = requestMix({
    officers: seeded?.officers ?? 10,
    kecamatans: kecamatans.length ? kecamatans : ['Pahandut'],
    searches,
    tokenFor,
  });
  const url = services.mentoring.url;

  const probe = await fetch(`${url}${requests[0].path}`, { headers: { authorization: `Bearer ${requests[0].token}` } });
  if (!probe.ok)
    throw new NotMeasured(`GET ${requests[0].path} answered ${probe.status}: ${(await probe.text()).slice(0, 200)}`);

  report.add('queue API', 'open cases during the run', openCases, 'cases', `>= ${minOpenCases}`);
  const runs = [];
  const drive = async (target, rate, duration) => {
    const generator = forkHelper(
      path.join(here, 'load-generator.mjs'),
      { url: target, requests, rate, seconds: duration },
      { logFile: path.join(logDir, 'load-generator.log') },
    );
    const { result } = await generator.next((m) => m.result);
    return result;
  };
  const cpu = await cpuMeter(services.mentoring.child.pid);
  log('  queue API: warm-up (2 s at 100 req/s, not reported)');
  const warmUp = await drive(url, 100, 2);
  for (const rate of rates) {
    log(`  queue API: ${rate} req/s for ${seconds} s`);
    const result = await drive(url, rate, seconds);
    runs.push(result);
    report.add(
      'queue API',
      `${rate} req/s: achieved`,
      result.achievedRate,
      'req/s',
      rate > goalRate ? `${rate} req/s` : '',
    );
    report.add(
      'queue API',
      `${rate} req/s: p50 / p95 / p99`,
      `${result.p50?.toFixed(1)} / ${result.p95?.toFixed(1)} / ${result.p99?.toFixed(1)}`,
      'ms',
      rate >= goalRate ? 'p99 <= 50 ms' : '',
    );
    report.add(
      'queue API',
      `${rate} req/s: errors (non-2xx + socket errors + timeouts)`,
      result.non2xx + result.errors,
      '',
      rate >= goalRate ? '0' : '',
    );
  }
  report.detail('queueApi', {
    openCases,
    mixSize: requests.length,
    sample: requests.slice(0, 20).map((r) => r.path),
    runs,
  });
  const serviceCpuMs = cpu.perRequest([warmUp, ...runs]);
  await queueApiReference({ options, scratch, report, log, logDir, drive, serviceRuns: runs, serviceCpuMs });
}
