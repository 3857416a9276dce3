// Quiet logs in tests unless asked for; timers and the outbox poller run fast enough for tests.
process.env.LOG_LEVEL ??= 'silent';
process.env.OUTBOX_POLL_INTERVAL_MS ??= '200';
process.env.TIMER_SWEEP_INTERVAL_MS ??= '500';
