import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An uploaded serving trace, validated line by line and stored whole (one row, one transaction). */
@Entity('traces')
export class TraceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200, default: '' })
  name!: string;

  /** libs/workload TraceFormat: azure-llm-2023, mooncake or burstgpt. */
  @Column({ type: 'varchar', length: 32 })
  format!: string;

  @Column({ type: 'integer', name: 'request_count' })
  requestCount!: number;

  /** Arrival of the last request, seconds after the first. */
  @Column({ type: 'double precision', name: 'duration_seconds' })
  durationSeconds!: number;

  @Column({ type: 'bigint', name: 'size_bytes' })
  sizeBytes!: string;

  /** The requests column by column: arrivalSeconds, promptTokens, outputTokens, cachedPrefixTokens. */
  @Column({ type: 'jsonb' })
  requests!: Record<string, number[]>;

  /** The team of the key that created it; null when created without a key (open mode). See auth/team-scope.ts. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  team!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
