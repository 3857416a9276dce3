import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG, UnitOfWork, type AuthenticatedUser, type Tx } from '@koperasi/platform';
import type { MentoringConfig } from '../config';
import { CaseActivityAmendment, type ActivityFields } from './case-activity-amendment.entity';
import { CaseActivity } from './case-activity.entity';
import { officeToday } from './case-timers';
import { CaseWork } from './case-work.service';
import {
  activityNotFound,
  caseClosed,
  dateInFuture,
  MAX_ACTIVITIES_PER_CASE,
  notYourActivity,
  staleActivityVersion,
  tooManyActivities,
} from './cases.errors';

const FIELDS: readonly (keyof ActivityFields)[] = ['kind', 'occurredOn', 'text'];

/**
 * The activity log of a case: logging and correcting. A correction never overwrites silently: it
 * keeps an amendment row with the previous values and the reason, raises the version, and is audited.
 */
@Injectable()
export class CaseActivities {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly work: CaseWork,
    @Inject(SERVICE_CONFIG) private readonly config: MentoringConfig,
  ) {}

  /** Inside the caller's transaction (the HTTP command's). */
  async add(tx: Tx, user: AuthenticatedUser, caseId: string, input: ActivityFields): Promise<CaseActivity> {
    const current = await this.work.lockOwn(tx, user, caseId);
    if (current.status === 'CLOSED') throw caseClosed(caseId);
    this.assertNotInFuture(input.occurredOn);
    if ((await tx.manager.countBy(CaseActivity, { caseId })) >= MAX_ACTIVITIES_PER_CASE)
      throw tooManyActivities(caseId);
    const activity = tx.manager.create(CaseActivity, { caseId, ...input, authorId: user.id, authorName: user.name });
    await tx.manager.save(activity);
    await tx.audit({
      action: 'case.activity-logged',
      entityType: 'Case',
      entityId: caseId,
      after: { activityId: activity.id, kind: input.kind, occurredOn: input.occurredOn },
    });
    return activity;
  }

  /** The author (on a case they may work) or a supervisor corrects an activity of an open case. */
  amend(
    user: AuthenticatedUser,
    caseId: string,
    activityId: string,
    input: Partial<ActivityFields> & { reason: string; version?: number },
  ): Promise<void> {
    return this.uow.run(async (tx) => {
      const current = await this.work.lockOwn(tx, user, caseId);
      const activity = await tx.manager.findOne(CaseActivity, {
        where: { id: activityId, caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!activity) throw activityNotFound(caseId, activityId);
      if (!user.roles.includes('supervisor') && activity.authorId !== user.id)
        throw notYourActivity(caseId, activityId);
      if (current.status === 'CLOSED') throw caseClosed(caseId);
      if (input.version !== undefined && input.version !== activity.version)
        throw staleActivityVersion(activityId, input.version, activity.version);
      const changed = FIELDS.filter((field) => input[field] !== undefined && input[field] !== activity[field]);
      if (changed.length === 0) return;
      if (input.occurredOn !== undefined) this.assertNotInFuture(input.occurredOn);

      const before = Object.fromEntries(changed.map((field) => [field, activity[field]]));
      const after = Object.fromEntries(changed.map((field) => [field, input[field]]));
      const version = activity.version + 1;
      // update() raises the @VersionColumn by itself.
      await tx.manager.update(CaseActivity, { id: activityId }, after);
      await tx.manager.insert(CaseActivityAmendment, {
        activityId,
        caseId,
        version,
        before,
        after,
        reason: input.reason,
        amendedBy: user.id,
        amendedByName: user.name,
      });
      await tx.audit({
        action: 'case.activity-amended',
        entityType: 'Case',
        entityId: caseId,
        before: { activityId, version: activity.version, ...before },
        after: { activityId, version, ...after },
        reason: input.reason,
      });
    });
  }

  private assertNotInFuture(occurredOn: string): void {
    const today = officeToday(new Date(), this.config.OFFICE_UTC_OFFSET_HOURS);
    if (occurredOn > today) throw dateInFuture('occurredOn', occurredOn, today);
  }
}
