/**
 * Queue names, frozen: renaming a queue strands the jobs waiting in the old one.
 * Add a new name and drain the old queue instead.
 */
export const INBOX_QUEUES = {
  registry: 'registry-inbox',
  mentoring: 'mentoring-inbox',
  dissolution: 'dissolution-inbox',
} as const;

export const TIMER_QUEUES = {
  registry: 'registry-timers',
  mentoring: 'mentoring-timers',
  dissolution: 'dissolution-timers',
} as const;

/** Long batch work (annual evaluation, imports) of the registry. */
export const REGISTRY_BATCH_QUEUE = 'registry-batch';

export type ServiceName = keyof typeof INBOX_QUEUES;
export type InboxQueueName = (typeof INBOX_QUEUES)[ServiceName];
export const SERVICE_NAMES = Object.keys(INBOX_QUEUES) as ServiceName[];
