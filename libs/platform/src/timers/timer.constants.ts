/** The sweeper re-arms pending deadlines due within this horizon (later ones when they come near). */
export const TIMER_SWEEP_HORIZON_MS = 15 * 60_000;
/** Deadlines re-armed per sweep query. */
export const TIMER_SWEEP_BATCH = 2_000;
export const TIMER_JOB_ATTEMPTS = 10;
export const TIMER_JOB_BACKOFF = { type: 'exponential', delay: 1_000 } as const;
