import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A calibration profile: the measurements, the fit of η_compute / η_memory / overhead with its
 * residuals and held-out check, the MoE check, and the coefficients a scenario uses when it
 * references the profile. An engine run ('engine-run') is stored first with its job and no
 * measurements; the fit lands when the job has finished.
 */
@Entity('calibration_profiles')
export class CalibrationProfileEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name!: string;

  /** 'measurement-set' (uploaded schema), 'vllm-benchmark-serving' (mapped import) or 'engine-run'. */
  @Column({ type: 'varchar', length: 40 })
  origin!: string;

  /** The import request (modelId, gpuId, formats) for a vLLM upload, the sweep plan for an engine run; null for a plain upload. */
  @Column({ type: 'jsonb', name: 'origin_inputs', nullable: true })
  originInputs!: Record<string, unknown> | null;

  /** The validated MeasurementSet; null while an engine run is in progress. */
  @Column({ type: 'jsonb', name: 'measurement_set', nullable: true })
  measurementSet!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  fit!: Record<string, unknown> | null;

  @Column({ type: 'jsonb', name: 'moe_check', nullable: true })
  moeCheck!: Record<string, unknown> | null;

  /** EfficiencyCoefficients (libs/capacity) with provenance 'calibrated'. */
  @Column({ type: 'jsonb', nullable: true })
  efficiency!: Record<string, unknown> | null;

  @Column({ type: 'uuid', name: 'job_id', nullable: true })
  jobId!: string | null;

  /** Why an engine run produced no profile (its job failed, or its measurements could not be fitted). */
  @Column({ type: 'text', nullable: true })
  failure!: string | null;

  /** The team of the key that created it; null when created without a key (open mode). See auth/team-scope.ts. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  team!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
