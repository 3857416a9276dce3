import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * The Redis epoch this service last confirmed for a queue prefix. A different epoch in Redis means
 * Redis lost its data since: the outbox rows published before must be published again.
 */
@Entity({ name: 'redis_epochs' })
export class RedisEpoch {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  prefix: string;

  @Column({ type: 'varchar', length: 64 })
  epoch: string;

  /** The epoch before the last change, so a check that read Redis just before the change does not undo it. */
  @Column({ name: 'previous_epoch', type: 'varchar', length: 64, nullable: true })
  previousEpoch: string | null;

  @UpdateDateColumn({ name: 'changed_at', type: 'timestamptz' })
  changedAt: Date;
}
