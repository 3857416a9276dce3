import type { EventEnvelope } from '@koperasi/contracts';
import {
  EVENT_IS_NEW,
  EVENT_STATEMENT_FIRST_PARAM,
  EventHandler,
  eventContext,
  splitBatch,
  type EventConsumer,
  type EventStatement,
  type Tx,
} from '@koperasi/platform';
import { applySnapshot, applySnapshots, snapshotsStatement, type DatedSnapshot } from '../cooperative-read-model';

const TYPE = 'registry.cooperative-status-changed.v1';
type StatusChanged = EventEnvelope<typeof TYPE>;

@EventHandler(TYPE)
export class CooperativeStatusChangedConsumer implements EventConsumer<typeof TYPE> {
  async handle(event: StatusChanged, tx: Tx): Promise<void> {
    await applySnapshot(tx, event.data, new Date(event.data.changedAt));
  }

  /** The first event of each cooperative in one statement; a second one for it goes one by one after. */
  async handleBatch(events: StatusChanged[], tx: Tx): Promise<StatusChanged[]> {
    const { together, rest } = splitBatch(events, ({ data }) => data.cooperativeId);
    await applySnapshots(tx, together.map(dated));
    return rest;
  }

  /** Alone, the snapshot and its audit in one statement, the inbox's row included. */
  statementFor(event: StatusChanged): EventStatement {
    const statement = snapshotsStatement([dated(event)], EVENT_STATEMENT_FIRST_PARAM, EVENT_IS_NEW);
    return { ...statement, select: 'SELECT cooperative_id FROM applied', settle: () => [] };
  }
}

const dated = (event: StatusChanged): DatedSnapshot => ({
  snapshot: event.data,
  takenAt: new Date(event.data.changedAt),
  context: eventContext(event),
});
