import { TIMER_JOB_ATTEMPTS, TIMER_JOB_BACKOFF } from '../timers/timer.constants';
import { EVENT_JOB_ATTEMPTS, EVENT_JOB_BACKOFF_MS, retryBudgetMs } from '../config/messaging-settings';

/** BullMQ's exponential backoff waits delay * 2^(n-1) before attempt n + 1. */
const totalBackoffMs = (attempts: number, delay: number) =>
  Array.from({ length: attempts - 1 }, (_, n) => delay * 2 ** n).reduce((sum, wait) => sum + wait, 0);

describe('retry budget', () => {
  const fiveMinutes = 5 * 60_000;

  it('keeps retrying an event through a five-minute PostgreSQL outage', () => {
    expect(totalBackoffMs(EVENT_JOB_ATTEMPTS, EVENT_JOB_BACKOFF_MS)).toBeGreaterThan(fiveMinutes);
    expect(retryBudgetMs(EVENT_JOB_ATTEMPTS, EVENT_JOB_BACKOFF_MS)).toBe(
      totalBackoffMs(EVENT_JOB_ATTEMPTS, EVENT_JOB_BACKOFF_MS),
    );
  });

  it('keeps retrying a timer through a five-minute PostgreSQL outage', () => {
    expect(totalBackoffMs(TIMER_JOB_ATTEMPTS, TIMER_JOB_BACKOFF.delay)).toBeGreaterThan(fiveMinutes);
  });
});
