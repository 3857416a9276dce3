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
 * for it; DEACTIVATE_CHUNK then runs with a fresh snapshot that sees that RAT.
 */
export const LOCK_CANDIDATES = `
  SELECT c.id FROM cooperatives c
  WHERE ${IN_CHUNK} AND c.status = 'ACTIVE' AND ${NO_RAT_IN_WINDOW}
  FOR UPDATE`;

/** $1 lower id, $2 upper id (exclusive, null for the last chunk), $3 the window's first year, $4 the time of the change. */
export const DEACTIVATE_CHUNK = `
  UPDATE cooperatives c
  SET status = 'INACTIVE', status_changed_at = $4, updated_at = $4, version = c.version + 1
  WHERE ${IN_CHUNK} AND c.status = 'ACTIVE' AND ${NO_RAT_IN_WINDOW}
  RETURNING c.id, c.name, c.legal_entity_number, c.nik, c.kecamatan, c.kelurahan, c.type, c.version`;

/** The same selection, only listed in the run's cooperatives (dry run); $4 the run. Answers how many. */
export const LIST_CANDIDATES = `
  WITH listed AS (
    INSERT INTO evaluation_run_cooperatives (run_id, cooperative_id)
    SELECT $4, c.id FROM cooperatives c
    WHERE ${IN_CHUNK} AND c.status = 'ACTIVE' AND ${NO_RAT_IN_WINDOW}
    RETURNING 1)
  SELECT count(*)::int AS n FROM listed`;

/** The cooperatives a real run changed: $1 the run, $2 their ids. */
export const LIST_CHANGED = `
  INSERT INTO evaluation_run_cooperatives (run_id, cooperative_id) SELECT $1, id FROM unnest($2::uuid[]) AS id`;

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

/** After the update: cooperatives in the chunk and those still ACTIVE. */
export const COUNT_CHUNK = `
  SELECT count(*)::int AS total, (count(*) FILTER (WHERE c.status = 'ACTIVE'))::int AS active
  FROM cooperatives c WHERE ${IN_CHUNK}`;

export const INSERT_HISTORY = `
  INSERT INTO status_history (cooperative_id, from_status, to_status, at, effective_on, reason, actor_id, evaluation_run_id)
  SELECT id, 'ACTIVE', 'INACTIVE', $2, $6, $3, $4, $5 FROM unnest($1::uuid[]) AS id`;

export interface DeactivatedRow {
  id: string;
  name: string;
  legal_entity_number: string;
  nik: string | null;
  kecamatan: string;
  kelurahan: string;
  type: string;
  version: number;
}
