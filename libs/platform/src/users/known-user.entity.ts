import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@koperasi/contracts';

/**
 * A user of the console's directory as this service knows it (read model fed by the console's
 * user events): who may be given work, and the name to show beside the id.
 */
@Entity({ name: 'users' })
export class KnownUser {
  @PrimaryColumn({ type: 'varchar', length: 120, primaryKeyConstraintName: 'users_pkey' })
  id: string;

  @Column({ type: 'varchar', length: 120 })
  username: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 20, array: true })
  roles: Role[];

  @Column({ type: 'varchar', length: 120, nullable: true })
  kecamatan: string | null;

  @Column({ type: 'boolean' })
  active: boolean;

  /** The directory's time of the change this row holds: an older event changes nothing. */
  @Column({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
