import type { CooperativeStatus } from '@koperasi/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

/** The registry record of a cooperative (domain §1) and its current status (domain §3). */
@Entity({ name: 'cooperatives' })
@Index('cooperatives_status_idx', ['status', 'id'])
@Index('cooperatives_kecamatan_idx', ['kecamatan', 'id'])
@Index('cooperatives_type_idx', ['type', 'id'])
@Index('cooperatives_last_rat_year_idx', ['lastRatYear', 'id'])
@Index('cooperatives_nik_certificate_idx', ['nikCertificateStatus', 'id'])
@Index('cooperatives_name_sort_idx', ['name', 'id'])
@Index('cooperatives_registered_idx', ['registeredAt', 'id'])
// Expression indexes for the search, created by hand in the migration.
@Index('cooperatives_name_prefix_idx', { synchronize: false })
@Index('cooperatives_number_prefix_idx', { synchronize: false })
@Index('cooperatives_name_trgm_idx', { synchronize: false })
export class Cooperative {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Index('cooperatives_legal_entity_number_key', { unique: true })
  @Column({ name: 'legal_entity_number', type: 'varchar', length: 120 })
  legalEntityNumber: string;

  @Column({ name: 'legal_entity_date', type: 'date' })
  legalEntityDate: string;

  @Column({ name: 'articles_amendment_number', type: 'varchar', length: 120, nullable: true })
  articlesAmendmentNumber: string | null;

  @Column({ name: 'articles_amendment_date', type: 'date', nullable: true })
  articlesAmendmentDate: string | null;

  @Index('cooperatives_nik_key', { unique: true, where: 'nik IS NOT NULL' })
  @Column({ type: 'varchar', length: 16, nullable: true })
  nik: string | null;

  @Column({ name: 'nik_certificate_status', type: 'varchar', length: 20 })
  nikCertificateStatus: string;

  @Column({ name: 'nik_certificate_expires_on', type: 'date', nullable: true })
  nikCertificateExpiresOn: string | null;

  @Column({ type: 'varchar', length: 20 })
  form: string;

  @Column({ type: 'varchar', length: 30 })
  type: string;

  @Column({ name: 'group_code', type: 'varchar', length: 20, nullable: true })
  group: string | null;

  @Column({ type: 'varchar', length: 20 })
  scheme: string;

  @Column({ name: 'business_sector_code', type: 'varchar', length: 20, nullable: true })
  businessSectorCode: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  street: string | null;

  @Column({ type: 'varchar', length: 120 })
  kelurahan: string;

  @Column({ type: 'varchar', length: 120 })
  kecamatan: string;

  @Column({ type: 'varchar', length: 120 })
  city: string;

  @Column({ type: 'varchar', length: 120 })
  province: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  chair: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  secretary: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  treasurer: string | null;

  @Column({ name: 'supervisory_board', type: 'varchar', length: 600, nullable: true })
  supervisoryBoard: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  manager: string | null;

  @Column({ name: 'members_male', type: 'integer', default: 0 })
  membersMale: number;

  @Column({ name: 'members_female', type: 'integer', default: 0 })
  membersFemale: number;

  @Column({ type: 'integer', default: 0 })
  employees: number;

  @Column({ type: 'varchar', length: 30 })
  status: CooperativeStatus;

  @Column({ name: 'status_changed_at', type: 'timestamptz' })
  statusChangedAt: Date;

  /** The latest fiscal year with a recorded RAT, 0 for none; kept for the list filter, sort and keyset cursor. */
  @Column({ name: 'last_rat_year', type: 'integer', default: 0 })
  lastRatYear: number;

  @CreateDateColumn({ name: 'registered_at', type: 'timestamptz' })
  registeredAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn({ type: 'integer' })
  version: number;
}
