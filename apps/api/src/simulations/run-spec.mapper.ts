import { HttpStatus, Injectable } from '@nestjs/common';
import {
  scenarioRunSize,
  type ScalingBounds,
  type ScenarioRunSpec,
  type ScenarioWorkload,
  type TrafficClassSpec,
} from '../../../../libs/autoscaler/src/index.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { columnsFromText, UPLOAD_FORMATS } from '../traces/trace-columns.js';
import { TracesService } from '../traces/traces.service.js';
import { toScenarioSpec } from '../what-if/scenario.mapper.js';
import { SIMULATION_LIMITS, type ScenarioRunDto } from './dto/simulation.dto.js';

/** The example classes: B2B TTFT p99 2 s / TPOT 80 ms; consumer looser; one B2B request in four. */
export const DEFAULT_CLASSES: readonly TrafficClassSpec[] = [
  { name: 'b2b', ttftSeconds: 2, tpotSeconds: 0.08, overloadPolicy: 'queue', weight: 1 },
  { name: 'consumer', ttftSeconds: 5, tpotSeconds: 0.15, overloadPolicy: 'queue', weight: 3 },
];
const DEFAULT_DURATION_SECONDS = 3600;
const DEFAULT_INTERVAL_SECONDS = 3600;
/** NVMe-class read of the weights into a new replica. */
const DEFAULT_STORAGE_BYTES_PER_SECOND = 2e9;
const DEFAULT_TARGET_ATTAINMENT = 0.99;

function limitExceeded(field: string, what: string, value: number, limit: number): ApiError {
  return new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.LimitExceeded, `${field}: ${what} ${Math.round(value)} is above the limit of ${limit}`, [
    { field, reason: `${Math.round(value)} exceeds the limit of ${limit}` },
  ]);
}

/** Request DTO → the library's run spec (stored traces loaded), checked against the caps before any job starts. */
@Injectable()
export class RunSpecMapper {
  constructor(private readonly traces: TracesService) {}

  async toRunSpec(dto: ScenarioRunDto): Promise<{ spec: ScenarioRunSpec; gpusPerReplica: number }> {
    const scenario = toScenarioSpec(dto.scenario);
    const w = dto.workload;
    const withDau = w.dailyActiveUsers === undefined ? scenario : { ...scenario, workload: { ...scenario.workload, dailyActiveUsers: w.dailyActiveUsers } };
    let workload: ScenarioWorkload;
    if (w.kind === 'synthetic') {
      workload = { kind: 'synthetic', arrival: w.arrival ?? 'poisson', durationSeconds: w.durationSeconds ?? DEFAULT_DURATION_SECONDS, startHour: w.startHour ?? 0 };
    } else if (w.traceId !== undefined) {
      const requests = await this.traces.columns(w.traceId).catch((error: unknown) => {
        throw error instanceof ApiError && error.status === HttpStatus.NOT_FOUND ? ApiError.invalidField('workload.traceId', `no stored trace ${w.traceId}`) : error;
      });
      workload = { kind: 'trace', requests };
    } else if (w.trace !== undefined) {
      workload = { kind: 'trace', requests: columnsFromText(UPLOAD_FORMATS[w.trace.format]!, w.trace.text) };
    } else {
      throw ApiError.invalidField('workload.traceId', 'give traceId (a stored trace) or trace (inline) for a trace workload');
    }
    const spec: ScenarioRunSpec = {
      scenario: withDau,
      classes: (dto.classes ?? DEFAULT_CLASSES).map((c) => ({ name: c.name, ttftSeconds: c.ttftSeconds, tpotSeconds: c.tpotSeconds, overloadPolicy: c.overloadPolicy ?? 'queue', weight: c.weight ?? 1 })),
      workload,
      intervalSeconds: dto.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS,
      router: dto.router ?? 'least-outstanding-tokens',
      seed: dto.seed ?? 1,
      storageBytesPerSecond: dto.storageBytesPerSecond ?? DEFAULT_STORAGE_BYTES_PER_SECOND,
      coldStartSeconds: dto.coldStartSeconds ?? null,
      targetAttainmentFraction: dto.targetAttainmentFraction ?? DEFAULT_TARGET_ATTAINMENT,
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
    const bounds = { minReplicas: b?.minReplicas ?? 1, maxReplicas: b?.maxReplicas ?? 1000, reservedReplicas: b?.reservedReplicas ?? 0 };
    if (bounds.minReplicas > bounds.maxReplicas) throw ApiError.invalidField('bounds.minReplicas', `must not exceed maxReplicas (${bounds.maxReplicas})`);
    if (bounds.reservedReplicas > bounds.maxReplicas) throw ApiError.invalidField('bounds.reservedReplicas', `must not exceed maxReplicas (${bounds.maxReplicas})`);
    return bounds;
  }
}
