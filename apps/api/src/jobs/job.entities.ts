import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ChunkState, JobState } from './job-types.js';

@Entity('jobs')
export class JobEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 40 })
  type!: string;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  state!: JobState;

  /** The validated inputs the job was submitted with (what the handler's split() receives). */
  @Column({ type: 'jsonb' })
  inputs!: Record<string, unknown>;

  /** SHA-256 of the canonical JSON of type + inputs: the same inputs and seed give the same result. */
  @Column({ type: 'char', length: 64, name: 'inputs_hash' })
  inputsHash!: string;

  /** Unique per team (index uq_jobs_team_idempotency_key): one team's key never finds another team's job. */
  @Column({ type: 'varchar', length: 200, name: 'idempotency_key', nullable: true })
  idempotencyKey!: string | null;

  /** Who submitted it (X-Capsim-Client header, 'anonymous' without one): per-client concurrency is counted on this. */
  @Column({ type: 'varchar', length: 200, name: 'client_key' })
  clientKey!: string;

  @Column({ type: 'integer', name: 'chunks_total' })
  chunksTotal!: number;

  @Column({ type: 'integer', name: 'chunks_done', default: 0 })
  chunksDone!: number;

  @Column({ type: 'double precision', name: 'progress_fraction', default: 0 })
  progressFraction!: number;

  @Column({ type: 'timestamptz', name: 'estimated_finish_at', nullable: true })
  estimatedFinishAt!: Date | null;

  /** Highest attempt number any chunk reached (1 when nothing was retried). */
  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'integer', name: 'max_attempts' })
  maxAttempts!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  /** The team of the key that created it; null when created without a key (open mode). See auth/team-scope.ts. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  team!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt!: Date | null;

  @UpdateDateColumn({ type: 'timestamptz', name: 'updated_at' })
  updatedAt!: Date;
}

@Entity('job_chunks')
export class JobChunkEntity {
  @PrimaryColumn({ type: 'uuid', name: 'job_id' })
  jobId!: string;

  @PrimaryColumn({ type: 'integer', name: 'chunk_index' })
  chunkIndex!: number;

  @Column({ type: 'varchar', length: 16, default: 'queued' })
  state!: ChunkState;

  @Column({ type: 'jsonb' })
  input!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  output!: unknown;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  worker!: string | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'timestamptz', name: 'started_at', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', name: 'finished_at', nullable: true })
  finishedAt!: Date | null;
}

@Entity('job_results')
export class JobResultEntity {
  @PrimaryColumn({ type: 'uuid', name: 'job_id' })
  jobId!: string;

  @Column({ type: 'jsonb' })
  result!: unknown;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
