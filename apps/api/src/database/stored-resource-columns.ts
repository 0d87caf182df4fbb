import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Columns every stored, team-scoped resource row has (TypeORM copies an abstract base's columns
 * into each entity's own table; there is no shared table).
 */
export abstract class StoredResourceColumns {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name!: string;

  /** The team of the key that created it; null when created without a key (open mode). See auth/team-scope.ts. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  team!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}

/** A resource one job computes: the request as given, the job, and its result copied from the job on first read. */
export abstract class JobBackedRunColumns extends StoredResourceColumns {
  /** The request as given (trace requests replaced by the trace id), for the record. */
  @Column({ type: 'jsonb' })
  request!: Record<string, unknown>;

  @Column({ type: 'uuid', name: 'job_id' })
  jobId!: string;

  /** null until the job succeeds. */
  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;
}
