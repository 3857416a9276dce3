import { RecentResults } from './recent-results';

describe('recent results', () => {
  let clock: number;
  const now = () => clock;
  beforeEach(() => {
    clock = 1_000_000;
  });

  /** A computation that counts its calls and answers the call number. */
  const counter = () => {
    let calls = 0;
    return Object.assign(async () => ++calls, { calls: () => calls });
  };

  it('answers the kept result while it is younger than the maximum age, then computes again', async () => {
    const results = new RecentResults<number>(5_000, 10, now);
    const compute = counter();
    expect(await results.get('k', compute)).toEqual({ asOf: 1_000_000, value: 1 });
    clock += 4_999;
    expect(await results.get('k', compute)).toEqual({ asOf: 1_000_000, value: 1 });
    clock += 1;
    expect(await results.get('k', compute)).toEqual({ asOf: 1_005_000, value: 2 });
    expect(compute.calls()).toBe(2);
  });

  it('keeps each key apart', async () => {
    const results = new RecentResults<string>(5_000, 10, now);
    expect((await results.get('a', async () => 'A')).value).toBe('A');
    expect((await results.get('b', async () => 'B')).value).toBe('B');
    expect((await results.get('a', async () => 'other')).value).toBe('A');
  });

  it('shares one running computation between concurrent callers', async () => {
    const results = new RecentResults<number>(5_000, 10, now);
    let finish: (value: number) => void = () => undefined;
    const compute = jest.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const first = results.get('k', compute);
    const second = results.get('k', compute);
    finish(42);
    expect(await Promise.all([first, second])).toEqual([
      { asOf: 1_000_000, value: 42 },
      { asOf: 1_000_000, value: 42 },
    ]);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('computes on every call with a maximum age of 0, concurrent calls included', async () => {
    const results = new RecentResults<number>(0, 10, now);
    const compute = counter();
    expect(
      (await Promise.all([results.get('k', compute), results.get('k', compute)])).map((result) => result.value),
    ).toEqual([1, 2]);
    expect((await results.get('k', compute)).value).toBe(3);
  });

  it('forgets a failed computation so the next call tries again', async () => {
    const results = new RecentResults<number>(5_000, 10, now);
    await expect(results.get('k', async () => Promise.reject(new Error('database down')))).rejects.toThrow(
      'database down',
    );
    expect((await results.get('k', async () => 7)).value).toBe(7);
  });

  it('keeps at most the given number of keys, dropping the least recently used', async () => {
    const results = new RecentResults<string>(5_000, 2, now);
    await results.get('a', async () => 'A1');
    await results.get('b', async () => 'B1');
    await results.get('a', async () => 'A2');
    await results.get('c', async () => 'C1');
    expect((await results.get('a', async () => 'A3')).value).toBe('A1');
    expect((await results.get('b', async () => 'B2')).value).toBe('B2');
  });

  it('computes again after a key is forgotten', async () => {
    const results = new RecentResults<number>(5_000, 10, now);
    const compute = counter();
    await results.get('k', compute);
    results.forget('k');
    expect((await results.get('k', compute)).value).toBe(2);
  });
});
