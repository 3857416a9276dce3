// Quiet logs in tests unless asked for; timers and the outbox poller run fast enough for tests.
process.env.LOG_LEVEL ??= 'silent';
process.env.OUTBOX_POLL_INTERVAL_MS ??= '200';
process.env.TIMER_SWEEP_INTERVAL_MS ??= '500';
// Rate limits off unless a test turns them on (tests call as a few users, many times a second).
process.env.RATE_LIMIT_PER_MINUTE ??= '0';
process.env.RATE_LIMIT_COSTLY_PER_MINUTE ??= '0';
// As a service connected straight to PostgreSQL runs; the suites behind PgBouncer turn it off.
process.env.DATABASE_PREPARED_STATEMENTS ??= 'true';
