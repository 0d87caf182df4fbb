import { Column, Entity } from 'typeorm';
import { JobBackedRunColumns } from '../database/stored-resource-columns.js';

/** One autoscaling plan: an 'autoscaling-plan' job plans and replays each policy (one chunk per policy). */
@Entity('autoscaling_plans')
export class AutoscalingPlanEntity extends JobBackedRunColumns {
  @Column({ type: 'integer', name: 'gpus_per_replica' })
  gpusPerReplica!: number;
}
