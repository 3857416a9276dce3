interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: items submitted while a batch is being applied wait and go together in the next
 * batch. An item submitted to an idle batcher is applied on the next turn of the event loop, so a
 * quiet system adds no latency and a busy one pays for one transaction per batch, not per item.
 */
export class MicroBatcher<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private flushQueued = false;

  constructor(
    private readonly apply: (items: I[]) => Promise<PromiseSettledResult<O>[]>,
    private readonly maxBatchSize: number,
    private readonly maxBatchesInFlight: number,
  ) {}

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
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
    while (this.inFlight < this.maxBatchesInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatchSize);
      this.inFlight += 1;
      this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.queueFlush();
      });
    }
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
