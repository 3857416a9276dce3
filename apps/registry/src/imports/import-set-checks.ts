/**
 * Checks over all staged rows of one import ($1), in SQL: each appends its problems to the rows'
 * `errors`, worded as the per-row checks word theirs. Rows refused already (no value) are skipped.
 */
const appendProblems = (problems: string) => `
  WITH problems AS (${problems})
  UPDATE import_rows r SET errors = coalesce(r.errors, '[]'::jsonb) || p.errors
  FROM problems p WHERE r.import_id = $1 AND r.line = p.line`;

const problem = (column: string, message: string) =>
  `jsonb_build_object('row', line, 'column', ${column}, 'message', ${message})`;

/** Legal-entity number and NIK: taken in the registry, or repeated in the file (the first one stands). */
export const COOPERATIVE_SET_CHECKS = [
  appendProblems(`
    SELECT line, jsonb_agg(${problem('field', `CASE WHEN taken THEN key || ' is already registered' ELSE key || ' repeats row ' || first END`)} ORDER BY position) AS errors
    FROM (
      SELECT r.line, k.field, k.position, r.value->>k.field AS key,
             min(r.line) OVER (PARTITION BY k.field, r.value->>k.field) AS first,
             CASE k.field
               WHEN 'nik' THEN EXISTS (SELECT 1 FROM cooperatives c WHERE c.nik = r.value->>'nik')
               ELSE EXISTS (SELECT 1 FROM cooperatives c WHERE c.legal_entity_number = r.value->>'legalEntityNumber')
             END AS taken
      FROM import_rows r CROSS JOIN (VALUES ('legalEntityNumber', 1), ('nik', 2)) AS k(field, position)
      WHERE r.import_id = $1 AND r.value IS NOT NULL AND coalesce(r.value->>k.field, '') <> ''
    ) keyed
    WHERE taken OR line > first
    GROUP BY line`),
];

/**
 * The cooperative exists and may hold a RAT, the fiscal year is not before it became a legal entity,
 * none is recorded for the year, the file names it once.
 */
export const RAT_SET_CHECKS = [
  appendProblems(`
    SELECT line,
      CASE
        WHEN cooperative_id IS NULL THEN jsonb_build_array(${problem(`'legalEntityNumber'`, `'no cooperative with legal-entity number ' || number`)})
        WHEN status IN ('DISSOLVED', 'LEGAL_ENTITY_REVOKED') THEN jsonb_build_array(${problem(`'legalEntityNumber'`, `'the cooperative is ' || status`)})
        WHEN year < extract(year FROM legal_entity_date) THEN jsonb_build_array(${problem(`'fiscalYear'`, `'before the cooperative became a legal entity (' || to_char(legal_entity_date, 'YYYY-MM-DD') || ')'`)})
        WHEN recorded THEN jsonb_build_array(${problem(`'fiscalYear'`, `'a RAT for ' || year || ' is already recorded'`)})
        ELSE '[]'::jsonb
      END
      || CASE WHEN line > first THEN jsonb_build_array(${problem(`'fiscalYear'`, `'repeats row ' || first`)}) ELSE '[]'::jsonb END AS errors
    FROM (
      SELECT s.line, s.number, s.year, s.first, c.id AS cooperative_id, c.status, c.legal_entity_date,
             EXISTS (SELECT 1 FROM rats t WHERE t.cooperative_id = c.id AND t.fiscal_year = s.year) AS recorded
      FROM (
        SELECT r.line, r.value->>'legalEntityNumber' AS number, (r.value->>'fiscalYear')::int AS year,
               min(r.line) OVER (PARTITION BY r.value->>'legalEntityNumber', r.value->>'fiscalYear') AS first
        FROM import_rows r WHERE r.import_id = $1 AND r.value IS NOT NULL
      ) s
      LEFT JOIN cooperatives c ON c.legal_entity_number = s.number
    ) judged
    WHERE cooperative_id IS NULL OR status IN ('DISSOLVED', 'LEGAL_ENTITY_REVOKED')
       OR year < extract(year FROM legal_entity_date) OR recorded OR line > first`),
];
