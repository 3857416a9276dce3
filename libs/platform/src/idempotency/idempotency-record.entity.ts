import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** The first answer to a request carrying an `Idempotency-Key`, saved with the change it made. */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyRecord {
  @PrimaryColumn({ name: 'user_id', type: 'varchar', length: 120 })
  userId: string;

  @PrimaryColumn({ name: 'key', type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'varchar', length: 300 })
  route: string;

  @Column({ name: 'response_status', type: 'int' })
  responseStatus: number;

  @Column({ name: 'response_body', type: 'jsonb' })
  responseBody: object;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
