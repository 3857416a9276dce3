export interface RecentResult<T> {
  /** When the computation started (epoch ms): the result reflects at least what was committed then. */
  asOf: number;
  value: T;
}

interface Entry<T> {
  asOf: number;
  result: Promise<RecentResult<T>>;
}

/**
 * Results by key that are at most `maxAgeMs` old, in a bounded in-process map: a key is computed
 * again once its result is that old, and callers asking while a computation runs share it (single
 * flight). Age counts from the start of the computation, so a shared result is never older than
 * `maxAgeMs`; with 0, every call computes. The least recently used key goes first when full, and
 * a failed computation is forgotten so the next call tries again.
 */
export class RecentResults<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxKeys: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, compute: () => Promise<T>): Promise<RecentResult<T>> {
    const now = this.now();
    const known = this.entries.get(key);
    this.entries.delete(key);
    if (known && now - known.asOf < this.maxAgeMs) {
      this.entries.set(key, known);
      return known.result;
    }
    const entry: Entry<T> = { asOf: now, result: compute().then((value) => ({ asOf: now, value })) };
    this.entries.set(key, entry);
    entry.result.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxKeys) break;
      this.entries.delete(oldest);
    }
    return entry.result;
  }

  /** The next call for `key` computes again (a change this process made and knows of). */
  forget(key: string): void {
    this.entries.delete(key);
  }
}
