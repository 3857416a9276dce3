/**
 * Splits a batch for a set-based handler (`handleBatch`). Together: the first event of each key
 * (a cooperative, say) when `eligible`, sorted by key so that two batches lock their rows in one
 * order. Rest: every other event, in its order, to be applied one by one after them; a key's
 * later events thus still follow its first.
 */
export function splitBatch<E>(
  events: E[],
  keyOf: (event: E) => string,
  eligible: (event: E) => boolean = () => true,
): { together: E[]; rest: E[] } {
  const seen = new Set<string>();
  const together: E[] = [];
  const rest: E[] = [];
  for (const event of events) {
    const key = keyOf(event);
    (!seen.has(key) && eligible(event) ? together : rest).push(event);
    seen.add(key);
  }
  together.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
  return { together, rest };
}
