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
  console: 'console-timers',
} as const;

/**
 * Each application's lane for routine (SLA) timers: reminders and escalations fire there in waves,
 * so the timer queue above serves statutory deadlines alone and none waits behind a wave.
 */
export const SLA_TIMER_QUEUES = {
  registry: 'registry-sla-timers',
  mentoring: 'mentoring-sla-timers',
  dissolution: 'dissolution-sla-timers',
  console: 'console-sla-timers',
} as const;

/**
 * Each application's control queue: signed requests between the services' platforms, not domain
 * events (a consumer asks a producer to re-publish an event from its outbox; the producer answers
 * when it has no such event).
 */
export const CONTROL_QUEUES = {
  registry: 'registry-control',
  mentoring: 'mentoring-control',
  dissolution: 'dissolution-control',
  console: 'console-control',
} as const;

/** Long batch work (annual evaluation, imports) of the registry. */
export const REGISTRY_BATCH_QUEUE = 'registry-batch';

/**
 * BullMQ's key prefix for one queue: `<prefix>:{<queue>}`, so its keys read
 * `<prefix>:{<queue>}:<queue>:<suffix>`. The hash tag keeps every key of the queue in one Redis
 * Cluster slot, as BullMQ's scripts require, and gives each queue a slot of its own, so the queues
 * spread over the cluster's masters; every key stays under `<prefix>:`. Every producer, worker and
 * tool that opens a queue must use it (changing it strands the jobs under the old keys).
 */
export function queueKeyPrefix(prefix: string, queue: string): string {
  return `${prefix}:{${queue}}`;
}

/** The services that consume events, each from its own inbox queue. */
export type ServiceName = keyof typeof INBOX_QUEUES;
export type InboxQueueName = (typeof INBOX_QUEUES)[ServiceName];
export const SERVICE_NAMES = Object.keys(INBOX_QUEUES) as ServiceName[];

/**
 * Every application that publishes events: the consuming services and the console, which only
 * publishes (its user directory's events) and so has no inbox queue.
 */
export const PRODUCER_NAMES = [...SERVICE_NAMES, 'console'] as const;
export type ProducerName = (typeof PRODUCER_NAMES)[number];

/** The producer's inbox queue, or null for a producer that consumes nothing (the console). */
export function inboxQueueOf(producer: ProducerName): InboxQueueName | null {
  return producer === 'console' ? null : INBOX_QUEUES[producer];
}
