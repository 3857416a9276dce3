// The SQL of the officers' queues, as plain functions of a validated query: the service runs it,
// and the benchmark's bare reference server (scripts/bench/queue-api-reference.mjs) runs the very
// same statements to measure what the framework costs on top.
import { escapeLike, nameToShow } from '@koperasi/platform';
import type { CaseFilterQuery, CaseQueueQuery, QueueTab } from './dto/case-queue.query';

export interface Statement {
  text: string;
  params: unknown[];
}

interface Sql {
  where: string[];
  params: unknown[];
}

const add = (sql: Sql, value: unknown) => {
  sql.params.push(value);
  return `$${sql.params.length}`;
};

/**
 * Sort keys, in index order. `desc` on priority means most urgent first, which is rank ascending;
 * every key of a sort runs in one direction so a partial index serves it without a sort step.
 */
const SORT_KEYS = {
  priority: ['c.priority_rank', 'c.due_at', 'c.id'],
  dueAt: ['c.due_at', 'c.id'],
  openedAt: ['c.opened_at', 'c.id'],
} as const;
/**
 * A list's total is counted exactly up to this many cases, then reported as "at least" (with
 * `totalIsExact: false`): counting a 100,000-case tab on every page was most of the cost of a page.
 * The per-tab counts (`/cases/counts`) stay exact, though up to CASE_COUNTS_MAX_AGE_SECONDS old.
 */
export const LIST_TOTAL_CAP = 1_000;
/** Natural direction of each sort: most urgent first, earliest due first, oldest first. */
const SORT_DEFAULT = { priority: 'desc', dueAt: 'asc', openedAt: 'asc' } as const;

export interface QueueRow {
  id: string;
  type: string;
  status: string;
  priority: string;
  dueAt: Date;
  openedAt: Date;
  assigneeId: string | null;
  assigneeName: string | null;
  holdUntil: Date | null;
  outcome: string | null;
  overdue: boolean;
  cooperative: {
    id: string;
    name: string | null;
    legalEntityNumber: string | null;
    nik: string | null;
    kecamatan: string | null;
    status: string | null;
  };
}

/**
 * A page of a tab, its capped total riding along (`page`), and the capped total alone (`total`),
 * needed only for a page past the end, which has no row to carry it.
 */
export function listStatements(query: CaseQueueQuery, userId: string): { page: Statement; total: Statement } {
  const sql = filters(query);
  tab(sql, query.tab, userId, query.dueWithinDays);
  const where = sql.where.join(' AND ');
  const wanted = query.order ?? SORT_DEFAULT[query.sort];
  const ascending = query.sort === 'priority' ? wanted === 'desc' : wanted === 'asc';
  // Under a priority filter every case has the same rank: leaving it out of the order changes
  // nothing but lets the due-date indexes serve the sort instead of a walk past the other ranks.
  const keys = query.priority
    ? SORT_KEYS[query.sort].filter((key) => key !== 'c.priority_rank')
    : SORT_KEYS[query.sort];
  const orderBy = keys.map((key) => `${key} ${ascending ? 'ASC' : 'DESC'}`).join(', ');
  const from = `FROM cases c WHERE ${where}`;
  const total: Statement = {
    text: `SELECT count(*)::int AS total FROM (SELECT 1 ${from} LIMIT ${LIST_TOTAL_CAP + 1}) capped`,
    params: [...sql.params],
  };
  const limit = add(sql, query.limit);
  const offset = add(sql, query.offset);
  // Due soon, sorted by opened date: walking the opened-date index would pass every overdue case
  // first (due and opened dates move together), so the due window is fenced off (OFFSET 0) to be
  // taken by the due-date index and sorted on its own.
  const matching =
    query.tab === 'due-soon' && query.sort === 'openedAt' ? `(SELECT * ${from} OFFSET 0) c` : `cases c WHERE ${where}`;
  // The page is cut before the read model and the user directory are joined, so only its rows
  // are looked up. The capped total rides along (counted once, beside the page) to save a round trip.
  const page: Statement = {
    text: `SELECT c.id, c.type, c.status, c.priority, c.due_at, c.opened_at, c.assignee_id, c.assignee_name, c.hold_until, c.outcome,
              c.status <> 'CLOSED' AND c.due_at < now() AS overdue,
              c.cooperative_id, co.name, co.legal_entity_number, co.nik, c.kecamatan, co.status AS cooperative_status,
              u.full_name AS assignee_directory_name,
              (SELECT count(*)::int FROM (SELECT 1 ${from} LIMIT ${LIST_TOTAL_CAP + 1}) capped) AS capped_total
       FROM (SELECT * FROM ${matching} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}) c
       LEFT JOIN cooperatives co ON co.id = c.cooperative_id
       LEFT JOIN users u ON u.id = c.assignee_id
       ORDER BY ${orderBy}`,
    params: sql.params,
  };
  return { page, total };
}

/** The list's answer from the page's rows and the capped total. */
export function queuePage(
  rows: QueuePageRow[],
  total: number,
  query: Pick<CaseQueueQuery, 'limit' | 'offset'>,
): { items: QueueRow[]; total: number; totalIsExact: boolean; limit: number; offset: number } {
  return {
    items: rows.map(toQueueRow),
    total: Math.min(total, LIST_TOTAL_CAP),
    totalIsExact: total <= LIST_TOTAL_CAP,
    limit: query.limit,
    offset: query.offset,
  };
}

/** The tabs every user shares, counted in one pass; the statement text and parameters hold every filter. */
export function sharedCountsStatement(query: CaseFilterQuery): Statement {
  const sql = openCases(query);
  const days = add(sql, query.dueWithinDays);
  const text = `SELECT count(*)::int AS "all",
              count(*) FILTER (WHERE c.status = 'UNASSIGNED')::int AS unassigned,
              count(*) FILTER (WHERE c.status = 'ON_HOLD')::int AS "onHold",
              count(*) FILTER (WHERE c.due_at < now())::int AS overdue,
              count(*) FILTER (WHERE c.due_at >= now() AND c.due_at < now() + make_interval(days => ${days}::int))::int AS "dueSoon"
       FROM cases c WHERE ${sql.where.join(' AND ')}`;
  return { text, params: sql.params };
}

/** The caller's own open cases under the filters (column `mine`). */
export function mineCountStatement(query: CaseFilterQuery, userId: string): Statement {
  const sql = openCases(query);
  sql.where.push(`c.assignee_id = ${add(sql, userId)}`);
  return { text: `SELECT count(*)::int AS mine FROM cases c WHERE ${sql.where.join(' AND ')}`, params: sql.params };
}

/** The open cases matching the filters. */
function openCases(query: CaseFilterQuery): Sql {
  const sql = filters(query);
  sql.where.push(`c.status <> 'CLOSED'`);
  return sql;
}

function filters(query: CaseFilterQuery): Sql {
  const sql: Sql = { where: [], params: [] };
  if (query.status === 'CLOSED') sql.where.push(`c.status = 'CLOSED'`);
  else if (query.status) sql.where.push(`c.status = ${add(sql, query.status)}`);
  else sql.where.push(`c.status <> 'CLOSED'`);
  if (query.type) sql.where.push(`c.type = ${add(sql, query.type)}`);
  if (query.cooperativeId) sql.where.push(`c.cooperative_id = ${add(sql, query.cooperativeId)}`);
  if (query.kecamatan) sql.where.push(`c.kecamatan = ${add(sql, query.kecamatan)}`);
  if (query.assigneeId) sql.where.push(`c.assignee_id = ${add(sql, query.assigneeId)}`);
  if (query.priority) sql.where.push(`c.priority = ${add(sql, query.priority)}`);
  if (query.overdue === true) sql.where.push(`c.due_at < now()`);
  if (query.overdue === false) sql.where.push(`c.due_at >= now()`);
  if (query.q) sql.where.push(`c.search_text ILIKE ${add(sql, `%${escapeLike(query.q)}%`)}`);
  return sql;
}

function tab(sql: Sql, tab: QueueTab, userId: string, dueWithinDays: number): void {
  switch (tab) {
    case 'all':
      return;
    case 'unassigned':
      sql.where.push(`c.status = 'UNASSIGNED'`);
      return;
    case 'mine':
      sql.where.push(`c.assignee_id = ${add(sql, userId)}`);
      return;
    case 'on-hold':
      sql.where.push(`c.status = 'ON_HOLD'`);
      return;
    case 'overdue':
      sql.where.push(`c.status <> 'CLOSED' AND c.due_at < now()`);
      return;
    case 'due-soon':
      sql.where.push(
        `c.status <> 'CLOSED' AND c.due_at >= now() AND c.due_at < now() + make_interval(days => ${add(sql, dueWithinDays)}::int)`,
      );
      return;
  }
}

export interface QueuePageRow {
  id: string;
  type: string;
  status: string;
  priority: string;
  due_at: Date;
  opened_at: Date;
  assignee_id: string | null;
  assignee_name: string | null;
  hold_until: Date | null;
  outcome: string | null;
  overdue: boolean;
  cooperative_id: string;
  name: string | null;
  legal_entity_number: string | null;
  nik: string | null;
  kecamatan: string | null;
  cooperative_status: string | null;
  assignee_directory_name: string | null;
  capped_total: number;
}

function toQueueRow(raw: QueuePageRow): QueueRow {
  return {
    id: raw.id,
    type: raw.type,
    status: raw.status,
    priority: raw.priority,
    dueAt: raw.due_at,
    openedAt: raw.opened_at,
    assigneeId: raw.assignee_id,
    assigneeName: nameToShow(raw.assignee_id, raw.assignee_directory_name, raw.assignee_name),
    holdUntil: raw.hold_until,
    outcome: raw.outcome,
    overdue: raw.overdue,
    cooperative: {
      id: raw.cooperative_id,
      name: raw.name,
      legalEntityNumber: raw.legal_entity_number,
      nik: raw.nik,
      kecamatan: raw.kecamatan,
      status: raw.cooperative_status,
    },
  };
}
