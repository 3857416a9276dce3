import type { LoggerService } from '@nestjs/common';

/**
 * Ends the process when a graceful shutdown takes longer than `ms`. With Redis gone, BullMQ's
 * worker close waits for an ioredis connection that never ends (one between reconnect attempts
 * ignores `disconnect()`), so without a deadline the process would never exit. What it had not
 * published stays in the outbox; a job cut off is handed out again and its repeat dropped.
 */
export function exitIfShutdownHangs(logger: LoggerService, ms: number): void {
  const arm = (signal: NodeJS.Signals) => {
    setTimeout(() => {
      logger.error({ signal, timeoutMs: ms }, `Shutdown did not finish within ${ms} ms; exiting`);
      process.exit(1);
    }, ms).unref();
  };
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}
