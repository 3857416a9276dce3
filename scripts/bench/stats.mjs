// Small statistics helpers: medians of repeated runs, percentiles of latency samples.

export function median(values) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Nearest-rank percentile of `values` (p in 0..100). */
export function percentile(values, p) {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarize(values) {
  return {
    samples: values.length,
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: percentile(values, 100),
  };
}

/**
 * Runs `once` at least `min` and at most `max` times, stopping early once `budgetMs` is spent;
 * returns every run's result so the caller can take the median.
 */
export async function repeat({ min, max, budgetMs }, once) {
  const started = Date.now();
  const runs = [];
  while (runs.length < max && (runs.length < min || Date.now() - started < budgetMs)) {
    runs.push(await once(runs.length));
  }
  return runs;
}

export const round = (value, digits = 1) =>
  value === null || value === undefined || Number.isNaN(value) ? null : Number(value.toFixed(digits));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
