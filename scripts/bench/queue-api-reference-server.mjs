// The queue API's reference server, in its own process: a bare Node `http` server with a `pg` pool of
// the service's size, answering GET /cases and GET /cases/counts with the service's own SQL and
// answer shape (apps/mentoring/src/cases/case-queue.sql.ts, compiled), the shared tab counts kept
// as long as the service keeps them. No framework, no validation, no logging, no user check: the
// token's subject is read without verifying it. What the service achieves against this server,
// under the same load generator and request mix, is what its framework and checks cost.
import http from 'node:http';
import { createRequire } from 'node:module';
import { compiled } from '../services.mjs';
import { receivePayload } from './payload.mjs';

const require = createRequire(import.meta.url);
const { Pool } = require('pg');
const queueSql = compiled('apps/mentoring/src/cases/case-queue.sql.js');
const { RecentResults } = compiled('libs/platform/src/common/recent-results.js');
const { databaseUrl, poolSize, countsMaxAgeSeconds } = await receivePayload();

const pool = new Pool({
  connectionString: databaseUrl,
  max: poolSize,
  options: '-c search_path=mentoring -c statement_timeout=30000',
});
const sharedCounts = new RecentResults(countsMaxAgeSeconds * 1000, 1_000);

/** The query as the service's validation pipe leaves it for the request mix: strings, numbers and defaults. */
function queryOf(params) {
  const query = { tab: 'all', sort: 'priority', limit: 50, offset: 0, dueWithinDays: 7 };
  for (const [key, value] of params) query[key] = value;
  for (const key of ['limit', 'offset', 'dueWithinDays']) query[key] = Number(query[key]);
  if (query.overdue !== undefined) query.overdue = query.overdue === 'true';
  return query;
}

function subjectOf(authorization) {
  const payload = authorization?.split(' ')[1]?.split('.')[1];
  return payload ? JSON.parse(Buffer.from(payload, 'base64url').toString()).sub : undefined;
}

async function list(query, userId) {
  const { page, total } = queueSql.listStatements(query, userId);
  const { rows } = await pool.query(page.text, page.params);
  const counted = rows.length > 0 ? rows[0].capped_total : (await pool.query(total.text, total.params)).rows[0].total;
  return queueSql.queuePage(rows, counted, query);
}

async function counts(query, userId) {
  const shared = queueSql.sharedCountsStatement(query);
  const mine = queueSql.mineCountStatement(query, userId);
  const [{ asOf, value }, { rows }] = await Promise.all([
    sharedCounts.get(JSON.stringify(shared), async () => (await pool.query(shared.text, shared.params)).rows[0]),
    pool.query(mine.text, mine.params),
  ]);
  return { ...value, mine: rows[0].mine, asOf: new Date(asOf).toISOString() };
}

const server = http.createServer(async (request, response) => {
  try {
    const url = new URL(request.url, 'http://reference');
    const userId = subjectOf(request.headers.authorization);
    const answer =
      url.pathname === '/cases'
        ? await list(queryOf(url.searchParams), userId)
        : url.pathname === '/cases/counts'
          ? await counts(queryOf(url.searchParams), userId)
          : undefined;
    response.writeHead(answer ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify(answer ?? { error: { code: 'NOT_FOUND' } }));
  } catch (error) {
    response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ error: { code: 'INTERNAL', message: error.message } }));
  }
});
server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));

process.on('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
