import type { NameOf } from '@koperasi/platform';
import { In, type EntityManager } from 'typeorm';
import { CaseActivityAmendment } from './case-activity-amendment.entity';
import { CaseActivity } from './case-activity.entity';

/** An activity as it reads now, with its corrections (oldest first). */
export type LoggedActivity = CaseActivity & { amendments: CaseActivityAmendment[] };

/** The activity log of a case in the order things happened (or one activity of it). */
export async function loggedActivities(
  manager: EntityManager,
  caseId: string,
  activityId?: string,
): Promise<LoggedActivity[]> {
  const activities = await manager.find(CaseActivity, {
    where: { caseId, ...(activityId ? { id: activityId } : {}) },
    order: { occurredOn: 'ASC', createdAt: 'ASC' },
  });
  const amended = activities.filter((activity) => activity.version > 1).map((activity) => activity.id);
  const amendments =
    amended.length === 0
      ? []
      : await manager.find(CaseActivityAmendment, {
          where: { activityId: In(amended) },
          order: { amendedAt: 'ASC', version: 'ASC' },
        });
  return activities.map((activity) => ({
    ...activity,
    amendments: amendments.filter((amendment) => amendment.activityId === activity.id),
  }));
}

export const activityPeople = (activity: LoggedActivity) => [
  activity.authorId,
  ...activity.amendments.map((amendment) => amendment.amendedBy),
];

export const namedActivity = (activity: LoggedActivity, nameOf: NameOf) => ({
  ...activity,
  authorName: nameOf(activity.authorId, activity.authorName),
  amended: activity.amendments.length > 0,
  amendments: activity.amendments.map((amendment) => ({
    ...amendment,
    amendedByName: nameOf(amendment.amendedBy, amendment.amendedByName),
  })),
});
