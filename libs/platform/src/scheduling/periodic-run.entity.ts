import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When a periodic task last ran in any replica of this service (the claim that makes it run once per period). */
@Entity({ name: 'periodic_runs' })
export class PeriodicRun {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  name: string;

  @Column({ name: 'last_run_at', type: 'timestamptz' })
  lastRunAt: Date;
}
