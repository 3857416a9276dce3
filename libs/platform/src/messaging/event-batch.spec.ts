import { randomUUID } from 'node:crypto';
import { batchEventJobId, eventBatchJobId, eventsOfBatch } from './event-batch';

describe('event batch jobs', () => {
  const ids = Array.from({ length: 3 }, () => randomUUID());

  it('names a batch by its event ids, the same for the same rows, another for another grouping', () => {
    expect(eventBatchJobId(ids)).toBe(eventBatchJobId([...ids]));
    expect(eventBatchJobId(ids)).not.toBe(eventBatchJobId(ids.slice(0, 2)));
    expect(eventBatchJobId(ids)).not.toBe(eventBatchJobId([...ids].reverse()));
    // BullMQ refuses a custom job id with a colon or that is an integer.
    expect(eventBatchJobId(ids)).toMatch(/^batch-[0-9a-f]{40}$/);
  });

  it("names each event's dead letter after its batch and its event id, or its place when it has none", () => {
    expect(batchEventJobId('batch-1', ids[0], 0)).toBe(`batch-1-${ids[0]}`);
    expect(batchEventJobId('batch-1', { forged: true }, 4)).toBe('batch-1-#4');
  });

  it('reads the envelopes of a batch, and nothing else as one', () => {
    expect(eventsOfBatch({ events: [{ eventId: ids[0] }] })).toEqual([{ eventId: ids[0] }]);
    for (const data of [null, {}, { events: [] }, { events: 'none' }, [{ eventId: ids[0] }]])
      expect(eventsOfBatch(data)).toBeNull();
  });
});
