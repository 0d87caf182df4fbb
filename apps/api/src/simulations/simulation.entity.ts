import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('simulations')
export class SimulationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name!: string;

  /** The request as given (trace requests replaced by the trace id), for the record. */
  @Column({ type: 'jsonb' })
  request!: Record<string, unknown>;

  /** The 'simulation' job running it. */
  @Column({ type: 'uuid', name: 'job_id' })
  jobId!: string;

  /** null until the job succeeds (copied from the job's result on first read). */
  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;

  /** The team of the key that created it; null when created without a key (open mode). See auth/team-scope.ts. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  team!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
