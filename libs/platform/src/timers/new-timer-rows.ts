import { randomUUID } from 'node:crypto';
import { currentWriteContext } from '../context/request-context';
import { unnestSource } from '../database/unnest-source';
import type { TimerRequest } from '../messaging/unit-of-work';
import type { ArmedDeadline } from './timer-scheduler.service';

export const NEW_TIMER_COLUMNS = 'id, kind, subject_id, due_at, payload, correlation_id';

export interface NewTimerRows {
  /** `unnest(...) AS timer_row (NEW_TIMER_COLUMNS)` over the parameters from `$first` on. */
  sql: string;
  /** One array per column, in NEW_TIMER_COLUMNS order. */
  params: unknown[][];
  /** The deadlines as the rows hold them: what `Tx.armAfterCommit` takes for the rows written. */
  deadlines: (ArmedDeadline & { subjectId: string })[];
}

/**
 * Timers of subjects that the same statement creates, as a source for
 * `INSERT INTO deadlines (NEW_TIMER_COLUMNS) SELECT ... FROM <sql>`, so a statement that writes new
 * rows can write their timers too (Tx.scheduleAll takes a statement of its own). No timer of a new
 * subject can be pending yet, so the ids are made here and the insert needs no conflict clause.
 */
export function newTimerRows(items: TimerRequest[], first: number): NewTimerRows {
  const current = currentWriteContext().correlationId;
  const deadlines = items.map((item) => ({
    id: randomUUID(),
    kind: item.kind,
    subjectId: item.subjectId,
    dueAt: item.dueAt,
  }));
  const types = ['uuid', 'varchar', 'varchar', 'timestamptz', 'jsonb', 'varchar'];
  return {
    sql: unnestSource('timer_row', NEW_TIMER_COLUMNS, types, first),
    params: [
      deadlines.map((deadline) => deadline.id),
      items.map((item) => item.kind),
      items.map((item) => item.subjectId),
      items.map((item) => item.dueAt),
      items.map((item) => JSON.stringify(item.payload ?? {})),
      items.map((item) => (item.correlationId === undefined ? current : item.correlationId)),
    ],
    deadlines,
  };
}
