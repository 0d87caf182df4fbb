import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { efficiencyFromProfile, stepTimeUncertainty, type CalibrationFit, type MeasurementSet, type StepTimeUncertainty } from '../../../../libs/calibration/src/index.js';
import { modelPreset } from '../../../../simulator/src/presets/presets.js';
import { validateSweepPlan, type EngineSweepPlan } from '../../../../simulator/src/harness/sweep-plan.js';
import type { Principal } from '../auth/principal.js';
import { teamOf, teamWhere } from '../auth/team-scope.js';
import { ApiError } from '../common/api-error.js';
import { DEFAULT_PAGE_SIZE, type Page, type PageQueryDto } from '../common/pagination.js';
import { JobsService, type SubmitOptions } from '../jobs/jobs.service.js';
import { CalibrationProfileEntity } from './calibration-profile.entity.js';
import type { CalibrationRunInputs, CalibrationRunResult } from './calibration-run-handler.js';
import { fitUpload, parseUpload } from './calibration-upload.js';
import { RUN_DEFAULT_MAX_POINTS, RUN_DEFAULT_MAX_SECONDS, type RunCalibrationDto } from './dto/run-calibration.dto.js';
import { MIN_MEASUREMENTS } from '../../../../libs/calibration/src/index.js';

export interface CalibrationProfileResponse {
  readonly id: string;
  readonly name: string;
  readonly origin: string;
  readonly state: 'succeeded' | 'running' | 'failed';
  readonly createdAt: string;
  readonly engine: MeasurementSet['engine'] | null;
  readonly hardware: MeasurementSet['hardware'] | null;
  readonly model: MeasurementSet['model'] | null;
  readonly measurementCount: number;
  /** What a scenario referencing this profile uses (libs/capacity EfficiencyCoefficients). */
  readonly efficiency: Record<string, unknown> | null;
  readonly fit: Record<string, unknown> | null;
  readonly moeCheck: Record<string, unknown> | null;
  /** Relative spread of step times predicted with the profile (for Monte Carlo forecasts). */
  readonly uncertainty: StepTimeUncertainty | null;
  readonly originInputs: Record<string, unknown> | null;
  readonly failure: string | null;
  /** Only on GET /v1/calibrations/:id and the 201: the measurements themselves. */
  readonly measurements?: readonly unknown[];
  readonly links: Record<string, string>;
}

@Injectable()
export class CalibrationsService {
  constructor(
    @InjectRepository(CalibrationProfileEntity) private readonly profiles: Repository<CalibrationProfileEntity>,
    private readonly jobs: JobsService,
  ) {}

  /**
   * A bounded sweep of the reference engine on this server, as a 'calibration-run' job: the
   * profile row is stored first (so the job's coefficients can name it), state 'running' until the
   * job ends. Every bound is checked here, before anything is stored: 400 naming field, limit, value.
   */
  async run(dto: RunCalibrationDto, options: SubmitOptions, caller: Principal): Promise<CalibrationProfileResponse> {
    const plan = sweepPlanOf(dto);
    const maxSeconds = dto.maxSeconds ?? RUN_DEFAULT_MAX_SECONDS;
    const row = await this.profiles.save(
      this.profiles.create({ name: dto.name ?? '', origin: 'engine-run', originInputs: { plan, maxSeconds }, measurementSet: null, fit: null, moeCheck: null, efficiency: null, jobId: null, failure: null, team: teamOf(caller) }),
    );
    const inputs: CalibrationRunInputs = { profileId: row.id, plan, maxSeconds };
    try {
      const { job, created } = await this.jobs.submit('calibration-run', inputs as unknown as Record<string, unknown>, options, caller);
      if (!created) {
        // A repeated Idempotency-Key: the job exists already, and so does its profile.
        await this.profiles.delete({ id: row.id });
        const existing = await this.profiles.findOneBy({ jobId: job.id, ...teamWhere(caller) });
        if (existing) return toResponse(await this.synced(existing, caller), true);
      }
      row.jobId = job.id;
    } catch (error) {
      await this.profiles.delete({ id: row.id });
      throw error;
    }
    await this.profiles.save(row);
    return toResponse(row, true);
  }

  /** Copies a finished job's measurements and fit into the profile, once. */
  private async synced(row: CalibrationProfileEntity, caller: Principal): Promise<CalibrationProfileEntity> {
    if (row.jobId === null || row.efficiency !== null || row.failure !== null) return row;
    const job = await this.jobs.get(row.jobId, caller, 'calibration-run');
    if (job.state === 'succeeded') {
      const result = (await this.jobs.result(row.jobId, caller, 'calibration-run')).result as unknown as CalibrationRunResult;
      row.measurementSet = result.measurementSet as unknown as Record<string, unknown>;
      row.fit = result.fit as unknown as Record<string, unknown> | null;
      row.moeCheck = result.moeCheck as unknown as Record<string, unknown> | null;
      row.efficiency = result.efficiency as unknown as Record<string, unknown> | null;
      row.failure = result.failure;
      row.originInputs = { ...row.originInputs, skipped: result.skipped, stopped: result.stopped, elapsedSeconds: result.elapsedSeconds };
      await this.profiles.save(row);
    } else if (job.state === 'failed' || job.state === 'cancelled') {
      row.failure = job.state === 'failed' ? `engine run failed: ${job.error ?? 'unknown error'}` : 'engine run was cancelled';
      await this.profiles.save(row);
    }
    return row;
  }

  /** Parse (400 naming the field), fit (422 when it cannot run), store, return the whole profile. */
  async upload(body: unknown, caller: Principal): Promise<CalibrationProfileResponse> {
    const parsed = parseUpload(body);
    const fitted = fitUpload(parsed, parsed.origin === 'measurement-set' && (body as { format?: unknown }).format === 'measurement-set' ? 'measurementSet.' : '');
    const row = await this.profiles.save(
      this.profiles.create({
        name: parsed.name,
        origin: parsed.origin,
        originInputs: parsed.originInputs,
        measurementSet: parsed.set as unknown as Record<string, unknown>,
        fit: fitted.fit as unknown as Record<string, unknown>,
        moeCheck: fitted.moeCheck as unknown as Record<string, unknown>,
        efficiency: null,
        jobId: null,
        failure: null,
        team: teamOf(caller),
      }),
    );
    // The coefficients name the profile, so they are written once its id exists.
    row.efficiency = efficiencyFromProfile({ id: row.id, engine: parsed.set.engine, hardware: parsed.set.hardware, fit: fitted.fit }) as unknown as Record<string, unknown>;
    await this.profiles.save(row);
    return toResponse(row, true);
  }

  /** Team-scoped (auth/team-scope.ts): another team's profile is "not found" and not listed. */
  async get(id: string, caller: Principal): Promise<CalibrationProfileResponse> {
    const row = await this.profiles.findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('calibration profile', id);
    return toResponse(await this.synced(row, caller), true);
  }

  /** Newest first; items carry the fit summary without measurements or per-point residuals. */
  async list(query: PageQueryDto, caller: Principal): Promise<Page<CalibrationProfileResponse>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = query.offset ?? 0;
    const [rows, total] = await this.profiles.findAndCount({ where: teamWhere(caller), order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
    const synced = await Promise.all(rows.map((r) => this.synced(r, caller)));
    return { items: synced.map((r) => toResponse(r, false)), total, limit, offset };
  }
}

function toResponse(row: CalibrationProfileEntity, full: boolean): CalibrationProfileResponse {
  const set = row.measurementSet as unknown as MeasurementSet | null;
  const fit = row.fit as unknown as CalibrationFit | null;
  const created = row.createdAt instanceof Date ? row.createdAt.toISOString() : String(row.createdAt);
  const summary = fit && !full ? (({ residuals: _r, ...rest }) => rest)(fit) : fit;
  return {
    id: row.id,
    name: row.name,
    origin: row.origin,
    state: row.efficiency ? 'succeeded' : row.failure ? 'failed' : 'running',
    createdAt: created,
    engine: set?.engine ?? null,
    hardware: set?.hardware ?? null,
    model: set?.model ?? null,
    measurementCount: set?.measurements.length ?? 0,
    efficiency: row.efficiency,
    fit: summary as Record<string, unknown> | null,
    moeCheck: row.moeCheck,
    uncertainty: fit ? stepTimeUncertainty(fit) : null,
    originInputs: row.originInputs,
    failure: row.failure,
    ...(full ? { measurements: set?.measurements ?? [] } : {}),
    links: { self: `/v1/calibrations/${row.id}`, ...(row.jobId ? { job: `/v1/jobs/${row.jobId}` } : {}) },
  };
}

/** The engine plan of a run request, defaults filled, bounds beyond the DTO's checked (400 naming field, limit and value). */
export function sweepPlanOf(dto: RunCalibrationDto): EngineSweepPlan {
  const preset = dto.preset ?? 'tiny';
  const shape = modelPreset(preset);
  const plan: EngineSweepPlan = {
    model: preset,
    formats: dto.formats ?? ['int8'],
    int4GroupSize: 32,
    kvCacheFormat: dto.kvCacheFormat ?? 'fp32',
    decodeBatchSizes: dto.decodeBatchSizes ?? [1, 2, 4, 8, 16, 32, 64],
    contextTokens: dto.contextTokens ?? [128],
    prefillChunkTokens: dto.prefillChunkTokens ?? [32, 128],
    expertVariants: dto.expertVariants?.map((v) => ({ expertCount: v.expertCount, topK: v.topK })) ?? [{ expertCount: shape.expertCount, topK: shape.topK }],
    warmupSteps: dto.warmupSteps ?? 1,
    repeats: dto.repeats ?? 3,
    threads: dto.threads ?? 1,
    backend: dto.backend ?? 'auto',
    seed: 20240301,
    maxKvCacheBytes: 2 * 1024 ** 3,
  };
  plan.expertVariants.forEach((v, i) => {
    if (v.topK > v.expertCount) throw ApiError.invalidField(`expertVariants[${i}].topK`, `must not exceed expertCount (${v.expertCount}), got ${v.topK}`);
  });
  // The engine's own groups: the first variant in every format, the others in the first format.
  const groups = plan.formats.length + (plan.expertVariants.length - 1);
  const points = groups * (plan.decodeBatchSizes.length * plan.contextTokens.length + plan.prefillChunkTokens.length);
  const maxPoints = dto.maxPoints ?? RUN_DEFAULT_MAX_POINTS;
  if (points > maxPoints) {
    throw ApiError.invalidField('maxPoints', `the plan measures ${points} points (${groups} format/expert groups × ${plan.decodeBatchSizes.length} batches × ${plan.contextTokens.length} contexts + ${plan.prefillChunkTokens.length} prefill chunks), above maxPoints = ${maxPoints}`);
  }
  if (points < MIN_MEASUREMENTS) {
    throw ApiError.invalidField('decodeBatchSizes', `the plan measures ${points} points; a fit needs at least ${MIN_MEASUREMENTS}`);
  }
  try {
    return validateSweepPlan(plan);
  } catch (error) {
    if (error instanceof RangeError) {
      const match = /^plan\.([A-Za-z0-9_.[\]]+): (.+)$/s.exec(error.message);
      if (match) throw ApiError.invalidField(match[1]!, match[2]!);
    }
    throw error;
  }
}
