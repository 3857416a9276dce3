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
import { PeriodicTasks } from '../scheduling/periodic-tasks';
import type { ServiceIdentity } from '../service-identity';
import { DEADLINE_HANDLER_KEY, DEADLINE_TIER_KEY, type DeadlineTier } from './deadline-handler.decorator';
import { Deadline } from './deadline.entity';
import { TIMER_JOB_ATTEMPTS, TIMER_JOB_BACKOFF, TIMER_SWEEP_BATCH, TIMER_SWEEP_HORIZON_MS } from './timer.constants';

/** What arming a deadline's job needs of it. */
export type ArmedDeadline = Pick<Deadline, 'id' | 'kind' | 'dueAt'>;

const JOB_OPTIONS = {
  attempts: TIMER_JOB_ATTEMPTS,
  backoff: TIMER_JOB_BACKOFF,
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600 },
};

/** The name of the SLA lane's job that fires every routine deadline due by its second. */
export const SLA_WAVE_JOB = 'sla-wave';

/**
 * Arms delayed BullMQ jobs for deadlines, in two lanes. A statutory deadline gets a job of its own
 * in the service's timer queue. Routine (SLA) deadlines share one job per second in which they come
 * due, in the SLA lane: a wave of 100,000 reminders is one job there, which fires them in large
 * transactions while the statutory lane stays free. Job ids derive from the deadline and its due
 * time (or from the second), so arming twice is a no-op; that is what lets the sweeper simply
 * re-arm everything due soon, restoring jobs lost in a Redis flush without checking which ones are
 * gone. A job that ended in the failed set would keep its id there and swallow every re-arm, so the
 * sweeper first removes the failed timer jobs (the deadline row, still PENDING, is the truth).
 */
@Injectable()
export class TimerScheduler implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TimerScheduler.name);
  private sweeping: Promise<number> | null = null;
  private readonly slaKinds = new Set<string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueDirectory,
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly periodic: PeriodicTasks,
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

  /** One sweep per interval across the replicas of the service, not one per replica. */
  onApplicationBootstrap(): void {
    this.periodic.schedule('timer-sweep', this.config.TIMER_SWEEP_INTERVAL_MS, () => this.sweep());
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.sweeping;
  }

  /**
   * Best effort: a failure here is repaired by the next sweep. Deadlines beyond the sweep horizon
   * get no job yet (the sweeper arms them when they come near), which keeps Redis free of
   * months-long delayed jobs and spares the write path a Redis call.
   */
  async arm(deadlines: ArmedDeadline[]): Promise<void> {
    const now = Date.now();
    const soon = deadlines.filter((deadline) => deadline.dueAt.getTime() <= now + TIMER_SWEEP_HORIZON_MS);
    if (soon.length === 0) return;
    const statutory = soon.filter((deadline) => !this.isSla(deadline.kind));
    const waves = new Set(soon.filter((deadline) => this.isSla(deadline.kind)).map((d) => waveSecond(d.dueAt, now)));
    try {
      await withTimeout(
        Promise.all([this.armSingly(this.identity.timerQueue, statutory, now), this.armWaves([...waves], now)]),
        this.config.REDIS_COMMAND_TIMEOUT_MS,
        'Redis did not take the timers',
      );
    } catch (error) {
      this.logger.warn({ err: error, count: soon.length }, 'Could not arm timers; the sweeper will');
    }
  }

  /** Routine deadlines are served by the SLA lane's waves; every other kind is statutory. */
  isSla(kind: string): boolean {
    return this.slaKinds.has(kind);
  }

  get slaKindList(): string[] {
    return [...this.slaKinds];
  }

  /**
   * Gives routine deadlines a job each in the SLA lane, with the timer retry budget: the wave hands
   * over a batch it could not fire together, so each is retried (or refused) alone.
   */
  async armSinglyInSlaLane(deadlines: ArmedDeadline[]): Promise<void> {
    await this.armSingly(this.identity.slaTimerQueue, deadlines, Date.now());
  }

  private async armSingly(queue: string, deadlines: ArmedDeadline[], now: number): Promise<void> {
    if (deadlines.length === 0) return;
    await this.queues.get(queue).addBulk(
      deadlines.map((deadline) => ({
        name: deadline.kind,
        data: { deadlineId: deadline.id },
        opts: {
          ...JOB_OPTIONS,
          jobId: `${deadline.id}-${deadline.dueAt.getTime()}`,
          delay: Math.max(0, deadline.dueAt.getTime() - now),
        },
      })),
    );
  }

  private async armWaves(seconds: number[], now: number): Promise<void> {
    if (seconds.length === 0) return;
    await this.queues.get(this.identity.slaTimerQueue).addBulk(
      seconds.map((second) => ({
        name: SLA_WAVE_JOB,
        data: { dueBy: second * 1000 },
        opts: { ...JOB_OPTIONS, jobId: `wave-${second}`, delay: Math.max(0, second * 1000 - now) },
      })),
    );
  }

  /** Re-arms every pending deadline due within the horizon; answers how many it armed. */
  sweep(): Promise<number> {
    if (!this.sweeping) this.sweeping = this.sweepOnce().finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async sweepOnce(): Promise<number> {
    let armed = 0;
    try {
      await this.removeFailedJobs(this.identity.timerQueue);
      await this.removeFailedJobs(this.identity.slaTimerQueue);
      const horizon = new Date(Date.now() + TIMER_SWEEP_HORIZON_MS);
      armed += await this.sweepWaves(horizon);
      let after = new Date(0);
      let afterId = '00000000-0000-0000-0000-000000000000';
      for (;;) {
        const batch: { id: string; kind: string; due_at: Date }[] = await this.dataSource.query(
          `SELECT id, kind, due_at FROM deadlines
           WHERE state = 'PENDING' AND due_at <= $1 AND (due_at, id) > ($2, $3::uuid) AND kind <> ALL($5)
           ORDER BY due_at, id LIMIT $4`,
          [horizon, after, afterId, TIMER_SWEEP_BATCH, this.slaKindList],
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

  /** One wave job per second in which routine deadlines come due; answers how many deadlines they cover. */
  private async sweepWaves(horizon: Date): Promise<number> {
    if (this.slaKinds.size === 0) return 0;
    const rows: { second: string; count: number }[] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM due_at))::bigint AS second, count(*)::int AS count FROM deadlines
       WHERE state = 'PENDING' AND due_at <= $1 AND kind = ANY($2)
       GROUP BY 1`,
      [horizon, this.slaKindList],
    );
    if (rows.length === 0) return 0;
    const now = Date.now();
    const seconds = new Set(rows.map((row) => waveSecond(new Date(Number(row.second) * 1000), now)));
    await withTimeout(
      this.armWaves([...seconds], now),
      this.config.REDIS_COMMAND_TIMEOUT_MS,
      'Redis did not take the waves',
    );
    return rows.reduce((sum, row) => sum + row.count, 0);
  }

  /** One page of the failed set per sweep; a timer job fails only after its whole retry budget. */
  private async removeFailedJobs(queue: string): Promise<void> {
    const failed = await this.queues.get(queue).getFailed(0, TIMER_SWEEP_BATCH - 1);
    for (const job of failed) {
      this.logger.warn(
        { jobId: job.id, kind: job.name, deadlineId: job.data?.deadlineId, attempts: job.attemptsMade },
        `Timer job failed (${job.failedReason}); removed so the sweep can arm it again`,
      );
      await job.remove();
    }
  }
}

/** The second whose wave fires a routine deadline: its due time rounded up, or now when already due. */
function waveSecond(dueAt: Date, now: number): number {
  return Math.ceil(Math.max(dueAt.getTime(), now) / 1000);
}
