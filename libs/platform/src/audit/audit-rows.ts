import { currentWriteContext } from '../context/request-context';
import { unnestSource } from '../database/unnest-source';
import type { AuditInput } from './audit-input';

export const AUDIT_LOG_COLUMNS =
  'actor_id, actor_name, action, entity_type, entity_id, before, after, reason, correlation_id';

export interface AuditRows {
  /** `unnest(...) AS audit_row (AUDIT_LOG_COLUMNS)` over the parameters from `$first` on. */
  sql: string;
  /** One array per column, in AUDIT_LOG_COLUMNS order. */
  params: unknown[][];
}

/**
 * Audit rows as a source for `INSERT INTO audit_log (AUDIT_LOG_COLUMNS) SELECT * FROM <sql>`, so a
 * statement that writes other rows can write their audit too. Each input is recorded in its own
 * context, else the current request or job's.
 */
export function auditRows(inputs: AuditInput[], first: number): AuditRows {
  const current = currentWriteContext();
  const json = (value: object | null | undefined) => (value ? JSON.stringify(value) : null);
  const contexts = inputs.map((input) => input.context ?? current);
  const types = ['varchar', 'varchar', 'varchar', 'varchar', 'varchar', 'jsonb', 'jsonb', 'text', 'varchar'];
  return {
    sql: unnestSource('audit_row', AUDIT_LOG_COLUMNS, types, first),
    params: [
      contexts.map((context) => context.actor.id),
      contexts.map((context) => context.actor.name ?? null),
      inputs.map((input) => input.action),
      inputs.map((input) => input.entityType),
      inputs.map((input) => input.entityId),
      inputs.map((input) => json(input.before)),
      inputs.map((input) => json(input.after)),
      inputs.map((input) => input.reason ?? null),
      contexts.map((context) => context.correlationId),
    ],
  };
}
