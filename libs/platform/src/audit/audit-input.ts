import type { WriteContext } from '../context/request-context';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
  /** Defaults to the current request or job. */
  context?: WriteContext;
}
