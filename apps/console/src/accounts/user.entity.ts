import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@koperasi/contracts';
import type { Language } from '../i18n/dictionary';

/** A person who signs in to the console. The console's user directory is the truth about who exists. */
@Entity({ name: 'users' })
@Index('users_username_key', ['username'], { unique: true })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Lower case; what the person types to sign in. */
  @Column({ type: 'varchar', length: 60 })
  username: string;

  @Column({ name: 'full_name', type: 'varchar', length: 200 })
  fullName: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 20, array: true })
  roles: Role[];

  /** The kecamatan an officer covers (null: all of them). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  kecamatan: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** argon2id (PHC string). */
  @Column({ name: 'password_hash', type: 'varchar', length: 200 })
  passwordHash: string;

  @Column({ name: 'must_change_password', type: 'boolean', default: true })
  mustChangePassword: boolean;

  @Column({ name: 'last_sign_in_at', type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null;

  @Column({ type: 'varchar', length: 2, default: 'id' })
  language: Language;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
