import { Logger as NestLogger } from '@nestjs/common';
import type { Logger } from 'typeorm';

/**
 * Failed queries go to the service's structured log (pino, at LOG_LEVEL) instead of TypeORM's
 * console output. A warning, not an error: many failures are expected (a unique index refusing a
 * duplicate answers 409), and one that breaks a request or an event is logged as an error where it
 * is handled. The parameters are left out: they carry personal data (names, NIK).
 */
export class QueryLogger implements Logger {
  private readonly logger = new NestLogger('TypeORM');

  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ err: error, query }, 'Query failed');
  }

  // Only failed queries are logged (`logging: ['error']`); TypeORM calls these for the other levels.
  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
