import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { EnumField, NestedField, NumberField, StringField } from '../../common/fields.js';
import { ScenarioInputDto } from '../../what-if/dto/scenario-input.dto.js';

export const POLICY_KINDS = ['static-peak', 'hpa', 'kpa', 'predictive', 'slo-driven'] as const;
export const ROUTER_KINDS = ['least-outstanding-tokens', 'round-robin', 'kv-aware'] as const;
export const OVERLOAD_POLICY_KINDS = ['queue', 'preempt', 'reject'] as const;
export const TRACE_UPLOAD_FORMATS = ['azure', 'mooncake', 'burstgpt'] as const;

/** Caps per simulation (and per plan): a request above one gets a 400 naming the limit and the value. */
export const SIMULATION_LIMITS = {
  maxDurationSeconds: 86_400,
  maxRequests: 2_000_000,
  maxEvents: 400_000_000,
  maxInlineTraceBytes: 1_000_000,
} as const;

export class TrafficClassDto {
  @StringField({ max: 64, description: 'Class name (index 0 of the list = highest priority)', example: 'b2b' })
  name!: string;

  @NumberField({ min: 0.001, max: 3600, description: 'TTFT a request must meet to count toward goodput (seconds)' })
  ttftSeconds!: number;

  @NumberField({ min: 0.0001, max: 60, description: 'Mean time per output token a request must meet (seconds)' })
  tpotSeconds!: number;

  @EnumField(OVERLOAD_POLICY_KINDS, { optional: true, description: 'What the class does when the fleet is full (default queue)' })
  overloadPolicy?: (typeof OVERLOAD_POLICY_KINDS)[number];

  @NumberField({ min: 0, max: 1e6, optional: true, description: 'Relative share of requests (default 1)' })
  weight?: number;
}

export class InlineTraceDto {
  @EnumField(TRACE_UPLOAD_FORMATS, { description: 'Trace format' })
  format!: (typeof TRACE_UPLOAD_FORMATS)[number];

  @StringField({ max: SIMULATION_LIMITS.maxInlineTraceBytes, description: 'The trace file as text (small traces; upload larger ones to POST /v1/traces)' })
  text!: string;
}

export class SimulationWorkloadDto {
  @EnumField(['synthetic', 'trace'], { description: 'synthetic: arrivals at the scenario DAU × diurnal profile; trace: a stored or inline trace' })
  kind!: 'synthetic' | 'trace';

  @NumberField({ min: 1, max: 10_000_000_000, integer: true, optional: true, description: 'Overrides scenario.workload.dailyActiveUsers' })
  dailyActiveUsers?: number;

  @EnumField(['poisson', 'bursty'], { optional: true, description: 'Arrival process of synthetic traffic (default poisson); bursty = 3× for 10 s of every minute, same mean' })
  arrival?: 'poisson' | 'bursty';

  @NumberField({ min: 1, max: 1e9, optional: true, description: 'Simulated seconds of synthetic traffic (default 3600)' })
  durationSeconds?: number;

  @NumberField({ min: 0, max: 23, integer: true, optional: true, description: 'Hour of the diurnal profile the synthetic traffic starts at (default 0)' })
  startHour?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'A stored trace (POST /v1/traces)' })
  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  traceId?: string;

  @NestedField(() => InlineTraceDto, { optional: true, description: 'A small trace given inline' })
  trace?: InlineTraceDto;
}

export class ScalingBoundsDto {
  @NumberField({ min: 0, max: 100_000, integer: true, optional: true, description: 'Fewest replicas (default 1)' })
  minReplicas?: number;

  @NumberField({ min: 1, max: 100_000, integer: true, optional: true, description: 'Most replicas (default 1000)' })
  maxReplicas?: number;

  @NumberField({ min: 0, max: 100_000, integer: true, optional: true, description: 'Replicas reserved (paid) around the clock; the fleet never goes below them (default 0)' })
  reservedReplicas?: number;
}

/** What simulations and plans share: the scenario, its traffic, its classes and the simulator knobs. */
export class ScenarioRunDto {
  @StringField({ max: 200, optional: true, description: 'A label' })
  name?: string;

  @NestedField(() => ScenarioInputDto, { description: 'The scenario, as for POST /v1/what-if' })
  scenario!: ScenarioInputDto;

  @NestedField(() => SimulationWorkloadDto, { description: 'Where requests come from' })
  workload!: SimulationWorkloadDto;

  @ApiPropertyOptional({ type: () => [TrafficClassDto], maxItems: 8, description: 'Priority classes, highest first (default b2b TTFT 2 s / TPOT 80 ms, consumer 5 s / 150 ms, 1 : 3)' })
  @IsOptional()
  @IsArray({ message: '$property must be an array' })
  @ArrayMinSize(1, { message: '$property must name at least one class' })
  @ArrayMaxSize(8, { message: '$property may hold at most 8 classes' })
  @ValidateNested({ each: true })
  @Type(() => TrafficClassDto)
  classes?: TrafficClassDto[];

  @NumberField({ min: 1, max: 86_400, optional: true, description: 'Planning interval in seconds (default 3600)' })
  intervalSeconds?: number;

  @EnumField(ROUTER_KINDS, { optional: true, description: 'Router across replicas (default least-outstanding-tokens)' })
  router?: (typeof ROUTER_KINDS)[number];

  @NumberField({ min: 0, max: 2 ** 31 - 1, integer: true, optional: true, description: 'Seed of every random draw (default 1)' })
  seed?: number;

  @NumberField({ min: 1e6, max: 1e13, optional: true, description: 'Storage read bandwidth of a new replica, bytes/s (cold start = weight bytes / this; default 2e9)' })
  storageBytesPerSecond?: number;

  @NumberField({ min: 0, max: 86_400, optional: true, description: 'Overrides the cold start (scale-up delay) in seconds' })
  coldStartSeconds?: number;

  @NumberField({ min: 0.5, max: 0.9999, optional: true, description: 'SLO attainment the SLO-driven policy must reach per class (default 0.99)' })
  targetAttainmentFraction?: number;

  @NestedField(() => ScalingBoundsDto, { optional: true, description: 'Replica bounds and reserved baseline of policies' })
  bounds?: ScalingBoundsDto;
}

export class CreateSimulationDto extends ScenarioRunDto {
  @NumberField({ min: 1, max: 10_000, integer: true, optional: true, description: 'A fixed fleet of this many replicas; give this or policy' })
  replicas?: number;

  @EnumField(POLICY_KINDS, { optional: true, description: 'Let a scaling policy size the fleet (its plan is replayed); give this or replicas' })
  policy?: (typeof POLICY_KINDS)[number];
}

export class CreatePlanDto extends ScenarioRunDto {
  @ApiPropertyOptional({ enum: POLICY_KINDS, isArray: true, description: 'Policies to plan and compare (default all five; static-peak is always the baseline)' })
  @IsOptional()
  @IsArray({ message: '$property must be an array' })
  @ArrayMinSize(1, { message: '$property must name at least one policy' })
  @ArrayMaxSize(5, { message: '$property may hold at most 5 policies' })
  @IsIn(POLICY_KINDS as unknown as string[], { each: true, message: `$property must hold only: ${POLICY_KINDS.join(', ')}` })
  policies?: (typeof POLICY_KINDS)[number][];
}
