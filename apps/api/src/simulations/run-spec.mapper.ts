import { HttpStatus, Injectable } from '@nestjs/common';
import {
  RUN_SPEC_DEFAULTS,
  scenarioRunSize,
  type ScalingBounds,
  type ScenarioRunSpec,
  type ScenarioWorkload,
} from '../../../../libs/autoscaler/src/index.js';
import type { Principal } from '../auth/principal.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { columnsFromText, UPLOAD_FORMATS } from '../traces/trace-columns.js';
import { TracesService } from '../traces/traces.service.js';
import { toScenarioSpec } from '../what-if/scenario.mapper.js';
import { SIMULATION_LIMITS, type ScenarioRunDto } from './dto/simulation.dto.js';

const D = RUN_SPEC_DEFAULTS;

function limitExceeded(field: string, what: string, value: number, limit: number): ApiError {
  return new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.LimitExceeded, `${field}: ${what} ${Math.round(value)} is above the limit of ${limit}`, [
    { field, reason: `${Math.round(value)} exceeds the limit of ${limit}` },
  ]);
}

/** Request DTO → the library's run spec (stored traces loaded), checked against the caps before any job starts. */
@Injectable()
export class RunSpecMapper {
  constructor(private readonly traces: TracesService) {}

  /** A stored trace of another team is answered exactly like one that does not exist (auth/team-scope.ts). */
  async toRunSpec(dto: ScenarioRunDto, caller: Principal): Promise<{ spec: ScenarioRunSpec; gpusPerReplica: number }> {
    const scenario = toScenarioSpec(dto.scenario);
    const w = dto.workload;
    const withDau = w.dailyActiveUsers === undefined ? scenario : { ...scenario, workload: { ...scenario.workload, dailyActiveUsers: w.dailyActiveUsers } };
    let workload: ScenarioWorkload;
    if (w.kind === 'synthetic') {
      workload = { kind: 'synthetic', arrival: w.arrival ?? D.arrival, durationSeconds: w.durationSeconds ?? D.durationSeconds, startHour: w.startHour ?? D.startHour };
    } else if (w.traceId !== undefined) {
      // 404 naming the field, like the other references (calibrationProfileId, autoscalingPlanId); another team's trace is the same answer.
      const requests = await this.traces.columns(w.traceId, caller).catch((error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== HttpStatus.NOT_FOUND) throw error;
        throw new ApiError(HttpStatus.NOT_FOUND, ErrorCode.NotFound, `trace ${w.traceId} not found`, [{ field: 'workload.traceId', reason: `no stored trace ${w.traceId}` }]);
      });
      workload = { kind: 'trace', requests };
    } else if (w.trace !== undefined) {
      workload = { kind: 'trace', requests: columnsFromText(UPLOAD_FORMATS[w.trace.format]!, w.trace.text) };
    } else {
      throw ApiError.invalidField('workload.traceId', 'give traceId (a stored trace) or trace (inline) for a trace workload');
    }
    const spec: ScenarioRunSpec = {
      scenario: withDau,
      classes: (dto.classes ?? D.classes).map((c) => ({ name: c.name, ttftSeconds: c.ttftSeconds, tpotSeconds: c.tpotSeconds, overloadPolicy: c.overloadPolicy ?? D.overloadPolicy, weight: c.weight ?? D.classWeight })),
      workload,
      intervalSeconds: dto.intervalSeconds ?? D.intervalSeconds,
      router: dto.router ?? D.router,
      seed: dto.seed ?? D.seed,
      storageBytesPerSecond: dto.storageBytesPerSecond ?? D.storageBytesPerSecond,
      coldStartSeconds: dto.coldStartSeconds ?? null,
      targetAttainmentFraction: dto.targetAttainmentFraction ?? D.targetAttainmentFraction,
    };
    if (spec.classes.every((c) => c.weight === 0)) throw ApiError.invalidField('classes', 'at least one class needs a weight above 0');
    const size = scenarioRunSize(spec);
    const field = w.kind === 'synthetic' ? 'workload.durationSeconds' : 'workload.trace';
    // The duration asked for (a trace's: its last arrival), not the horizon rounded up to whole intervals.
    const durationSeconds = workload.kind === 'synthetic' ? workload.durationSeconds : workload.requests.arrivalSeconds[workload.requests.arrivalSeconds.length - 1]!;
    if (durationSeconds > SIMULATION_LIMITS.maxDurationSeconds) throw limitExceeded(field, 'simulated duration (s)', durationSeconds, SIMULATION_LIMITS.maxDurationSeconds);
    if (size.requests > SIMULATION_LIMITS.maxRequests) throw limitExceeded('workload', 'requests', size.requests, SIMULATION_LIMITS.maxRequests);
    if (size.eventsUpperBound > SIMULATION_LIMITS.maxEvents) throw limitExceeded('workload', 'events (upper bound)', size.eventsUpperBound, SIMULATION_LIMITS.maxEvents);
    return { spec, gpusPerReplica: size.gpusPerReplica };
  }

  bounds(dto: ScenarioRunDto): ScalingBounds {
    const b = dto.bounds;
    const bounds = { minReplicas: b?.minReplicas ?? D.bounds.minReplicas, maxReplicas: b?.maxReplicas ?? D.bounds.maxReplicas, reservedReplicas: b?.reservedReplicas ?? D.bounds.reservedReplicas };
    if (bounds.minReplicas > bounds.maxReplicas) throw ApiError.invalidField('bounds.minReplicas', `must not exceed maxReplicas (${bounds.maxReplicas})`);
    if (bounds.reservedReplicas > bounds.maxReplicas) throw ApiError.invalidField('bounds.reservedReplicas', `must not exceed maxReplicas (${bounds.maxReplicas})`);
    return bounds;
  }
}
