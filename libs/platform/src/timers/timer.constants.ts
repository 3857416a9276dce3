/** The sweeper re-arms pending deadlines due within this horizon (later ones when they come near). */
export const TIMER_SWEEP_HORIZON_MS = 15 * 60_000;
/** Deadlines re-armed per sweep query. */
export const TIMER_SWEEP_BATCH = 2_000;
/** 1 s, 2 s, 4 s, ... about 8.5 minutes in all: a timer outlives a five-minute PostgreSQL outage. */
export const TIMER_JOB_ATTEMPTS = 10;
export const TIMER_JOB_BACKOFF = { type: 'exponential', delay: 1_000 } as const;
/** Routine (SLA) deadlines fired in one transaction when a wave comes due. */
export const SLA_FIRE_BATCH = 500;
/** Lost races a wave retries as whole batches before it hands a failing batch over to single jobs. */
export const SLA_BATCH_CONFLICT_RETRIES = 3;
/** Waves (and retries of single SLA deadlines) worked at once in a service's SLA lane. */
export const SLA_TIMER_CONCURRENCY = 2;
