import { Injectable } from '@nestjs/common';
import { SYSTEM_ACTOR, type CooperativeStatus } from '@koperasi/contracts';
import { currentActor, type Tx } from '@koperasi/platform';
import { Cooperative } from './cooperative.entity';
import { checkTransition } from './cooperative-status';
import { snapshotOf } from './cooperative-snapshot';
import { cooperativeNotFound, invalidTransition } from './cooperatives.errors';
import { StatusHistoryEntry } from './status-history.entity';

export interface StatusChangeCause {
  reason: string;
  /** The consumed event that caused the change, if an event did. */
  triggeringEventId?: string | null;
}

/** Applies a status change: state machine check, update, history, audit and event in the caller's transaction. */
@Injectable()
export class CooperativeStatusService {
  /** Loads the cooperative with a row lock, so two changes of one cooperative never interleave. */
  async lock(tx: Tx, cooperativeId: string): Promise<Cooperative> {
    const cooperative = await tx.manager.findOne(Cooperative, { where: { id: cooperativeId }, lock: { mode: 'pessimistic_write' } });
    if (!cooperative) throw cooperativeNotFound(cooperativeId);
    return cooperative;
  }

  async change(tx: Tx, cooperative: Cooperative, to: CooperativeStatus, cause: StatusChangeCause): Promise<Cooperative> {
    const from = cooperative.status;
    if (!checkTransition(from, to).ok) throw invalidTransition(cooperative.id, from, to);
    const at = new Date();
    const actor = currentActor() ?? SYSTEM_ACTOR;
    await tx.manager.update(Cooperative, { id: cooperative.id }, { status: to, statusChangedAt: at });
    const changed = { ...cooperative, status: to, statusChangedAt: at } as Cooperative;
    await tx.manager.insert(StatusHistoryEntry, {
      cooperativeId: cooperative.id,
      fromStatus: from,
      toStatus: to,
      at,
      reason: cause.reason,
      actorId: actor.id,
      triggeringEventId: cause.triggeringEventId ?? null,
    });
    await tx.audit({ action: 'cooperative.status-changed', entityType: 'Cooperative', entityId: cooperative.id, before: { status: from }, after: { status: to }, reason: cause.reason });
    await tx.publish('registry.cooperative-status-changed.v1', {
      ...snapshotOf(changed),
      from,
      to,
      reason: cause.reason,
      changedAt: at.toISOString(),
      triggeringEventId: cause.triggeringEventId ?? null,
    });
    return changed;
  }
}
