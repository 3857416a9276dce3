/** Set-based statements of the annual evaluation: one statement per chunk, never one per cooperative. */

export const PLAN_CHUNKS = `
  WITH numbered AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rn FROM cooperatives),
       starts AS (SELECT id, (rn / $2)::int AS chunk_no FROM numbered WHERE rn % $2 = 0)
  INSERT INTO evaluation_chunks (run_id, chunk_no, lower_id, upper_id)
  SELECT $1, chunk_no, id, lead(id) OVER (ORDER BY chunk_no) FROM starts`;

const IN_CHUNK = `c.id >= $1 AND ($2::uuid IS NULL OR c.id < $2)`;
// A RAT for the window's first fiscal year or any later one keeps the cooperative active.
// The range on r.cooperative_id repeats the chunk's bounds so a hashed anti-join reads only the chunk's RATs.
const NO_RAT_IN_WINDOW = `NOT EXISTS (
  SELECT 1 FROM rats r
  WHERE r.cooperative_id = c.id AND r.fiscal_year >= $3
    AND r.cooperative_id >= $1 AND ($2::uuid IS NULL OR r.cooperative_id < $2))`;

/**
 * Locks the candidates first: a RAT being recorded for one of them holds its row, so this waits
 * for it; APPLY_CHUNK then runs with a fresh snapshot that sees that RAT.
 */
export const LOCK_CANDIDATES = `
  SELECT c.id FROM cooperatives c
  WHERE ${IN_CHUNK} AND c.status = 'ACTIVE' AND ${NO_RAT_IN_WINDOW}
  FOR UPDATE`;

/**
 * One statement per chunk of a real run, from the locked candidates: the status change, its
 * history, the run's list, the outbox event and the audit record, all from the UPDATE's RETURNING.
 * The candidates are checked again by id (index lookups, not a second anti-join over the chunk):
 * a RAT committed while they were being locked keeps its cooperative ACTIVE.
 * The envelope is the one `buildEnvelope` makes (jsonb: key order is PostgreSQL's, and the relay
 * signs over sorted keys); `invalid` counts rows the payload schema would refuse (empty strings,
 * a version below 1): the caller rolls the chunk back when any is. No envelope can reach the size
 * limit (MAX_EVENT_BYTES, 1 MiB): every value comes from a bounded column of the row, a few KB in all.
 *
 * $1 locked ids, $2 the window's first year, $3 the time of the change, $4 the reason, $5 the run,
 * $6 the office date (effective_on), $7 the event type, $8 the time of the change in ISO (the
 * event's occurredAt and changedAt), $9 the envelope's actor and causationId members (jsonb),
 * $10 the event correlation id or null (then a fresh one per event, as buildEnvelope does),
 * $11 the actor id (history and audit), $12 its name, $13 the audit's correlation id,
 * $14/$15 the chunk's bounds.
 */
export const APPLY_CHUNK = `
  WITH changed AS (
    UPDATE cooperatives c
    SET status = 'INACTIVE', status_changed_at = $3, updated_at = $3, version = c.version + 1
    WHERE c.id = ANY($1::uuid[]) AND c.status = 'ACTIVE'
      AND NOT EXISTS (SELECT 1 FROM rats r WHERE r.cooperative_id = c.id AND r.fiscal_year >= $2)
    RETURNING c.id, c.name, c.legal_entity_number, c.nik, c.kecamatan, c.kelurahan, c.type, c.version
  ), built AS (
    SELECT e.*, jsonb_build_object(
        'eventId', e.event_id, 'type', $7::text, 'occurredAt', $8::text,
        'correlationId', coalesce($10::text, gen_random_uuid()::text),
        'data', jsonb_build_object(
          'cooperativeId', e.id, 'name', e.name, 'legalEntityNumber', e.legal_entity_number, 'nik', e.nik,
          'kecamatan', e.kecamatan, 'kelurahan', e.kelurahan, 'type', e.type, 'status', 'INACTIVE',
          'cooperativeVersion', e.version, 'from', 'ACTIVE', 'to', 'INACTIVE', 'reason', $4::text,
          'changedAt', $8::text,
          'triggeringEventId', NULL)) || $9::jsonb AS envelope
    FROM (SELECT changed.*, gen_random_uuid() AS event_id FROM changed) e
  ), history AS (
    INSERT INTO status_history (cooperative_id, from_status, to_status, at, effective_on, reason, actor_id, evaluation_run_id)
    SELECT id, 'ACTIVE', 'INACTIVE', $3, $6, $4, $11, $5::uuid FROM changed
  ), listed AS (
    INSERT INTO evaluation_run_cooperatives (run_id, cooperative_id) SELECT $5::uuid, id FROM changed
  ), events AS (
    INSERT INTO outbox (event_id, type, envelope) SELECT event_id, $7, envelope FROM built
  ), audited AS (
    INSERT INTO audit_log (actor_id, actor_name, action, entity_type, entity_id, before, after, reason, correlation_id)
    SELECT $11, $12, 'cooperative.status-changed', 'Cooperative', id, '{"status":"ACTIVE"}'::jsonb,
      jsonb_build_object('status', 'INACTIVE', 'evaluationRunId', $5::uuid), $4, $13
    FROM changed
  )
  SELECT
    (SELECT count(*) FROM built)::int AS changed,
    (SELECT count(*) FROM built
      WHERE name = '' OR legal_entity_number = '' OR kecamatan = '' OR kelurahan = '' OR type = '' OR version < 1)::int
      AS invalid,
    (SELECT envelope -> 'data' FROM built LIMIT 1) AS sample,
    counts.total, counts.active
  FROM (SELECT count(*)::int AS total, (count(*) FILTER (WHERE c.status = 'ACTIVE'))::int AS active
        FROM cooperatives c WHERE c.id >= $14 AND ($15::uuid IS NULL OR c.id < $15)) counts`;

/** The same selection, only listed in the run's cooperatives (dry run); $4 the run. Answers how many, and the chunk's counts. */
export const LIST_CANDIDATES = `
  WITH listed AS (
    INSERT INTO evaluation_run_cooperatives (run_id, cooperative_id)
    SELECT $4, c.id FROM cooperatives c
    WHERE ${IN_CHUNK} AND c.status = 'ACTIVE' AND ${NO_RAT_IN_WINDOW}
    RETURNING 1)
  SELECT (SELECT count(*) FROM listed)::int AS changed, counts.total, counts.active
  FROM (SELECT count(*)::int AS total, (count(*) FILTER (WHERE c.status = 'ACTIVE'))::int AS active
        FROM cooperatives c WHERE ${IN_CHUNK}) counts`;

export interface ChunkCounts {
  /** Cooperatives set INACTIVE (dry run: that would be). */
  changed: number;
  /** In the chunk, and ACTIVE before the change, in the statement's snapshot. */
  total: number;
  active: number;
}

/** A page of the cooperatives a run changed or (dry run) would change. */
export const RUN_COOPERATIVES_PAGE = `
  SELECT c.id, c.name, c.legal_entity_number, c.kecamatan, c.kelurahan, c.status, c.last_rat_year
  FROM evaluation_run_cooperatives e JOIN cooperatives c ON c.id = e.cooperative_id
  WHERE e.run_id = $1 ORDER BY c.name, c.id LIMIT $2 OFFSET $3`;

export interface RunCooperativeRow {
  id: string;
  name: string;
  legal_entity_number: string;
  kecamatan: string;
  kelurahan: string;
  status: string;
  last_rat_year: number;
}
