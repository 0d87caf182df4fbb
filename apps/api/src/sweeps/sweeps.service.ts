import { HttpStatus, Injectable } from '@nestjs/common';
import { sweepPointCount, type SweepResult, type SweepSearch, type SweepSpec } from '../../../../libs/sweep/src/index.js';
import type { Principal } from '../auth/principal.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import type { JobResponseDto } from '../jobs/dto/job.dto.js';
import { JobsService, type SubmitOptions } from '../jobs/jobs.service.js';
import { toScenarioSpec } from '../what-if/scenario.mapper.js';
import type { CreateSweepDto, SweepResponseDto } from './dto/sweep.dto.js';
import { sweepToCsv } from './sweep-csv.js';

const DEFAULT_POINTS_PER_CHUNK = 25;
const DEFAULT_SEED = 1;

/** A sweep is a job of type 'sweep': this service turns the request into SweepSpec inputs and reads results back. */
@Injectable()
export class SweepsService {
  constructor(private readonly jobs: JobsService) {}

  /** Validates and sizes the sweep (caps → 400 naming the limit and the value), then submits it as a job. */
  toSpec(dto: CreateSweepDto, maxPoints: number): { spec: SweepSpec; pointCount: number } {
    const base = toScenarioSpec(dto.base);
    const space = { ...dto.parameters, ...(dto.parameters.quantizations ? { quantizations: dto.parameters.quantizations.map((q) => ({ ...q })) } : {}) };
    const gridPoints = sweepPointCount(space);
    let search: SweepSearch;
    let pointCount: number;
    if ((dto.search?.mode ?? 'grid') === 'grid') {
      search = { mode: 'grid' };
      pointCount = gridPoints;
      if (gridPoints > maxPoints) {
        throw new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.LimitExceeded, `parameters: the grid has ${gridPoints} points, above the limit of ${maxPoints} (JOBS_MAX_SWEEP_POINTS); narrow an axis or use search.mode "random" with samples ≤ ${maxPoints}`, [
          { field: 'parameters', reason: `grid of ${gridPoints} points exceeds the limit of ${maxPoints}` },
        ]);
      }
    } else {
      const samples = dto.search?.samples;
      if (samples === undefined) throw ApiError.invalidField('search.samples', 'is required when search.mode is "random"');
      if (samples > maxPoints) {
        throw new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.LimitExceeded, `search.samples: ${samples} is above the limit of ${maxPoints} (JOBS_MAX_SWEEP_POINTS)`, [
          { field: 'search.samples', reason: `${samples} exceeds the limit of ${maxPoints}` },
        ]);
      }
      search = { mode: 'random', samples, seed: dto.search?.seed ?? DEFAULT_SEED };
      pointCount = samples;
    }
    return { spec: { base, space, search, pointsPerChunk: dto.pointsPerChunk ?? DEFAULT_POINTS_PER_CHUNK }, pointCount };
  }

  async create(dto: CreateSweepDto, maxPoints: number, options: SubmitOptions, caller: Principal): Promise<{ sweep: SweepResponseDto; created: boolean }> {
    const { spec, pointCount } = this.toSpec(dto, maxPoints);
    const { job, created } = await this.jobs.submit('sweep', spec as unknown as Record<string, unknown>, options, caller);
    return { sweep: this.response(job, pointCount, null), created };
  }

  private response(job: JobResponseDto, pointCount: number, result: SweepResult | null): SweepResponseDto {
    return {
      id: job.id,
      pointCount,
      job,
      summary: result
        ? { pointCount: result.pointCount, evaluatedCount: result.evaluatedCount, feasibleCount: result.feasibleCount, invalidCount: result.invalidCount, paretoFront: [...result.paretoFront] }
        : null,
      links: { self: `/v1/sweeps/${job.id}`, job: `/v1/jobs/${job.id}`, csv: `/v1/sweeps/${job.id}/points.csv` },
    };
  }

  async get(id: string, caller: Principal): Promise<SweepResponseDto> {
    const job = await this.jobs.get(id, caller, 'sweep');
    const result = job.state === 'succeeded' ? ((await this.jobs.result(id, caller, 'sweep')).result as SweepResult) : null;
    return this.response(job, await this.pointCount(id, caller), result);
  }

  private async pointCount(id: string, caller: Principal): Promise<number> {
    return this.jobs.inputsOf<SweepSpec>(id, caller).then((spec) => (spec.search.mode === 'grid' ? sweepPointCount(spec.space) : spec.search.samples));
  }

  async csv(id: string, caller: Principal): Promise<string> {
    const { result } = await this.jobs.result(id, caller, 'sweep');
    return sweepToCsv(result as SweepResult);
  }
}
