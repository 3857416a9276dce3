import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  ReadDatabase,
  RecentResults,
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
import {
  listStatements,
  mineCountStatement,
  queuePage,
  sharedCountsStatement,
  type QueuePageRow,
} from './case-queue.sql';
import type { CaseFilterQuery, CaseQueueQuery } from './dto/case-queue.query';
import { Cooperative } from '../cooperatives/cooperative.entity';

/** Distinct filter combinations whose shared tab counts are kept (a few hundred bytes each). */
const COUNTED_FILTERS_KEPT = 1_000;

type SharedCounts = Record<'all' | 'unassigned' | 'onHold' | 'overdue' | 'dueSoon', number>;
export type TabCounts = SharedCounts & { mine: number; asOf: string };

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

  async list(user: AuthenticatedUser, query: CaseQueueQuery): Promise<ReturnType<typeof queuePage>> {
    const { page, total } = listStatements(query, user.id);
    const rows: QueuePageRow[] = await this.reads.dataSource.query(page.text, page.params);
    const counted: number =
      rows.length > 0 ? rows[0].capped_total : (await this.reads.dataSource.query(total.text, total.params))[0].total;
    return queuePage(rows, counted, query);
  }

  /**
   * How many open cases each tab holds under the same filters. The tabs every user shares are
   * counted in one pass over the matching open cases, at most once per CASE_COUNTS_MAX_AGE_SECONDS
   * for each filter combination (`asOf` says when); `mine` is counted on every request.
   */
  async counts(user: AuthenticatedUser, query: CaseFilterQuery): Promise<TabCounts> {
    const shared = sharedCountsStatement(query);
    const mine = mineCountStatement(query, user.id);
    const [{ asOf, value }, [counted]] = await Promise.all([
      this.sharedCounts.get(
        JSON.stringify(shared),
        async () => (await this.reads.dataSource.query(shared.text, shared.params))[0],
      ),
      this.reads.dataSource.query(mine.text, mine.params),
    ]);
    return {
      all: value.all,
      unassigned: value.unassigned,
      mine: counted.mine,
      onHold: value.onHold,
      overdue: value.overdue,
      dueSoon: value.dueSoon,
      asOf: new Date(asOf).toISOString(),
    };
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
}

const historyPeople = (entry: CaseHistoryEntry) => [entry.actorId, entry.fromAssigneeId, entry.toAssigneeId];

const namedHistory = (entry: CaseHistoryEntry, nameOf: NameOf) => ({
  ...entry,
  actorName: nameOf(entry.actorId),
  fromAssigneeName: nameOf(entry.fromAssigneeId),
  toAssigneeName: nameOf(entry.toAssigneeId),
});
