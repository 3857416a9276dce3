const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})/g;

/**
 * Rows written by two runs of one scenario, made comparable: `rename` maps the names that differ
 * between the runs (cooperative ids, say) to shared ones; `labels` names the uuids that matter (a
 * case, an event) and any other uuid reads `uuid`; timestamps read `time`; columns in `ignore`
 * (generated keys, top level only) are left out. Answers one sorted line per row: compare the two runs' with toEqual.
 */
export function comparableRows(
  rows: Record<string, unknown>[],
  rename: (text: string) => string,
  labels: Map<string, string>,
  ignore: readonly string[] = ['id'],
): string[] {
  const text = (value: string) =>
    rename(value)
      .replace(UUID, (uuid) => labels.get(uuid) ?? 'uuid')
      .replace(ISO_TIME, 'time');
  const comparable = (value: unknown): unknown => {
    if (value instanceof Date) return 'time';
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(comparable);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
      return Object.fromEntries(entries.map(([key, inner]) => [key, comparable(inner)]));
    }
    return value;
  };
  const kept = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => !ignore.includes(key)));
  return rows.map((row) => JSON.stringify(comparable(kept(row)))).sort();
}
