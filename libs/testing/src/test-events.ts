import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { Client } from 'pg';
import type { EventEnvelope } from '@koperasi/contracts';
import { eventSigningKeysSetting, signEnvelope } from '@koperasi/platform';

/** Signs an envelope as its producer's relay would, with the keys the services under test use. */
export function signedEvent<E extends EventEnvelope>(envelope: E): E {
  return signEnvelope(envelope, eventSigningKeysSetting.parse(process.env.EVENT_SIGNING_KEYS || undefined));
}

/** What the tests hand jobs to: an inbox service. */
interface JobProcessor {
  process(job: Job): Promise<unknown>;
}

/** Hands events to an inbox as its worker would: one by one, or in one turn of the event loop (one batch). */
export function inboxDeliveries(inbox: JobProcessor) {
  const job = (event: EventEnvelope) =>
    ({ id: randomUUID(), name: event.type, data: event, opts: {}, attemptsMade: 0 }) as unknown as Job;
  return {
    oneByOne: async (events: EventEnvelope[]) => {
      const outcomes = [];
      for (const event of events) outcomes.push(await inbox.process(job(event)));
      return outcomes;
    },
    together: (events: EventEnvelope[]) => Promise.all(events.map((event) => inbox.process(job(event)))),
  };
}

/**
 * How many statements the connection that records the events in processed_events sends while
 * `apply` applies them: BEGIN and COMMIT included, or 1 for an event applied in one statement.
 * Other work may query meanwhile (the retention sweep reads processed_events too): the inbox's
 * insert marks the connection. Each event must be applied.
 */
export async function statementsOf(
  events: EventEnvelope[],
  apply: (events: EventEnvelope[]) => Promise<unknown[]>,
): Promise<number> {
  const query = jest.spyOn(Client.prototype, 'query');
  const text = (sent: unknown) => (typeof sent === 'string' ? sent : ((sent as { text?: string }).text ?? ''));
  try {
    expect(await apply(events)).toEqual(events.map(() => 'applied'));
    const calls = query.mock.calls as unknown[][];
    const inbox = query.mock.contexts[calls.findIndex(([sent]) => text(sent).includes('INSERT INTO processed_events'))];
    return query.mock.contexts.filter((connection) => connection === inbox).length;
  } finally {
    query.mockRestore();
  }
}
