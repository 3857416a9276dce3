import { OptimisticLockVersionMismatchError, QueryFailedError } from 'typeorm';
import { DomainError } from '../http/domain-error';

/** PostgreSQL's serialization_failure and deadlock_detected: the transaction lost a race, not a rule. */
const RETRYABLE_SQLSTATES = new Set(['40001', '40P01']);

/**
 * A conflict with a concurrent writer that a retry cures: an optimistic-lock mismatch
 * (`STALE_VERSION`) or PostgreSQL choosing this transaction as the victim of a serialization
 * failure or deadlock. Consumers and timers retry these; they never dead-letter or fail on them.
 */
export function isTransientConflict(error: unknown): boolean {
  if (error instanceof DomainError) return error.code === 'STALE_VERSION';
  if (error instanceof OptimisticLockVersionMismatchError) return true;
  if (error instanceof QueryFailedError) {
    const code = (error.driverError as { code?: string } | undefined)?.code;
    return code !== undefined && RETRYABLE_SQLSTATES.has(code);
  }
  return false;
}

/** A deterministic refusal: retrying the same event or timer would give the same answer. */
export function isPermanentRefusal(error: unknown): error is DomainError {
  return error instanceof DomainError && !isTransientConflict(error);
}
