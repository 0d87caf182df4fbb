import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { FleetSpec } from '../../../../libs/autoscaler/src/index.js';
import type { Principal } from '../auth/principal.js';
import { teamOf, teamWhere } from '../auth/team-scope.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import type { JobResponseDto } from '../jobs/dto/job.dto.js';
import { JobsService, type SubmitOptions } from '../jobs/jobs.service.js';
import type { CreateSimulationDto } from './dto/simulation.dto.js';
import { RunSpecMapper } from './run-spec.mapper.js';
import { SimulationEntity } from './simulation.entity.js';

export interface SimulationResponse {
  readonly id: string;
  readonly name: string;
  readonly state: 'succeeded' | 'queued' | 'running' | 'failed' | 'cancelled';
  readonly progressFraction: number;
  readonly createdAt: string;
  readonly job: JobResponseDto;
  readonly result: Record<string, unknown> | null;
  readonly links: Record<string, string>;
}

/** The request as stored: a trace given inline is replaced by its size, so rows stay small. */
export function requestForRecord(dto: object): Record<string, unknown> {
  const plain = JSON.parse(JSON.stringify(dto)) as Record<string, unknown> & { workload?: { trace?: { format: string; text: string } } };
  if (plain.workload?.trace) plain.workload.trace = { format: plain.workload.trace.format, text: `(${plain.workload.trace.text.length} characters)` };
  return plain;
}

@Injectable()
export class SimulationsService {
  constructor(
    @InjectRepository(SimulationEntity) private readonly simulations: Repository<SimulationEntity>,
    private readonly jobs: JobsService,
    private readonly mapper: RunSpecMapper,
  ) {}

  /** Validates and sizes the run (caps → 400), then submits a 'simulation' job (202). */
  async create(dto: CreateSimulationDto, options: SubmitOptions, caller: Principal): Promise<SimulationResponse> {
    if ((dto.replicas === undefined) === (dto.policy === undefined)) {
      throw ApiError.invalidField('replicas', 'give exactly one of replicas (a fixed fleet) or policy (a scaling policy)');
    }
    const { spec } = await this.mapper.toRunSpec(dto, caller);
    const fleet: FleetSpec = dto.replicas !== undefined ? { kind: 'fixed', replicas: dto.replicas } : { kind: 'policy', policy: dto.policy!, bounds: this.mapper.bounds(dto) };
    const { job } = await this.jobs.submit('simulation', { spec, fleet } as unknown as Record<string, unknown>, options, caller);
    const row = await this.simulations.save(this.simulations.create({ name: dto.name ?? '', request: requestForRecord(dto), jobId: job.id, result: null, team: teamOf(caller) }));
    return this.response(row, caller);
  }

  private async response(row: SimulationEntity, caller: Principal): Promise<SimulationResponse> {
    const job = await this.jobs.get(row.jobId, caller, 'simulation');
    if (row.result === null && job.state === 'succeeded') {
      row.result = (await this.jobs.result(row.jobId, caller, 'simulation')).result as Record<string, unknown>;
      await this.simulations.save(row);
    }
    return {
      id: row.id,
      name: row.name,
      state: row.result ? 'succeeded' : job.state,
      progressFraction: job.progressFraction,
      createdAt: row.createdAt instanceof Date ? row.createdAt.toISOString() : String(row.createdAt),
      job,
      result: row.result,
      links: { self: `/v1/simulations/${row.id}`, job: `/v1/jobs/${row.jobId}`, cancel: `/v1/simulations/${row.id}/cancel` },
    };
  }

  /** Team-scoped (auth/team-scope.ts): another team's simulation is "not found". */
  private async row(id: string, caller: Principal): Promise<SimulationEntity> {
    const row = await this.simulations.findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('simulation', id);
    return row;
  }

  async get(id: string, caller: Principal): Promise<SimulationResponse> {
    return this.response(await this.row(id, caller), caller);
  }

  async cancel(id: string, caller: Principal): Promise<SimulationResponse> {
    const row = await this.row(id, caller);
    const job = await this.jobs.get(row.jobId, caller, 'simulation');
    if (job.state === 'succeeded' || job.state === 'failed') {
      throw new ApiError(HttpStatus.CONFLICT, ErrorCode.JobStateConflict, `simulation ${id} has already ${job.state === 'succeeded' ? 'finished' : 'failed'}`);
    }
    await this.jobs.cancel(row.jobId, caller);
    return this.response(row, caller);
  }
}
