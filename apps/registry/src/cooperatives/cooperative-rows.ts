import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { Cooperative } from './cooperative.entity';
import { StatusHistoryEntry } from './status-history.entity';

type NewCooperative = Partial<Omit<Cooperative, 'id' | 'registeredAt' | 'updatedAt' | 'version'>>;

/**
 * Inserts many cooperatives in one statement whatever their number (one jsonb parameter read with
 * the table's own row type) and answers them as saved, in the order given.
 */
export async function insertCooperatives(manager: EntityManager, items: NewCooperative[]): Promise<Cooperative[]> {
  if (items.length === 0) return [];
  const columns = manager.connection
    .getMetadata(Cooperative)
    .columns.filter((column) => !column.isCreateDate && !column.isUpdateDate)
    .map((column) => ({ property: column.propertyName, name: column.databaseName, fallback: column.default ?? null }));
  const cooperatives: Cooperative[] = [];
  // Left out: null, or the column's default; the answer carries what is stored, as after a save.
  const rows = items.map((item) => {
    const cooperative = Object.assign(new Cooperative(), item, { id: randomUUID(), version: 1 });
    const row: Record<string, unknown> = {};
    for (const { property, name, fallback } of columns) {
      const value = (cooperative as unknown as Record<string, unknown>)[property] ?? fallback;
      (cooperative as unknown as Record<string, unknown>)[property] = value;
      row[name] = value;
    }
    cooperatives.push(cooperative);
    return row;
  });
  const names = columns.map((column) => `"${column.name}"`).join(', ');
  const saved: { id: string; registered_at: Date; updated_at: Date }[] = await manager.query(
    `INSERT INTO cooperatives (${names})
     SELECT ${names} FROM jsonb_populate_recordset(NULL::cooperatives, $1::jsonb)
     RETURNING id, registered_at, updated_at`,
    [JSON.stringify(rows)],
  );
  const byId = new Map(saved.map((row) => [row.id, row]));
  for (const cooperative of cooperatives) {
    const row = byId.get(cooperative.id)!;
    Object.assign(cooperative, { registeredAt: row.registered_at, updatedAt: row.updated_at });
  }
  return cooperatives;
}

/** Inserts many status-history entries in one statement (a parameter per column). */
export async function insertStatusHistory(
  manager: EntityManager,
  entries: Omit<StatusHistoryEntry, 'id' | 'evaluationRunId'>[],
): Promise<void> {
  if (entries.length === 0) return;
  await manager.query(
    `INSERT INTO status_history (cooperative_id, from_status, to_status, at, effective_on, reason, actor_id, triggering_event_id)
     SELECT * FROM unnest($1::uuid[], $2::varchar[], $3::varchar[], $4::timestamptz[], $5::date[], $6::text[], $7::varchar[], $8::uuid[])`,
    [
      entries.map((entry) => entry.cooperativeId),
      entries.map((entry) => entry.fromStatus),
      entries.map((entry) => entry.toStatus),
      entries.map((entry) => entry.at),
      entries.map((entry) => entry.effectiveOn),
      entries.map((entry) => entry.reason),
      entries.map((entry) => entry.actorId),
      entries.map((entry) => entry.triggeringEventId),
    ],
  );
}
