import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '../config/config.tokens';
import { InvalidEnvironmentError, type BaseEnv } from '../config/service-config';
import { PeriodicTasks } from '../scheduling/periodic-tasks';
import { PLATFORM_RETENTION_RULES, RETENTION_RULES, type RetentionRule } from './retention-rule';

/** Rows deleted per statement, so pruning never holds many locks or one long transaction. */
const PRUNE_BATCH = 5_000;
const DAY_MS = 86_400_000;

/**
 * Deletes rows past their retention (published outbox events, processed events, and the
 * service's own rules such as idempotency records), once per PRUNE_INTERVAL_MS across replicas.
 */
@Injectable()
export class RetentionService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(RetentionService.name);
  private readonly rules: RetentionRule[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly periodic: PeriodicTasks,
    @Inject(SERVICE_CONFIG) private readonly config: BaseEnv,
    @Inject(RETENTION_RULES) serviceRules: RetentionRule[],
  ) {
    this.rules = [...PLATFORM_RETENTION_RULES, ...serviceRules];
  }

  /** A replayed event must still be recognised by its consumers, so they remember events longer than the outbox keeps them. */
  onModuleInit(): void {
    if (this.config.PROCESSED_EVENTS_RETENTION_DAYS <= this.config.OUTBOX_RETENTION_DAYS) {
      throw new InvalidEnvironmentError([
        `PROCESSED_EVENTS_RETENTION_DAYS: must be longer than OUTBOX_RETENTION_DAYS (${this.config.OUTBOX_RETENTION_DAYS}), or a replay after a Redis loss would apply events twice`,
      ]);
    }
  }

  onApplicationBootstrap(): void {
    this.periodic.schedule('retention-prune', this.config.PRUNE_INTERVAL_MS, () => this.prune());
  }

  /** Deletes what is past its retention now; answers the count per rule. */
  async prune(now = new Date()): Promise<Record<string, number>> {
    const pruned: Record<string, number> = {};
    for (const rule of this.rules) {
      const cutoff = new Date(now.getTime() - this.config[rule.setting] * DAY_MS);
      let deleted = 0;
      for (;;) {
        const [row]: { deleted: number }[] = await this.dataSource.query(rule.sql, [cutoff, PRUNE_BATCH]);
        deleted += row.deleted;
        if (row.deleted < PRUNE_BATCH) break;
      }
      pruned[rule.what] = deleted;
    }
    this.logger.log({ pruned }, 'Pruned rows past their retention');
    return pruned;
  }
}
