import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  escapeLike,
  nameToShow,
  ReadDatabase,
  SERVICE_CONFIG,
  UserDirectory,
  type AuthenticatedUser,
  type NameOf,
} from '@koperasi/platform';
import type { MentoringConfig } from '../config';
import { activityPeople, loggedActivities, namedActivity } from './activity-log';
import { CaseHistoryEntry } from './case-history.entity';
import { Case } from './case.entity';
import { activityNotFound, caseNotFound } from './cases.errors';
import { ChecklistItem } from './checklist-item.entity';
import type { CaseFilterQuery, CaseQueueQuery, QueueTab } from './dto/case-queue.query';
import { RecentResults } from './recent-results';
import { Cooperative } from '../cooperatives/cooperative.entity';

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
/** Distinct filter combinations whose shared tab counts are kept (a few hundred bytes each). */
const COUNTED_FILTERS_KEPT = 1_000;
/** Natural direction of each sort: most urgent first, earliest due first, oldest first. */
const SORT_DEFAULT = { priority: 'desc', dueAt: 'asc', openedAt: 'asc' } as const;

type SharedCounts = Record<'all' | 'unassigned' | 'onHold' | 'overdue' | 'dueSoon', number>;
export type TabCounts = SharedCounts & { mine: number; asOf: string };

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
 * The officers' queues, served by the partial indexes on open cases: a list is one SQL for the page
 * and, when the page does not tell it, one for the capped total; the search goes through the
 * trigram index of the cases' own search text.
 */
@Injectable()
export class CaseQueries {
  private readonly sharedCounts: RecentResults<SharedCounts>;

  constructor(
    private readonly dataSource: DataSource,
    /** Lists and counts: the read replica where one is set (a case page reads the primary). */
    private readonly reads: ReadDatabase,
    private readonly users: UserDirectory,
    @Inject(SERVICE_CONFIG) config: MentoringConfig,
  ) {
    this.sharedCounts = new RecentResults(config.CASE_COUNTS_MAX_AGE_SECONDS * 1000, COUNTED_FILTERS_KEPT);
  }

  async list(
    user: AuthenticatedUser,
    query: CaseQueueQuery,
  ): Promise<{ items: QueueRow[]; total: number; totalIsExact: boolean; limit: number; offset: number }> {
    const sql = this.filters(query);
    this.tab(sql, query.tab, user, query.dueWithinDays);
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
    const limit = add(sql, query.limit);
    const offset = add(sql, query.offset);
    // Due soon, sorted by opened date: walking the opened-date index would pass every overdue case
    // first (due and opened dates move together), so the due window is fenced off (OFFSET 0) to be
    // taken by the due-date index and sorted on its own.
    const matching =
      query.tab === 'due-soon' && query.sort === 'openedAt'
        ? `(SELECT * ${from} OFFSET 0) c`
        : `cases c WHERE ${where}`;
    // The page is cut before the read model and the user directory are joined, so only its rows
    // are looked up. The capped total rides along (counted once, beside the page) to save a round
    // trip; only a page past the end, which has no row to carry it, counts on its own.
    const rows: RawRow[] = await this.reads.dataSource.query(
      `SELECT c.id, c.type, c.status, c.priority, c.due_at, c.opened_at, c.assignee_id, c.assignee_name, c.hold_until, c.outcome,
              c.status <> 'CLOSED' AND c.due_at < now() AS overdue,
              c.cooperative_id, co.name, co.legal_entity_number, co.nik, c.kecamatan, co.status AS cooperative_status,
              u.full_name AS assignee_directory_name,
              (SELECT count(*)::int FROM (SELECT 1 ${from} LIMIT ${LIST_TOTAL_CAP + 1}) capped) AS capped_total
       FROM (SELECT * FROM ${matching} ORDER BY ${orderBy} LIMIT ${limit} OFFSET ${offset}) c
       LEFT JOIN cooperatives co ON co.id = c.cooperative_id
       LEFT JOIN users u ON u.id = c.assignee_id
       ORDER BY ${orderBy}`,
      sql.params,
    );
    const total: number =
      rows.length > 0
        ? rows[0].capped_total
        : (
            await this.reads.dataSource.query(
              `SELECT count(*)::int AS total FROM (SELECT 1 ${from} LIMIT ${LIST_TOTAL_CAP + 1}) capped`,
              sql.params.slice(0, -2),
            )
          )[0].total;
    return {
      items: rows.map(toRow),
      total: Math.min(total, LIST_TOTAL_CAP),
      totalIsExact: total <= LIST_TOTAL_CAP,
      limit: query.limit,
      offset: query.offset,
    };
  }

  /**
   * How many open cases each tab holds under the same filters. The tabs every user shares are
   * counted in one pass over the matching open cases, at most once per CASE_COUNTS_MAX_AGE_SECONDS
   * for each filter combination (`asOf` says when); `mine` is counted on every request.
   */
  async counts(user: AuthenticatedUser, query: CaseFilterQuery): Promise<TabCounts> {
    const shared = this.sharedCountsSql(query);
    const [{ asOf, value }, mine] = await Promise.all([
      this.sharedCounts.get(
        JSON.stringify(shared),
        async () => (await this.reads.dataSource.query(shared.text, shared.params))[0],
      ),
      this.countMine(user, query),
    ]);
    return {
      all: value.all,
      unassigned: value.unassigned,
      mine,
      onHold: value.onHold,
      overdue: value.overdue,
      dueSoon: value.dueSoon,
      asOf: new Date(asOf).toISOString(),
    };
  }

  /** The statement text and parameters are the cache key: they hold every filter. */
  private sharedCountsSql(query: CaseFilterQuery): { text: string; params: unknown[] } {
    const sql = this.openCases(query);
    const days = add(sql, query.dueWithinDays);
    const text = `SELECT count(*)::int AS "all",
              count(*) FILTER (WHERE c.status = 'UNASSIGNED')::int AS unassigned,
              count(*) FILTER (WHERE c.status = 'ON_HOLD')::int AS "onHold",
              count(*) FILTER (WHERE c.due_at < now())::int AS overdue,
              count(*) FILTER (WHERE c.due_at >= now() AND c.due_at < now() + make_interval(days => ${days}::int))::int AS "dueSoon"
       FROM ${sql.from} WHERE ${sql.where.join(' AND ')}`;
    return { text, params: sql.params };
  }

  private async countMine(user: AuthenticatedUser, query: CaseFilterQuery): Promise<number> {
    const sql = this.openCases(query);
    sql.where.push(`c.assignee_id = ${add(sql, user.id)}`);
    const [{ mine }] = await this.reads.dataSource.query(
      `SELECT count(*)::int AS mine FROM ${sql.from} WHERE ${sql.where.join(' AND ')}`,
      sql.params,
    );
    return mine;
  }

  /** The open cases matching the filters. */
  private openCases(query: CaseFilterQuery): Sql & { from: string } {
    const sql = this.filters(query);
    sql.where.push(`c.status <> 'CLOSED'`);
    return { ...sql, from: 'cases c' };
  }

  async detail(id: string) {
    const found = await this.dataSource.getRepository(Case).findOneBy({ id });
    if (!found) throw caseNotFound(id);
    const [cooperative, checklist, activities, history] = await Promise.all([
      this.dataSource.getRepository(Cooperative).findOneBy({ id: found.cooperativeId }),
      this.dataSource.getRepository(ChecklistItem).find({ where: { caseId: id }, order: { position: 'ASC' } }),
      loggedActivities(this.dataSource.manager, id),
      this.historyRows(id),
    ]);
    const nameOf = await this.users.namesOf([
      found.assigneeId,
      found.openedBy,
      found.closedBy,
      ...checklist.map((step) => step.doneBy),
      ...activities.flatMap(activityPeople),
      ...history.flatMap(historyPeople),
    ]);
    return {
      ...found,
      assigneeName: nameOf(found.assigneeId, found.assigneeName),
      openedByName: nameOf(found.openedBy),
      closedByName: nameOf(found.closedBy),
      overdue: found.status !== 'CLOSED' && found.dueAt.getTime() < Date.now(),
      cooperative,
      checklist: checklist.map((step) => ({ ...step, doneByName: nameOf(step.doneBy) })),
      activities: activities.map((activity) => namedActivity(activity, nameOf)),
      history: history.map((entry) => namedHistory(entry, nameOf)),
    };
  }

  async history(id: string) {
    await this.mustExist(id);
    const entries = await this.historyRows(id);
    const nameOf = await this.users.namesOf(entries.flatMap(historyPeople));
    return entries.map((entry) => namedHistory(entry, nameOf));
  }

  async activities(id: string) {
    await this.mustExist(id);
    const activities = await loggedActivities(this.dataSource.manager, id);
    const nameOf = await this.users.namesOf(activities.flatMap(activityPeople));
    return activities.map((activity) => namedActivity(activity, nameOf));
  }

  async activity(caseId: string, activityId: string) {
    const [activity] = await loggedActivities(this.dataSource.manager, caseId, activityId);
    if (!activity) throw activityNotFound(caseId, activityId);
    return namedActivity(activity, await this.users.namesOf(activityPeople(activity)));
  }

  private historyRows(id: string): Promise<CaseHistoryEntry[]> {
    return this.dataSource.getRepository(CaseHistoryEntry).find({ where: { caseId: id }, order: { id: 'ASC' } });
  }

  private async mustExist(id: string): Promise<void> {
    if (!(await this.dataSource.getRepository(Case).existsBy({ id }))) throw caseNotFound(id);
  }

  private filters(query: CaseFilterQuery): Sql {
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

  private tab(sql: Sql, tab: QueueTab, user: AuthenticatedUser, dueWithinDays: number): void {
    switch (tab) {
      case 'all':
        return;
      case 'unassigned':
        sql.where.push(`c.status = 'UNASSIGNED'`);
        return;
      case 'mine':
        sql.where.push(`c.assignee_id = ${add(sql, user.id)}`);
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
}

interface RawRow {
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

const historyPeople = (entry: CaseHistoryEntry) => [entry.actorId, entry.fromAssigneeId, entry.toAssigneeId];

const namedHistory = (entry: CaseHistoryEntry, nameOf: NameOf) => ({
  ...entry,
  actorName: nameOf(entry.actorId),
  fromAssigneeName: nameOf(entry.fromAssigneeId),
  toAssigneeName: nameOf(entry.toAssigneeId),
});

function toRow(raw: RawRow): QueueRow {
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
