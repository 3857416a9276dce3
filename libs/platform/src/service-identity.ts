import { INBOX_QUEUES, TIMER_QUEUES, type InboxQueueName, type ServiceName } from '@koperasi/contracts';

/** Who this process is: its name is also its schema, its inbox consumer name and its log name. */
export interface ServiceIdentity {
  name: ServiceName;
  inboxQueue: InboxQueueName;
  timerQueue: string;
}

export function serviceIdentity(name: ServiceName): ServiceIdentity {
  return { name, inboxQueue: INBOX_QUEUES[name], timerQueue: TIMER_QUEUES[name] };
}
