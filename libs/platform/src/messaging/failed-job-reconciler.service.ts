import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { PeriodicTasks } from '../scheduling/periodic-tasks';
import type { ServiceIdentity } from '../service-identity';
import { DeadLetters, isUuid, type DeadLetterInput } from './dead-letters.service';
import { batchEventJobId, claimedIdentity, EVENT_BATCH_JOB, eventsOfBatch } from './event-batch';
import { checkEnvelope } from './event-checks';
import { failureOf } from './failed-jobs';
import { FAILED_JOB_SWEEP_PAGE } from './messaging.constants';
import { QueueDirectory } from './queue-directory';

/**
 * Makes every job that ends in the inbox's failed set a dead letter, whatever failed it: the
 * inbox's own refusals, retries used up, BullMQ failing a job that stalled, or a failure whose
 * dead-letter insert could not reach PostgreSQL. The worker reports each failure at once
 * (`recordIfFailed`); a periodic sweep of the failed set catches the rest, including what
 * another replica or a crashed process left there. A batch job becomes one dead letter per event
 * it did not apply, each with its own envelope. A job is removed from the failed set only once
 * its dead letter is committed, so a PostgreSQL outage delays the record but never drops it.
 */
@Injectable()
export class FailedJobReconciler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FailedJobReconciler.name);
  private sweeping: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly deadLetters: DeadLetters,
    private readonly queues: QueueDirectory,
    private readonly periodic: PeriodicTasks,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
  ) {}

  onApplicationBootstrap(): void {
    // A service without an inbox (the console) has no failed events to record.
    if (this.identity.inboxQueue === null) return;
    // Once per interval across the replicas of the service.
    this.periodic.schedule('failed-job-sweep', this.config.DEAD_LETTER_SWEEP_INTERVAL_MS, () => this.sweep());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeping;
  }

  /** Called for every failed attempt: only a job that will not be retried becomes a dead letter. */
  async recordIfFailed(job: Job): Promise<void> {
    try {
      if (this.identity.inboxQueue !== null && (await job.isFailed()))
        await this.record(this.queues.get(this.identity.inboxQueue), job);
    } catch (error) {
      this.logger.warn({ err: error, jobId: job.id }, 'Could not record a failed job yet; the sweep will');
    }
  }

  /** Records every job in the inbox's failed set; answers how many it took out of it. */
  sweep(): Promise<number> {
    if (this.identity.inboxQueue === null) return Promise.resolve(0);
    if (!this.sweeping) {
      this.sweeping = this.reconcile(this.queues.get(this.identity.inboxQueue))
        .catch((error) => {
          this.logger.warn({ err: error }, 'Failed-job sweep stopped; retrying at the next interval');
          return 0;
        })
        .finally(() => (this.sweeping = null));
    }
    return this.sweeping;
  }

  /** Records the failed jobs of `queue`, a page at a time, until its failed set is empty. */
  async reconcile(queue: Queue): Promise<number> {
    let taken = 0;
    for (;;) {
      const failed = (await queue.getFailed(0, FAILED_JOB_SWEEP_PAGE - 1)).filter(Boolean);
      if (failed.length === 0) return taken;
      for (const job of failed) await this.record(queue, job);
      taken += failed.length;
    }
  }

  private async record(queue: Queue, job: Job): Promise<void> {
    for (const letter of await this.lettersOf(queue, job)) await this.deadLetters.record(letter);
    await queue.remove(job.id!);
  }

  /**
   * The job's dead letter; for a batch job, one per event not applied, with the reason of its own
   * refusal when it fails the inbox's checks (an altered envelope stays BAD_SIGNATURE, never a
   * retryable failure) and the job's otherwise.
   */
  private async lettersOf(queue: Queue, job: Job): Promise<DeadLetterInput[]> {
    const { code, message } = failureOf(job);
    const whole: DeadLetterInput = {
      queue: queue.name,
      jobId: job.id ?? null,
      eventType: job.name,
      payload: job.data ?? null,
      errorCode: code,
      errorMessage: message,
      attempts: job.attemptsMade,
    };
    const events = job.name === EVENT_BATCH_JOB ? eventsOfBatch(job.data) : null;
    if (!events) return [whole];
    const applied = await this.appliedAmong(events.map((raw, index) => claimedIdentity(raw, index).eventId));
    return events.flatMap((raw, index) => {
      const { eventId, eventType } = claimedIdentity(raw, index);
      if (typeof eventId === 'string' && applied.has(eventId)) return [];
      const check = checkEnvelope(raw, this.config.EVENT_SIGNING_KEYS, this.identity.name, null);
      return [
        {
          ...whole,
          jobId: batchEventJobId(job.id, eventId, index),
          eventType,
          payload: raw ?? null,
          ...(check.ok ? {} : { errorCode: check.code, errorMessage: check.message }),
        },
      ];
    });
  }

  private async appliedAmong(eventIds: unknown[]): Promise<Set<string>> {
    const ids = eventIds.filter((id): id is string => typeof id === 'string' && isUuid(id));
    const rows: { event_id: string }[] = await this.dataSource.query(
      `SELECT event_id FROM processed_events WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
      [this.identity.name, ids],
    );
    return new Set(rows.map((row) => row.event_id));
  }
}
