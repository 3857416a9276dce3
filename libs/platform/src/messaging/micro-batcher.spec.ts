import { MicroBatcher } from './micro-batcher';

describe('MicroBatcher', () => {
  const echo = async (items: number[]): Promise<PromiseSettledResult<number>[]> =>
    items.map((value) => ({ status: 'fulfilled', value: value * 10 }));

  it('applies what is submitted in one turn as one batch, and answers each item', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>((items) => (batches.push(items), echo(items)), 100, 1);

    const results = await Promise.all([1, 2, 3].map((item) => batcher.submit(item)));

    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives while a batch runs into the next one, within the size limit', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const firstBatchDone = new Promise<void>((resolve) => (release = resolve));
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await firstBatchDone;
        return echo(items);
      },
      2,
      1,
    );

    const first = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((item) => batcher.submit(item));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    release();

    expect(await Promise.all([first, ...later])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it('rejects the items the batch reports as failed, and all of them when the batch throws', async () => {
    const partial = new MicroBatcher<number, number>(
      async (items) =>
        items.map((value): PromiseSettledResult<number> =>
          value === 2 ? { status: 'rejected', reason: new Error('two is bad') } : { status: 'fulfilled', value },
        ),
      10,
      1,
    );
    const results = await Promise.allSettled([1, 2, 3].map((item) => partial.submit(item)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);

    const broken = new MicroBatcher<number, number>(
      async () => {
        throw new Error('no database');
      },
      10,
      1,
    );
    await expect(Promise.all([broken.submit(1), broken.submit(2)])).rejects.toThrow('no database');
  });

  it("never runs one key's items in two batches at once: a later item of a busy key waits for the next batch", async () => {
    const batches: string[][] = [];
    const releases: (() => void)[] = [];
    const batcher = new MicroBatcher<string, string>(
      async (items) => {
        batches.push(items);
        await new Promise<void>((resolve) => releases.push(resolve));
        return items.map((value) => ({ status: 'fulfilled', value }));
      },
      100,
      2,
      (item) => item.split('-')[0],
    );

    const first = batcher.submit('a-1');
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['a-2', 'b-1', 'a-3'].map((item) => batcher.submit(item));
    await new Promise((resolve) => setImmediate(resolve));
    // The second batch in flight takes b only; a's later items wait for the first batch.
    expect(batches).toEqual([['a-1'], ['b-1']]);
    releases[0]();
    await first;
    for (let turn = 0; turn < 2; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([['a-1'], ['b-1'], ['a-2', 'a-3']]);
    releases[1]();
    releases[2]();
    expect(await Promise.all(later)).toEqual(['a-2', 'b-1', 'a-3']);
  });
});
