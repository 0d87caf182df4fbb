import { Column, Entity } from 'typeorm';
import { StoredResourceColumns } from '../database/stored-resource-columns.js';

@Entity('forecasts')
export class ForecastEntity extends StoredResourceColumns {
  /** The library ForecastSpec the result was computed from (seed included): rerunning it reproduces the result. */
  @Column({ type: 'jsonb' })
  spec!: Record<string, unknown>;

  /** Growth fitted to an uploaded history (kind, curve, R²), when the request gave one. */
  @Column({ type: 'jsonb', nullable: true })
  fit!: Record<string, unknown> | null;

  @Column({ type: 'integer' })
  samples!: number;

  @Column({ type: 'integer' })
  months!: number;

  /** CNY per USD used; the dated rate (cnyPerUsd, asOf, source) and the requested currency are in spec.exchangeRate / spec.currency. */
  @Column({ type: 'double precision', name: 'cny_per_usd' })
  cnyPerUsd!: number;

  /** The 'forecast' job computing it (large N); null when computed inline. */
  @Column({ type: 'uuid', name: 'job_id', nullable: true })
  jobId!: string | null;

  /** null until computed (a job still running). */
  @Column({ type: 'jsonb', nullable: true })
  result!: Record<string, unknown> | null;
}
