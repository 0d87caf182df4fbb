import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { planToCsv, POLICY_KINDS as LIB_POLICY_KINDS, RUN_SPEC_DEFAULTS, type AutoscalingPlan, type PolicyKind } from '../../../../libs/autoscaler/src/index.js';
import type { Principal } from '../auth/principal.js';
import { teamOf, teamWhere } from '../auth/team-scope.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import type { JobResponseDto } from '../jobs/dto/job.dto.js';
import { JobsService, type SubmitOptions } from '../jobs/jobs.service.js';
import type { CreatePlanDto } from '../simulations/dto/simulation.dto.js';
import { RunSpecMapper } from '../simulations/run-spec.mapper.js';
import { requestForRecord } from '../simulations/simulations.service.js';
import { AutoscalingPlanEntity } from './autoscaling-plan.entity.js';

export interface AutoscalingPlanResponse {
  readonly id: string;
  readonly name: string;
  readonly state: 'succeeded' | 'queued' | 'running' | 'failed' | 'cancelled';
  readonly progressFraction: number;
  readonly gpusPerReplica: number;
  /** The attainment each policy's replay was asked to meet (the request's, else the default). */
  readonly targetAttainmentFraction: number;
  readonly createdAt: string;
  readonly job: JobResponseDto;
  /** { plans: one per policy, in the order asked }, once done. */
  readonly result: { plans: AutoscalingPlan[] } | null;
  readonly links: Record<string, string>;
}

/** The target a stored plan request asked for: its own, else the default the job ran with. */
export function targetAttainmentOf(row: Pick<AutoscalingPlanEntity, 'request'>): number {
  const asked = (row.request as { targetAttainmentFraction?: unknown } | null)?.targetAttainmentFraction;
  return typeof asked === 'number' ? asked : RUN_SPEC_DEFAULTS.targetAttainmentFraction;
}

@Injectable()
export class AutoscalingService {
  constructor(
    @InjectRepository(AutoscalingPlanEntity) private readonly plans: Repository<AutoscalingPlanEntity>,
    private readonly jobs: JobsService,
    private readonly mapper: RunSpecMapper,
  ) {}

  /** Validates and sizes the run, then submits an 'autoscaling-plan' job: one chunk per policy (progress = policies done). */
  async create(dto: CreatePlanDto, options: SubmitOptions, caller: Principal): Promise<AutoscalingPlanResponse> {
    const { spec, gpusPerReplica } = await this.mapper.toRunSpec(dto, caller);
    const policies: PolicyKind[] = dto.policies ? [...new Set(dto.policies)] : [...LIB_POLICY_KINDS];
    const { job } = await this.jobs.submit('autoscaling-plan', { spec, policies, bounds: this.mapper.bounds(dto) } as unknown as Record<string, unknown>, options, caller);
    const row = await this.plans.save(this.plans.create({ name: dto.name ?? '', request: requestForRecord(dto), gpusPerReplica, jobId: job.id, result: null, team: teamOf(caller) }));
    return this.response(row, caller);
  }

  private async response(row: AutoscalingPlanEntity, caller: Principal): Promise<AutoscalingPlanResponse> {
    const job = await this.jobs.get(row.jobId, caller, 'autoscaling-plan');
    if (row.result === null && job.state === 'succeeded') {
      row.result = (await this.jobs.result(row.jobId, caller, 'autoscaling-plan')).result as Record<string, unknown>;
      await this.plans.save(row);
    }
    return {
      id: row.id,
      name: row.name,
      state: row.result ? 'succeeded' : job.state,
      progressFraction: job.progressFraction,
      gpusPerReplica: row.gpusPerReplica,
      targetAttainmentFraction: targetAttainmentOf(row),
      createdAt: row.createdAt instanceof Date ? row.createdAt.toISOString() : String(row.createdAt),
      job,
      result: row.result as AutoscalingPlanResponse['result'],
      links: { self: `/v1/autoscaling/plans/${row.id}`, csv: `/v1/autoscaling/plans/${row.id}/plan.csv`, job: `/v1/jobs/${row.jobId}` },
    };
  }

  /** Team-scoped (auth/team-scope.ts): another team's plan is "not found". */
  async get(id: string, caller: Principal): Promise<AutoscalingPlanResponse> {
    const row = await this.plans.findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('autoscaling plan', id);
    return this.response(row, caller);
  }

  /**
   * A plan's per-policy results, for readers of a finished plan (plan.csv, chart.png, forecasts that
   * reference a plan): 404 for an unknown id (or another team's: the same answer) and 409 while its job has
   * not succeeded, both naming `field`.
   */
  async finishedPlans(id: string, field: string, caller: Principal): Promise<{ plans: AutoscalingPlan[]; gpusPerReplica: number; targetAttainmentFraction: number }> {
    const row = await this.plans.findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `autoscaling plan ${id} not found`, [{ field, reason: `no autoscaling plan with id ${id}` }]);
    const plan = await this.response(row, caller);
    if (!plan.result) {
      const reason = `autoscaling plan ${id} has no result yet: its job is ${plan.state} (see /v1/jobs/${plan.job.id})`;
      throw new ApiError(HttpStatus.CONFLICT, ErrorCode.JobStateConflict, reason, [{ field, reason }]);
    }
    return { plans: plan.result.plans, gpusPerReplica: plan.gpusPerReplica, targetAttainmentFraction: plan.targetAttainmentFraction };
  }

  /** One CSV row per interval of one policy's plan (the first asked for when none is named). */
  async csv(id: string, policy: string | undefined, caller: Principal): Promise<{ body: string; policy: string }> {
    const { plans, gpusPerReplica } = await this.finishedPlans(id, 'id', caller);
    const chosen = policy === undefined ? plans[0] : plans.find((p) => p.policy === policy);
    if (!chosen) throw ApiError.invalidField('policy', `must be one of the planned policies: ${plans.map((p) => p.policy).join(', ')}`);
    return { body: planToCsv(chosen, gpusPerReplica), policy: chosen.policy };
  }
}
