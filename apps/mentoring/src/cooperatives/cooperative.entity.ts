import { Column, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CooperativeStatus } from '@koperasi/contracts';

/**
 * The mentoring service's read model of a cooperative, kept from the registry's events. A row may
 * be minimal (only the id) when an event without a snapshot arrives first.
 */
@Entity({ name: 'cooperatives' })
@Index('cooperatives_kecamatan_idx', ['kecamatan'])
@Index('cooperatives_status_idx', ['status'])
export class Cooperative {
  @PrimaryColumn({ type: 'varchar', length: 120 })
  id: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  name: string | null;

  @Column({ name: 'legal_entity_number', type: 'varchar', length: 120, nullable: true })
  legalEntityNumber: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  nik: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  kecamatan: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  kelurahan: string | null;

  @Column({ name: 'cooperative_type', type: 'varchar', length: 80, nullable: true })
  cooperativeType: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  status: CooperativeStatus | null;

  /** When the registry changed the status last; an older status event does not overwrite a newer one. */
  @Column({ name: 'status_changed_at', type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null;

  /** The registry's version of the cooperative in the snapshot held; null before a versioned event. */
  @Column({ name: 'registry_version', type: 'integer', nullable: true })
  registryVersion: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
