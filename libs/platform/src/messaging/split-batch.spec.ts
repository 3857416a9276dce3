import { splitBatch } from './split-batch';

describe('splitBatch', () => {
  const events = [
    { key: 'b', n: 1, ok: true },
    { key: 'a', n: 2, ok: false },
    { key: 'b', n: 3, ok: true },
    { key: 'a', n: 4, ok: true },
    { key: 'c', n: 5, ok: true },
  ];

  it('takes the first event of each key together, sorted by key, and keeps the rest in order', () => {
    const { together, rest } = splitBatch(events, (event) => event.key);
    expect(together.map((event) => event.n)).toEqual([2, 1, 5]);
    expect(rest.map((event) => event.n)).toEqual([3, 4]);
  });

  it("leaves a key's first event to the rest when it is not eligible, and its later ones with it", () => {
    const { together, rest } = splitBatch(
      events,
      (event) => event.key,
      (event) => event.ok,
    );
    expect(together.map((event) => event.n)).toEqual([1, 5]);
    expect(rest.map((event) => event.n)).toEqual([2, 3, 4]);
  });
});
