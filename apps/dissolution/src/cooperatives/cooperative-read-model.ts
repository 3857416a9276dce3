import type { EventData } from '@koperasi/contracts';
import type { Tx } from '@koperasi/platform';

type Snapshot = Pick<
  EventData<'registry.cooperative-registered.v1'>,
  'cooperativeId' | 'name' | 'legalEntityNumber' | 'nik' | 'kecamatan' | 'kelurahan' | 'type' | 'status'
>;

/** Upserts the registry's snapshot unless a newer one is already stored (events may arrive out of order). */
export async function applySnapshot(tx: Tx, snapshot: Snapshot, takenAt: Date): Promise<boolean> {
  const rows: unknown[] = await tx.manager.query(
    `INSERT INTO cooperatives (cooperative_id, name, legal_entity_number, nik, kecamatan, kelurahan, type, status, snapshot_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
     ON CONFLICT (cooperative_id) DO UPDATE SET
       name = EXCLUDED.name, legal_entity_number = EXCLUDED.legal_entity_number, nik = EXCLUDED.nik,
       kecamatan = EXCLUDED.kecamatan, kelurahan = EXCLUDED.kelurahan, type = EXCLUDED.type,
       status = EXCLUDED.status, snapshot_at = EXCLUDED.snapshot_at, updated_at = now()
     WHERE cooperatives.snapshot_at IS NULL OR cooperatives.snapshot_at <= EXCLUDED.snapshot_at
     RETURNING cooperative_id`,
    [
      snapshot.cooperativeId,
      snapshot.name,
      snapshot.legalEntityNumber,
      snapshot.nik,
      snapshot.kecamatan,
      snapshot.kelurahan,
      snapshot.type,
      snapshot.status,
      takenAt,
    ],
  );
  const applied = rows.length > 0;
  if (applied) {
    await tx.audit({ action: 'cooperative.snapshot-applied', entityType: 'Cooperative', entityId: snapshot.cooperativeId, after: snapshot });
  }
  return applied;
}

/** A minimal row for a cooperative known only by id; the registry's snapshot fills it in later. */
export async function ensureCooperative(tx: Tx, cooperativeId: string): Promise<void> {
  await tx.manager.query(
    `INSERT INTO cooperatives (cooperative_id, updated_at) VALUES ($1, now()) ON CONFLICT (cooperative_id) DO NOTHING`,
    [cooperativeId],
  );
}
