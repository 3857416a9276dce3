import type { EventType } from './events';
import { INBOX_QUEUES, type InboxQueueName } from './queues';

export type RoutingTable = Record<EventType, readonly InboxQueueName[]>;

const { registry, mentoring, dissolution } = INBOX_QUEUES;

/** Which inbox queues receive each event type. BullMQ gives a job to one worker: fan-out is explicit. */
export const ROUTING: RoutingTable = {
  'registry.cooperative-registered.v1': [mentoring, dissolution],
  'registry.cooperative-details-changed.v1': [mentoring, dissolution],
  'registry.cooperative-status-changed.v1': [mentoring, dissolution],
  'registry.rat-recorded.v1': [mentoring, dissolution],
  'registry.health-assessed.v1': [mentoring],
  'mentoring.reactivation-failed.v1': [dissolution],
  'dissolution.proceeding-approved.v1': [registry],
  'dissolution.proceeding-rejected.v1': [mentoring],
  'dissolution.proceeding-withdrawn.v1': [registry, mentoring],
  'dissolution.objection-upheld.v1': [registry],
  'dissolution.decree-recorded.v1': [registry],
  'dissolution.gazette-published.v1': [registry],
  'registry.status-change-refused.v1': [dissolution],
};

export function eventTypesRoutedTo(queue: InboxQueueName, routing: RoutingTable = ROUTING): EventType[] {
  return (Object.keys(routing) as EventType[]).filter((type) => routing[type].includes(queue));
}
