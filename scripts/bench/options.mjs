// Command-line options of the benchmark and what each scale means.

/**
 * Each scale fixes the sizes and durations of every measurement. `national` is the figure the
 * issue asks for; `small` keeps the benchmark working in CI within a couple of minutes.
 */
export const SCALES = {
  national: {
    cooperatives: 200_000,
    fiscalYears: 10,
    referenceRuns: { min: 1, max: 3, budgetMs: 30_000 },
    latency: { rate: 500, seconds: 10, belowCapacity: { rate: 50, seconds: 10 }, warmUpSeconds: 1 },
    queueApi: {
      minOpenCases: 100_000,
      rates: [250, 500, 1000],
      seconds: 30,
      /** The goal's rate (p99 <= 50 ms, no errors): the reference runs at it too. */
      goalRate: 500,
      /** The reference's runs below the top rate, shorter so that the whole run stays within its budget. */
      referenceBelowTopSeconds: 15,
    },
    consoleQueue: { samples: 40 },
    evaluationTimeoutMs: 600_000,
    /** How long the timer wave may take after it falls due; statutory deadlines fall due within its first `statutoryWithinMs`. */
    timerWave: { timeoutMs: 180_000, statutoryWithinMs: 48_000 },
    /** The whole run must end within 10 minutes: the evaluation's wait is cut to fit. */
    budgetSeconds: 540,
  },
  province: {
    cooperatives: 20_000,
    fiscalYears: 10,
    referenceRuns: { min: 3, max: 5, budgetMs: 30_000 },
    latency: { rate: 500, seconds: 10, belowCapacity: { rate: 50, seconds: 10 }, warmUpSeconds: 1 },
    queueApi: {
      minOpenCases: 10_000,
      rates: [250, 500, 1000],
      seconds: 10,
      goalRate: 500,
      referenceBelowTopSeconds: 10,
    },
    consoleQueue: { samples: 30 },
    evaluationTimeoutMs: 300_000,
    /** How long the timer wave may take after it falls due; statutory deadlines fall due within its first `statutoryWithinMs`. */
    timerWave: { timeoutMs: 120_000, statutoryWithinMs: 16_000 },
    budgetSeconds: 900,
  },
  small: {
    cooperatives: 2_000,
    fiscalYears: 10,
    referenceRuns: { min: 3, max: 5, budgetMs: 15_000 },
    latency: { rate: 500, seconds: 3, belowCapacity: { rate: 50, seconds: 5 }, warmUpSeconds: 1 },
    queueApi: { minOpenCases: 0, rates: [250, 500, 1000], seconds: 3, goalRate: 500, referenceBelowTopSeconds: 3 },
    consoleQueue: { samples: 20 },
    evaluationTimeoutMs: 120_000,
    /** How long the timer wave may take after it falls due; statutory deadlines fall due within its first `statutoryWithinMs`. */
    timerWave: { timeoutMs: 60_000, statutoryWithinMs: 4_000 },
    budgetSeconds: 300,
  },
};

/**
 * The two passes of the latency measurements (at `rate`, then below capacity), each with its
 * cooperatives: the first `warmUpSeconds` of a pass's events go out at its rate, as the rest, but
 * are not counted (`measuredIds`): they meet the processes' first connections, plans and compiled
 * code, as the reference's warm-up events do.
 */
export function latencyPasses(latency, subjects) {
  const passes = [
    { rate: latency.rate, seconds: latency.seconds },
    { rate: latency.belowCapacity.rate, seconds: latency.belowCapacity.seconds },
  ];
  let start = 0;
  return passes.map((pass) => {
    const warmUp = pass.rate * latency.warmUpSeconds;
    const own = subjects.slice(start, start + warmUp + pass.rate * pass.seconds);
    start += warmUp + pass.rate * pass.seconds;
    return { ...pass, warmUp, subjects: own, measuredIds: own.slice(warmUp).map((s) => s.cooperativeId) };
  });
}

/** How many IN_DISSOLUTION cooperatives the latency passes need, warm-up included. */
export function latencySubjectCount(latency) {
  return latencyPasses(latency, []).reduce((sum, pass) => sum + pass.rate * (latency.warmUpSeconds + pass.seconds), 0);
}

const USAGE = `Usage: npm run bench -- [--scale national|province|small] [--keep] [--profile]

  --scale   national (default): 200,000 cooperatives; province: 20,000; small: 2,000 (CI)
  --keep    keep the scratch database and Redis keys afterwards (for inspection)
  --profile write a V8 CPU profile of each service and print where its CPU went`;

export function parseOptions(argv) {
  const options = { scale: 'national', keep: false, profile: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--scale') options.scale = argv[++i];
    else if (arg.startsWith('--scale=')) options.scale = arg.slice('--scale='.length);
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--profile') options.profile = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`Unknown option ${arg}\n${USAGE}`);
      process.exit(2);
    }
  }
  if (!SCALES[options.scale]) {
    console.error(`Unknown scale ${options.scale}\n${USAGE}`);
    process.exit(2);
  }
  return { ...options, ...SCALES[options.scale] };
}
