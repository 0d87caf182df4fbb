import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('autoscaling_plans')
export class AutoscalingPlanEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name!: string;

  @Column({ type: 'jsonb' })
  request!: Record<string, unknown>;

  @Column({ type: 'integer', name: 'gpus_per_replica' })
  gpusPerReplica!: number;

  /** The 'autoscaling-plan' job (one chunk per policy). */
  @Column({ type: 'uuid', name: 'job_id' })
  jobId!: string;

  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  /** The team of the key that created it; null when created without a key (open mode). See auth/team-scope.ts. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  team!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
