import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ApiKeyEntity } from '../auth/api-key.entity.js';
import { CalibrationProfileEntity } from '../calibrations/calibration-profile.entity.js';
import { AutoscalingPlanEntity } from '../autoscaling/autoscaling-plan.entity.js';
import { ForecastEntity } from '../forecasts/forecast.entity.js';
import { SimulationEntity } from '../simulations/simulation.entity.js';
import { TraceEntity } from '../traces/trace.entity.js';
import { JobChunkEntity, JobEntity, JobResultEntity } from '../jobs/job.entities.js';

@Entity('scenarios')
export class ScenarioEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  /** The validated scenario input, as the client sent it (catalog refs stay refs). */
  @Column({ type: 'jsonb' })
  spec!: Record<string, unknown>;

  /** Optimistic-concurrency version: every update must name the version it read. */
  @Column({ type: 'integer', default: 1 })
  version!: number;

  /** The API key that created it ('bootstrap' for CAPSIM_ADMIN_KEY); null when created without a key (open mode). */
  @Column({ type: 'varchar', length: 64, name: 'owner_key_id', nullable: true })
  ownerKeyId!: string | null;

  /** Only this team sees the scenario when keys are on; null = created in open mode, visible to anonymous callers only. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  team!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}

@Entity('evaluations')
export class EvaluationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid', name: 'scenario_id' })
  scenarioId!: string;

  @ManyToOne(() => ScenarioEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'scenario_id' })
  scenario?: ScenarioEntity;

  /** The scenario version the evaluation was computed from. */
  @Column({ type: 'integer', name: 'scenario_version' })
  scenarioVersion!: number;

  @Column({ type: 'integer', name: 'gpus_at_peak' })
  gpusAtPeak!: number;

  @Column({ type: 'double precision', name: 'cost_cny_per_30_day_month' })
  costCnyPer30DayMonth!: number;

  @Column({ type: 'jsonb' })
  result!: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

export const ENTITIES = [ApiKeyEntity, ScenarioEntity, EvaluationEntity, JobEntity, JobChunkEntity, JobResultEntity, ForecastEntity, CalibrationProfileEntity, TraceEntity, SimulationEntity, AutoscalingPlanEntity];
