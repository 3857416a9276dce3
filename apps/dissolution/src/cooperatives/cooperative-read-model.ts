import type { CooperativeSnapshot } from '@koperasi/contracts';
import { AUDIT_LOG_COLUMNS, auditRows, unnestSource, type Tx, type WriteContext } from '@koperasi/platform';

export interface DatedSnapshot {
  snapshot: CooperativeSnapshot;
  takenAt: Date;
  /** Defaults to the current job (a batch of events gives each its own). */
  context?: WriteContext;
}

/**
 * Upserts the registry's snapshot unless a newer one is already stored (events may arrive out of
 * order): by the registry's version of the cooperative when both carry one, else by the time the
 * snapshot was taken (events published before versions existed).
 */
export async function applySnapshot(tx: Tx, snapshot: CooperativeSnapshot, takenAt: Date): Promise<boolean> {
  const applied = await applySnapshots(tx, [{ snapshot, takenAt }]);
  return applied.size > 0;
}

const SNAPSHOT_COLUMNS =
  'cooperative_id, name, legal_entity_number, nik, kecamatan, kelurahan, type, status, snapshot_at, registry_version';
const SNAPSHOT_TYPES = [...Array(8).fill('varchar'), 'timestamptz', 'int'];

/** `applySnapshot` for distinct cooperatives in one statement, their audit included; answers the ids it applied. */
export async function applySnapshots(tx: Tx, items: DatedSnapshot[]): Promise<Set<string>> {
  const statement = snapshotsStatement(items, 1);
  const rows: { cooperative_id: string }[] = await tx.manager.query(
    `WITH ${statement.with} SELECT cooperative_id FROM applied`,
    statement.params,
  );
  return new Set(rows.map((row) => row.cooperative_id));
}

/**
 * applySnapshots as WITH items of a larger statement, with parameters from `$first` on: `applied`
 * holds the ids it applied. With `when`, a SQL condition, nothing is written unless it holds.
 */
export function snapshotsStatement(
  items: DatedSnapshot[],
  first: number,
  when = 'true',
): { with: string; params: unknown[] } {
  const column = <K extends keyof CooperativeSnapshot>(key: K) => items.map(({ snapshot }) => snapshot[key]);
  const audit = auditRows(
    items.map(({ snapshot, context }) => ({
      action: 'cooperative.snapshot-applied',
      entityType: 'Cooperative',
      entityId: snapshot.cooperativeId,
      after: snapshot,
      context,
    })),
    first + 10,
  );
  return {
    with: `applied AS (
       INSERT INTO cooperatives (${SNAPSHOT_COLUMNS}, updated_at)
       SELECT *, now() FROM ${unnestSource('s', SNAPSHOT_COLUMNS, SNAPSHOT_TYPES, first)}
       WHERE ${when}
       ON CONFLICT (cooperative_id) DO UPDATE SET
         name = EXCLUDED.name, legal_entity_number = EXCLUDED.legal_entity_number, nik = EXCLUDED.nik,
         kecamatan = EXCLUDED.kecamatan, kelurahan = EXCLUDED.kelurahan, type = EXCLUDED.type,
         status = EXCLUDED.status, snapshot_at = EXCLUDED.snapshot_at,
         registry_version = GREATEST(cooperatives.registry_version, EXCLUDED.registry_version), updated_at = now()
       WHERE CASE WHEN cooperatives.registry_version IS NOT NULL AND EXCLUDED.registry_version IS NOT NULL
                    THEN cooperatives.registry_version < EXCLUDED.registry_version
                  ELSE cooperatives.snapshot_at IS NULL OR cooperatives.snapshot_at <= EXCLUDED.snapshot_at END
       RETURNING cooperative_id),
     audited AS (
       INSERT INTO audit_log (${AUDIT_LOG_COLUMNS})
       SELECT audit_row.* FROM ${audit.sql} JOIN applied ON applied.cooperative_id = audit_row.entity_id)`,
    params: [
      column('cooperativeId'),
      column('name'),
      column('legalEntityNumber'),
      column('nik'),
      column('kecamatan'),
      column('kelurahan'),
      column('type'),
      column('status'),
      items.map(({ takenAt }) => takenAt),
      items.map(({ snapshot }) => snapshot.cooperativeVersion ?? null),
      ...audit.params,
    ],
  };
}

/** A minimal row for a cooperative known only by id; the registry's snapshot fills it in later. */
export async function ensureCooperative(tx: Tx, cooperativeId: string): Promise<void> {
  await tx.manager.query(
    `INSERT INTO cooperatives (cooperative_id, updated_at) VALUES ($1, now()) ON CONFLICT (cooperative_id) DO NOTHING`,
    [cooperativeId],
  );
}
