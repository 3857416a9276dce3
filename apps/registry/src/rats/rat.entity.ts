import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

const money = {
  type: 'numeric',
  precision: 20,
  scale: 2,
  nullable: true,
  transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
} as const;

/** One annual members' meeting (RAT) per cooperative and fiscal year (domain §2). */
@Entity({ name: 'rats' })
@Index('rats_cooperative_year_key', ['cooperativeId', 'fiscalYear'], { unique: true })
@Index('rats_fiscal_year_idx', ['fiscalYear', 'cooperativeId'])
export class Rat {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'cooperative_id', type: 'uuid' })
  cooperativeId: string;

  @Column({ name: 'fiscal_year', type: 'integer' })
  fiscalYear: number;

  @Column({ name: 'meeting_date', type: 'date' })
  meetingDate: string;

  @Column({ name: 'reported_date', type: 'date' })
  reportedDate: string;

  /** The deadline in force when it was recorded (fiscal-year end plus the configured months). */
  @Column({ name: 'deadline', type: 'date' })
  deadline: string;

  @Column({ type: 'boolean' })
  late: boolean;

  @Column({ name: 'members_present', type: 'integer' })
  membersPresent: number;

  @Column({ name: 'members_total', type: 'integer' })
  membersTotal: number;

  @Column({ name: 'accountability_report_received', type: 'boolean', default: false })
  accountabilityReportReceived: boolean;

  @Column({ name: 'financial_statements_received', type: 'boolean', default: false })
  financialStatementsReceived: boolean;

  @Column({ name: 'work_plan_received', type: 'boolean', default: false })
  workPlanReceived: boolean;

  @Column({ name: 'own_capital', ...money })
  ownCapital: number | null;

  @Column({ name: 'outside_capital', ...money })
  outsideCapital: number | null;

  @Column({ ...money })
  assets: number | null;

  @Column({ name: 'business_volume', ...money })
  businessVolume: number | null;

  /** SHU; negative for a loss. */
  @Column({ ...money })
  surplus: number | null;

  @Column({ name: 'recorded_by', type: 'varchar', length: 120 })
  recordedBy: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
