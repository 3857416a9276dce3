import { ClsServiceManager } from 'nestjs-cls';
import type { Actor } from '@koperasi/contracts';

/** Keys kept in the per-request / per-job context (nestjs-cls). */
export const CONTEXT_KEYS = {
  actor: 'actor',
  causationId: 'causationId',
} as const;

export const CORRELATION_HEADER = 'x-correlation-id';

export function currentCorrelationId(): string | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.getId() : undefined;
}

export function currentActor(): Actor | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get(CONTEXT_KEYS.actor) : undefined;
}

export function currentCausationId(): string | undefined {
  const cls = ClsServiceManager.getClsService();
  return cls.isActive() ? cls.get(CONTEXT_KEYS.causationId) : undefined;
}
