import { Injectable } from '@nestjs/common';
import type { EventData } from '@koperasi/contracts';
import type { Tx } from '@koperasi/platform';
import { Cooperative } from './cooperative.entity';

export type CooperativeSnapshot = Pick<
  EventData<'registry.cooperative-registered.v1'>,
  'cooperativeId' | 'name' | 'legalEntityNumber' | 'nik' | 'kecamatan' | 'kelurahan' | 'type' | 'status'
>;

/** Keeps the read model of cooperatives from the registry's snapshots. */
@Injectable()
export class CooperativeReadModel {
  /**
   * Upserts the snapshot. The status is taken only when `statusChangedAt` is not older than the
   * one already stored, so a late, older status event cannot undo a newer one.
   */
  async upsert(tx: Tx, snapshot: CooperativeSnapshot, statusChangedAt: Date | null = null): Promise<Cooperative> {
    const rows: Cooperative[] = await tx.manager.query(
      `INSERT INTO cooperatives AS c (id, name, legal_entity_number, nik, kecamatan, kelurahan, cooperative_type, status, status_changed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET
         name = EXCLUDED.name, legal_entity_number = EXCLUDED.legal_entity_number, nik = EXCLUDED.nik,
         kecamatan = EXCLUDED.kecamatan, kelurahan = EXCLUDED.kelurahan, cooperative_type = EXCLUDED.cooperative_type,
         status = CASE WHEN EXCLUDED.status_changed_at IS NULL AND c.status_changed_at IS NOT NULL THEN c.status
                       WHEN c.status_changed_at IS NULL OR EXCLUDED.status_changed_at >= c.status_changed_at THEN EXCLUDED.status
                       ELSE c.status END,
         status_changed_at = GREATEST(c.status_changed_at, EXCLUDED.status_changed_at),
         updated_at = now()
       RETURNING id`,
      [snapshot.cooperativeId, snapshot.name, snapshot.legalEntityNumber, snapshot.nik, snapshot.kecamatan, snapshot.kelurahan, snapshot.type, snapshot.status, statusChangedAt],
    );
    // Open cases carry the kecamatan so the queue filter is indexed.
    await tx.manager.query(
      `UPDATE cases SET kecamatan = $2 WHERE cooperative_id = $1 AND status <> 'CLOSED' AND kecamatan IS DISTINCT FROM $2`,
      [snapshot.cooperativeId, snapshot.kecamatan],
    );
    return tx.manager.findOneByOrFail(Cooperative, { id: rows[0].id });
  }

  /** The row for an id, created empty when no snapshot has arrived yet. */
  async ensure(tx: Tx, cooperativeId: string): Promise<Cooperative> {
    await tx.manager.query(`INSERT INTO cooperatives (id) VALUES ($1) ON CONFLICT (id) DO NOTHING`, [cooperativeId]);
    return tx.manager.findOneByOrFail(Cooperative, { id: cooperativeId });
  }
}
