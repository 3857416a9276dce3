import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG, SERVICE_IDENTITY } from '../config/config.tokens';
import type { BaseEnv } from '../config/service-config';
import { QueueDirectory } from '../messaging/queue-directory';
import { withTimeout } from '../common/with-timeout';
import type { ServiceIdentity } from '../service-identity';
import { DEADLINE_HANDLER_KEY, DEADLINE_TIER_KEY, type DeadlineTier } from './deadline-handler.decorator';
import { Deadline } from './deadline.entity';
import {
  SLA_TIMER_PRIORITY,
  TIMER_JOB_ATTEMPTS,
  TIMER_JOB_BACKOFF,
  TIMER_SWEEP_BATCH,
  TIMER_SWEEP_HORIZON_MS,
} from './timer.constants';

/**
 * Arms delayed BullMQ jobs for deadlines. The job id is derived from the deadline and its due
 * time, so arming twice is a no-op; that is what lets the sweeper simply re-arm everything due
 * soon, restoring jobs lost in a Redis flush without checking which ones are gone. A job that
 * ended in the failed set would keep its id there and swallow every re-arm, so the sweeper first
 * removes the failed timer jobs (the deadline row, still PENDING, is the truth).
 */
@Injectable()
export class TimerScheduler implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimerScheduler.name);
  private sweeper?: NodeJS.Timeout;
  private sweeping: Promise<number> | null = null;
  private slaKinds = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueDirectory,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(SERVICE_IDENTITY) private readonly identity: ServiceIdentity,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const type = wrapper.metatype as object as never;
      const kind = type && this.reflector.get<string>(DEADLINE_HANDLER_KEY, type);
      if (kind && this.reflector.get<DeadlineTier>(DEADLINE_TIER_KEY, type) === 'sla') this.slaKinds.add(kind);
    }
  }

  onApplicationBootstrap(): void {
    this.sweeper = setInterval(() => void this.sweep(), this.config.TIMER_SWEEP_INTERVAL_MS);
    void this.sweep();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.sweeping;
  }

  /**
   * Best effort: a failure here is repaired by the next sweep. Deadlines beyond the sweep horizon
   * get no job yet (the sweeper arms them when they come near), which keeps Redis free of
   * months-long delayed jobs and spares the write path a Redis call.
   */
  async arm(deadlines: Pick<Deadline, 'id' | 'kind' | 'dueAt'>[]): Promise<void> {
    const now = Date.now();
    const soon = deadlines.filter((deadline) => deadline.dueAt.getTime() <= now + TIMER_SWEEP_HORIZON_MS);
    if (soon.length === 0) return;
    try {
      const jobs = this.queues.get(this.identity.timerQueue).addBulk(
        soon.map((deadline) => ({
          name: deadline.kind,
          data: { deadlineId: deadline.id },
          opts: {
            jobId: `${deadline.id}-${deadline.dueAt.getTime()}`,
            delay: Math.max(0, deadline.dueAt.getTime() - now),
            priority: this.slaKinds.has(deadline.kind) ? SLA_TIMER_PRIORITY : undefined,
            attempts: TIMER_JOB_ATTEMPTS,
            backoff: TIMER_JOB_BACKOFF,
            removeOnComplete: true,
            removeOnFail: { age: 7 * 24 * 3600 },
          },
        })),
      );
      await withTimeout(jobs, this.config.REDIS_COMMAND_TIMEOUT_MS, 'Redis did not take the timers');
    } catch (error) {
      this.logger.warn({ err: error, count: soon.length }, 'Could not arm timers; the sweeper will');
    }
  }

  /** Re-arms every pending deadline due within the horizon; answers how many it armed. */
  sweep(): Promise<number> {
    if (!this.sweeping) this.sweeping = this.sweepOnce().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    let armed = 0;
    try {
      await this.removeFailedJobs();
      const horizon = new Date(Date.now() + TIMER_SWEEP_HORIZON_MS);
      let after = new Date(0);
      let afterId = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const batch: { id: string; kind: string; due_at: Date }[] = await this.dataSource.query(
          `SELECT id, kind, due_at FROM deadlines
           WHERE state = 'PENDING' AND due_at <= $1 AND (due_at, id) > ($2, $3::uuid)
           ORDER BY due_at, id LIMIT $4`,
          [horizon, after, afterId, TIMER_SWEEP_BATCH],
        );
        if (batch.length === 0) break;
        await this.arm(batch.map((row) => ({ id: row.id, kind: row.kind, dueAt: row.due_at })));
        armed += batch.length;
        const last = batch[batch.length - 1];
        after = last.due_at;
        afterId = last.id;
        if (batch.length < TIMER_SWEEP_BATCH) break;
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Timer sweep failed; retrying at the next interval');
    }
    return armed;
  }

  /** One page of the failed set per sweep; a timer job fails only after its whole retry budget. */
  private async removeFailedJobs(): Promise<void> {
    const failed = await this.queues.get(this.identity.timerQueue).getFailed(0, TIMER_SWEEP_BATCH - 1);
    for (const job of failed) {
      this.logger.warn(
        { jobId: job.id, kind: job.name, deadlineId: job.data?.deadlineId, attempts: job.attemptsMade },
        `Timer job failed (${job.failedReason}); removed so the sweep can arm it again`,
      );
      await job.remove();
    }
  }
}
