import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';

/**
 * Runs periodic work once per period across all replicas of a service. Every replica ticks four
 * times a period; a tick runs the task only when it moves the task's row in `periodic_runs`
 * forward, which one replica at a time can do once a period has passed. No lock is held while the
 * task runs, so a replica that dies mid-task delays the next run by one period at most.
 */
@Injectable()
export class PeriodicTasks implements BeforeApplicationShutdown {
  private readonly logger = new Logger(PeriodicTasks.name);
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly dataSource: DataSource) {}

  schedule(name: string, periodMs: number, task: () => Promise<unknown>): void {
    const tick = () => {
      if (this.running.has(name)) return;
      this.running.set(
        name,
        this.runIfDue(name, periodMs, task).finally(() => this.running.delete(name)),
      );
    };
    this.timers.push(setInterval(tick, Math.max(50, Math.floor(periodMs / 4))));
    tick();
  }

  /** Claims this period's run of `name`; true for exactly one caller per period across replicas. */
  async claim(name: string, periodMs: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO periodic_runs (name, last_run_at) VALUES ($1, now())
       ON CONFLICT (name) DO UPDATE SET last_run_at = now()
       WHERE periodic_runs.last_run_at <= now() - $2 * interval '1 millisecond'
       RETURNING name`,
      [name, periodMs],
    );
    return rows.length > 0;
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await Promise.allSettled([...this.running.values()]);
  }

  private async runIfDue(name: string, periodMs: number, task: () => Promise<unknown>): Promise<void> {
    try {
      if (await this.claim(name, periodMs)) await task();
    } catch (error) {
      this.logger.warn({ err: error, task: name }, 'Periodic task failed; it runs again next period');
    }
  }
}
