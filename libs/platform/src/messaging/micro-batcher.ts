interface Waiting<I, O> {
  item: I;
  key: string;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a batch is being applied wait and go together in the next
 * batch. An item submitted to an idle batcher is applied on the next turn of the event loop, so a
 * quiet system adds no latency and a busy one pays for one transaction per batch, not per item.
 * Items with one key (a cooperative) are never in two batches in flight at once: an item whose
 * key is in a running batch waits, in order, for the next batch after it, so two concurrent
 * transactions cannot apply one key's items out of order.
 */
export class MicroBatcher<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private readonly busyKeys = new Set<string>();
  private inFlight = 0;
  private flushQueued = false;

  constructor(
    private readonly apply: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
    private readonly maxBatchSize: number,
    private readonly maxBatchesInFlight: number,
    private readonly keyOf: (item: I) => string = () => '',
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, key: this.keyOf(item), resolve, reject });
      this.queueFlush();
    });
  }

  private queueFlush(): void {
    if (this.flushQueued || this.inFlight >= this.maxBatchesInFlight || this.waiting.length === 0) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.maxBatchesInFlight) {
      const batch = this.takeBatch();
      if (batch.length === 0) return;
      const keys = new Set(batch.map((waiting) => waiting.key));
      for (const key of keys) this.busyKeys.add(key);
      this.inFlight += 1;
      this.run(batch).finally(() => {
        for (const key of keys) this.busyKeys.delete(key);
        this.inFlight -= 1;
        this.queueFlush();
      });
    }
  }

  /** The first waiting items, up to the batch size, whose key no running batch holds. */
  private takeBatch(): Waiting<I, O>[] {
    const batch: Waiting<I, O>[] = [];
    const left: Waiting<I, O>[] = [];
    for (const waiting of this.waiting) {
      (batch.length < this.maxBatchSize && !this.busyKeys.has(waiting.key) ? batch : left).push(waiting);
    }
    this.waiting = left;
    return batch;
  }

  private async run(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const results = await this.apply(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, index) => {
        const result = results[index];
        if (result.status === 'fulfilled') waiting.resolve(result.value);
        else waiting.reject(result.reason);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }
}
