import { Inject, Injectable } from '@nestjs/common';
import type { CooperativeStatus } from '@koperasi/contracts';
import {
  AUDIT_LOG_COLUMNS,
  auditRows,
  currentWriteContext,
  SERVICE_CONFIG,
  type Tx,
  type WriteContext,
} from '@koperasi/platform';
import type { RegistryConfig } from '../config';
import { officeDate } from '../common/dates';
import { In } from 'typeorm';
import { Cooperative } from './cooperative.entity';
import { checkTransition } from './cooperative-status';
import { snapshotOf } from './cooperative-snapshot';
import { cooperativeNotFound, invalidTransition } from './cooperatives.errors';

export interface StatusChangeCause {
  reason: string;
  /** The consumed event that caused the change, if an event did. */
  triggeringEventId?: string | null;
  /** The office day the change took effect (a decree's date, say); defaults to the day it is recorded. */
  effectiveOn?: string;
}

export interface StatusChange {
  /** Locked by `lock` or `lockMany` in the same transaction. */
  cooperative: Cooperative;
  to: CooperativeStatus;
  cause: StatusChangeCause;
  /** Who and which flow, when not the current request or job (a batch of events). */
  context?: WriteContext;
}

/** Applies status changes: state machine check, update, history, audit and event in the caller's transaction. */
@Injectable()
export class CooperativeStatusService {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: RegistryConfig) {}

  /** Loads the cooperative with a row lock, so two changes of one cooperative never interleave. */
  async lock(tx: Tx, cooperativeId: string): Promise<Cooperative> {
    const locked = await this.lockMany(tx, [cooperativeId]);
    return locked.get(cooperativeId)!;
  }

  /** `lock` for many cooperatives, in id order so two batches cannot deadlock on them. */
  async lockMany(tx: Tx, cooperativeIds: string[]): Promise<Map<string, Cooperative>> {
    const found = await tx.manager.find(Cooperative, {
      where: { id: In(cooperativeIds) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const locked = new Map(found.map((cooperative) => [cooperative.id, cooperative]));
    const missing = cooperativeIds.find((id) => !locked.has(id));
    if (missing) throw cooperativeNotFound(missing);
    return locked;
  }

  async change(
    tx: Tx,
    cooperative: Cooperative,
    to: CooperativeStatus,
    cause: StatusChangeCause,
  ): Promise<Cooperative> {
    const [changed] = await this.changeMany(tx, [{ cooperative, to, cause }]);
    return changed;
  }

  /** Applies changes of distinct cooperatives in a few statements; one refused transition refuses them all. */
  async changeMany(tx: Tx, changes: StatusChange[]): Promise<Cooperative[]> {
    for (const { cooperative, to } of changes) {
      if (!checkTransition(cooperative.status, to).ok) throw invalidTransition(cooperative.id, cooperative.status, to);
    }
    const at = new Date();
    const today = officeDate(at, this.config.OFFICE_UTC_OFFSET_MINUTES);
    const contexts = changes.map((change) => change.context);
    const current = currentWriteContext();
    const column = <V>(pick: (change: StatusChange) => V) => changes.map(pick);
    const audit = auditRows(
      changes.map(({ cooperative, to, cause }, index) => ({
        action: 'cooperative.status-changed',
        entityType: 'Cooperative',
        entityId: cooperative.id,
        before: { status: cooperative.status },
        after: { status: to },
        reason: cause.reason,
        context: contexts[index],
      })),
      10,
    );
    // The history is never dated in the future, nor before the cooperative's latest change, so it stays in order.
    const updated: { id: string; version: number }[] = await tx.manager.query(
      `WITH updated AS (
         UPDATE cooperatives c SET status = s.to_status, status_changed_at = $3, version = c.version + 1
         FROM unnest($1::uuid[], $2::varchar[]) AS s (id, to_status) WHERE c.id = s.id
         RETURNING c.id, c.version),
       history AS (
         INSERT INTO status_history (cooperative_id, from_status, to_status, at, effective_on, reason, actor_id, triggering_event_id)
         SELECT id, from_status, to_status, $3,
           GREATEST(LEAST(effective_on, $8::date),
                    (SELECT max(p.effective_on) FROM status_history p WHERE p.cooperative_id = s.id)),
           reason, actor_id, triggering_event_id
         FROM unnest($1::uuid[], $4::varchar[], $2::varchar[], $5::text[], $6::varchar[], $7::uuid[], $9::date[])
           AS s (id, from_status, to_status, reason, actor_id, triggering_event_id, effective_on)),
       audit AS (INSERT INTO audit_log (${AUDIT_LOG_COLUMNS}) SELECT * FROM ${audit.sql})
       SELECT id, version FROM updated`,
      [
        column((change) => change.cooperative.id),
        column((change) => change.to),
        at,
        column((change) => change.cooperative.status),
        column((change) => change.cause.reason),
        contexts.map((context) => (context ?? current).actor.id),
        column((change) => change.cause.triggeringEventId ?? null),
        today,
        column((change) => change.cause.effectiveOn ?? today),
        ...audit.params,
      ],
    );
    const versions = new Map(updated.map((row) => [row.id, row.version]));
    const changed = changes.map(
      ({ cooperative, to }) =>
        ({ ...cooperative, status: to, statusChangedAt: at, version: versions.get(cooperative.id)! }) as Cooperative,
    );
    await tx.publishAll(
      'registry.cooperative-status-changed.v1',
      changes.map(({ cooperative, to, cause }, index) => ({
        ...snapshotOf(changed[index]),
        from: cooperative.status,
        to,
        reason: cause.reason,
        changedAt: at.toISOString(),
        triggeringEventId: cause.triggeringEventId ?? null,
      })),
      contexts,
    );
    return changed;
  }
}
