import { Injectable, Logger } from '@nestjs/common';
import type { CooperativeStatus, EventEnvelope, StatusChangeRefusalReason } from '@koperasi/contracts';
import { eventContext, type Tx } from '@koperasi/platform';
import type { Cooperative } from '../cooperative.entity';

export interface StatusChangeRefusal {
  event: EventEnvelope<DissolutionStatusEvent>;
  cooperative: Cooperative;
  expected: CooperativeStatus;
  requested: CooperativeStatus;
  code: StatusChangeRefusalReason;
  message: string;
}

/** The dissolution events that ask the registry for a status change (all carry proceedingId). */
export type DissolutionStatusEvent =
  | 'dissolution.proceeding-approved.v1'
  | 'dissolution.proceeding-withdrawn.v1'
  | 'dissolution.objection-upheld.v1'
  | 'dissolution.decree-recorded.v1'
  | 'dissolution.gazette-published.v1';

/**
 * A status-changing event the registry does not apply is answered, not dead-lettered: the refusal is
 * audited and published to the asking service, which records it on the proceeding. Nothing else changes.
 */
@Injectable()
export class StatusChangeRefusals {
  private readonly logger = new Logger(StatusChangeRefusals.name);

  async refuseAll(tx: Tx, refusals: StatusChangeRefusal[]): Promise<void> {
    if (refusals.length === 0) return;
    const refusedAt = new Date().toISOString();
    const contexts = refusals.map(({ event }) => eventContext(event));
    await tx.auditAll(
      refusals.map(({ event, cooperative, expected, requested, code, message }, index) => ({
        action: 'cooperative.status-change-refused',
        entityType: 'Cooperative',
        entityId: cooperative.id,
        before: { status: cooperative.status },
        after: { refusedEventId: event.eventId, refusedEventType: event.type, expected, requested, code },
        reason: message,
        context: contexts[index],
      })),
    );
    await tx.publishAll(
      'registry.status-change-refused.v1',
      refusals.map(({ event, cooperative, expected, requested, code, message }) => ({
        cooperativeId: cooperative.id,
        proceedingId: event.data.proceedingId,
        refusedEventId: event.eventId,
        refusedEventType: event.type,
        expectedStatus: expected,
        actualStatus: cooperative.status,
        requestedStatus: requested,
        reasonCode: code,
        reason: message,
        refusedAt,
      })),
      contexts,
    );
    for (const { event, cooperative, code } of refusals) {
      this.logger.warn(
        { eventId: event.eventId, eventType: event.type, cooperativeId: cooperative.id, code },
        'Status change refused',
      );
    }
  }
}
