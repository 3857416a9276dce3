import { checkEventData } from '@koperasi/contracts';
import {
  currentActor,
  currentCausationId,
  currentCorrelationId,
  currentWriteContext,
  DomainError,
  type Tx,
} from '@koperasi/platform';
import { officeDate } from '../common/dates';
import { evaluationReason } from './evaluation-rule';
import type { EvaluationRun } from './evaluation-run.entity';
import { APPLY_CHUNK, LIST_CANDIDATES, LOCK_CANDIDATES, type ChunkCounts } from './evaluation.sql';

const EVENT_TYPE = 'registry.cooperative-status-changed.v1';

type Range = [lower: string, upper: string | null];

/** Dry run: lists the chunk's candidates on the run. */
export async function listCandidates(
  tx: Tx,
  run: EvaluationRun,
  range: Range,
  window: { from: number },
): Promise<ChunkCounts> {
  const [counts] = await tx.manager.query(LIST_CANDIDATES, [...range, window.from, run.id]);
  return counts;
}

/**
 * Sets the chunk's ACTIVE cooperatives without a RAT in the window INACTIVE, in two statements: lock
 * the candidates, then change them with their history, audit and event (APPLY_CHUNK). The events
 * are those `Tx.publishAll` would write: the envelope is built in SQL in the current job's context.
 */
export async function applyChunk(
  tx: Tx,
  run: EvaluationRun,
  range: Range,
  window: { from: number; to: number },
  officeUtcOffsetMinutes: number,
): Promise<ChunkCounts> {
  const at = new Date();
  const reason = evaluationReason(run.fiscalYear, window);
  const locked: { id: string }[] = await tx.manager.query(LOCK_CANDIDATES, [...range, window.from]);
  const writer = currentWriteContext();
  const [result] = await tx.manager.query(APPLY_CHUNK, [
    locked.map((row) => row.id),
    window.from,
    at,
    reason,
    run.id,
    officeDate(at, officeUtcOffsetMinutes),
    EVENT_TYPE,
    at.toISOString(),
    JSON.stringify({ actor: currentActor(), causationId: currentCausationId() }),
    currentCorrelationId() ?? null,
    writer.actor.id,
    writer.actor.name ?? null,
    writer.correlationId,
    ...range,
  ]);
  refuseInvalidEvents(result);
  return { changed: result.changed, total: result.total, active: result.active };
}

/**
 * The payload schema's checks, as `buildEnvelope` makes them: the SQL counts the rows whose own
 * values break a rule (an empty string, a version below 1), and one payload
 * is checked whole against the schema, which covers what every row shares (fields, types, enums).
 * Throwing rolls the chunk back, as a refused payload does.
 */
function refuseInvalidEvents(result: { changed: number; invalid: number; sample: unknown }): void {
  if (result.changed === 0) return;
  const check = checkEventData(EVENT_TYPE, result.sample as never);
  if (result.invalid > 0 || !check.ok) {
    throw new DomainError('EVENT_PAYLOAD_INVALID', `Refusing to publish an invalid ${EVENT_TYPE}`, 500, {
      invalidRows: result.invalid,
      issues: check.ok ? [] : check.issues,
    });
  }
}
