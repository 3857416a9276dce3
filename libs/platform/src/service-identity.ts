import {
  CONTROL_QUEUES,
  inboxQueueOf,
  SLA_TIMER_QUEUES,
  TIMER_QUEUES,
  type InboxQueueName,
  type ProducerName,
} from '@koperasi/contracts';

/** Who this process is: its name is also its schema, its inbox consumer name and its log name. */
export interface ServiceIdentity {
  name: ProducerName;
  /** Null for an application that publishes events but consumes none (the console). */
  inboxQueue: InboxQueueName | null;
  /** Statutory deadlines, one job each. */
  timerQueue: string;
  /** Routine (SLA) deadlines, one job per second in which some come due. */
  slaTimerQueue: string;
  /** Where the other applications' platforms send it signed requests (re-publish an event). */
  controlQueue: string;
}

export function serviceIdentity(name: ProducerName): ServiceIdentity {
  return {
    name,
    inboxQueue: inboxQueueOf(name),
    timerQueue: TIMER_QUEUES[name],
    slaTimerQueue: SLA_TIMER_QUEUES[name],
    controlQueue: CONTROL_QUEUES[name],
  };
}
