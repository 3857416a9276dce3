// Rows per table of the services' schemas, to compare what two runs wrote. A status change is an
// update, not a new row: the INACTIVE cooperatives of each read model are counted on their own.
import { APPS } from '../services.mjs';

export const INACTIVE_SUFFIX = ' (INACTIVE)';

async function countingSql(client) {
  const { rows } = await client.query(
    `SELECT t.table_schema AS schema, t.table_name AS name,
       EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = t.table_schema
                 AND c.table_name = t.table_name AND c.column_name = 'status') AS has_status
     FROM information_schema.tables t
     WHERE t.table_type = 'BASE TABLE' AND t.table_schema = ANY($1) ORDER BY 1, 2`,
    [APPS],
  );
  return rows
    .flatMap(({ schema, name, has_status: hasStatus }) => {
      const table = `${schema}.${name}`;
      const all = `SELECT '${table}' AS t, count(*) AS n FROM ${table}`;
      return name === 'cooperatives' && hasStatus
        ? [all, `SELECT '${table}${INACTIVE_SUFFIX}', count(*) FROM ${table} WHERE status = 'INACTIVE'`]
        : [all];
    })
    .join('\nUNION ALL ');
}

/** table -> rows (and `<schema>.cooperatives (INACTIVE)` -> INACTIVE cooperatives). */
export async function countRows(client) {
  const { rows } = await client.query(await countingSql(client));
  return new Map(rows.map(({ t, n }) => [t, Number(n)]));
}

/** What changed between two counts: table -> rows added (negative: removed); unchanged tables left out. */
export function rowsWritten(before, after) {
  const tables = new Set([...before.keys(), ...after.keys()]);
  const written = new Map();
  for (const table of [...tables].sort()) {
    const delta = (after.get(table) ?? 0) - (before.get(table) ?? 0);
    if (delta !== 0) written.set(table, delta);
  }
  return written;
}

/**
 * The tables where the two runs differ, leaving out those `ignored` answers true for (one run's
 * own machinery): an empty list means both wrote as many rows into every other table.
 */
export function countDifferences(expected, actual, ignored = () => false) {
  const tables = new Set([...expected.keys(), ...actual.keys()].filter((table) => !ignored(table)));
  return [...tables]
    .sort()
    .map((table) => ({ table, expected: expected.get(table) ?? 0, actual: actual.get(table) ?? 0 }))
    .filter(({ expected: e, actual: a }) => e !== a);
}
