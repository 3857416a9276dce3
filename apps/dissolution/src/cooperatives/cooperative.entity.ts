import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Read model of the registry's cooperatives (only what the workflow and its views need).
 * A row may be minimal (id only) when an event names a cooperative before the registry's own.
 */
@Entity({ name: 'cooperatives' })
@Index('cooperatives_kecamatan_idx', ['kecamatan'])
export class Cooperative {
  @PrimaryColumn({ name: 'cooperative_id', type: 'varchar', length: 120 })
  cooperativeId: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  name: string | null;

  @Column({ name: 'legal_entity_number', type: 'varchar', length: 120, nullable: true })
  legalEntityNumber: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  nik: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  kecamatan: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  kelurahan: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  type: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  status: string | null;

  /** When the registry's snapshot was taken; an older event never overwrites a newer one. */
  @Column({ name: 'snapshot_at', type: 'timestamptz', nullable: true })
  snapshotAt: Date | null;

  /** The registry's version of the cooperative in the snapshot held; null before a versioned event. */
  @Column({ name: 'registry_version', type: 'integer', nullable: true })
  registryVersion: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
