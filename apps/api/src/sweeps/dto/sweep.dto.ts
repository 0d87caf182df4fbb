import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsNumber, IsOptional, IsString, Length, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { applyDecorators } from '@nestjs/common';
import { EnumField, NestedField, NumberField } from '../../common/fields.js';
import { QuantizationDto, ScenarioInputDto } from '../../what-if/dto/scenario-input.dto.js';
import { JobResponseDto } from '../../jobs/dto/job.dto.js';

/** An optional list of 1..maxItems values: the values one axis of the sweep tries. */
function AxisField(maxItems: number, description: string, each: PropertyDecorator[], items: Record<string, unknown>): PropertyDecorator {
  return applyDecorators(
    // Not IsOptional(): that lets null through too, and a null axis reached the grid code as a 500 (found by test/fuzz.e2e-spec.ts).
    ValidateIf((_object, value) => value !== undefined),
    IsArray({ message: '$property must be an array' }),
    ArrayMinSize(1, { message: '$property must list at least one value' }),
    ArrayMaxSize(maxItems, { message: `$property must list at most ${maxItems} values` }),
    ...each,
    ApiPropertyOptional({ type: 'array', items, minItems: 1, maxItems, description }),
  );
}

export class SweepParametersDto {
  @AxisField(16, 'Catalog GPU ids to try (replaces the base gpuId / customGpu)', [IsString({ each: true, message: 'each $property value must be a string' }), Length(1, 64, { each: true, message: 'each $property value must be 1 to 64 characters' })], { type: 'string' })
  gpuIds?: string[];

  @ApiPropertyOptional({ type: [QuantizationDto], minItems: 1, maxItems: 16, description: 'Weight / expert / KV-cache format combinations to try' })
  @IsOptional()
  @IsArray({ message: '$property must be an array' })
  @ArrayMinSize(1, { message: '$property must list at least one value' })
  @ArrayMaxSize(16, { message: '$property must list at most 16 values' })
  @ValidateNested({ each: true })
  @Type(() => QuantizationDto)
  quantizations?: QuantizationDto[];

  @AxisField(16, 'GPUs per replica (tensor-parallel degree; with expertParallel also the EP degree)', [IsInt({ each: true, message: 'each $property value must be an integer' }), Min(1, { each: true, message: 'each $property value must be at least 1' }), Max(1024, { each: true, message: 'each $property value must be at most 1024' })], { type: 'integer', minimum: 1, maximum: 1024 })
  tensorParallelSizes?: number[];

  @AxisField(2, 'Expert parallelism off / on', [IsBoolean({ each: true, message: 'each $property value must be true or false' })], { type: 'boolean' })
  expertParallel?: boolean[];

  @AxisField(32, 'Scheduler caps on sequences per decode batch', [IsInt({ each: true, message: 'each $property value must be an integer' }), Min(1, { each: true, message: 'each $property value must be at least 1' }), Max(65536, { each: true, message: 'each $property value must be at most 65536' })], { type: 'integer', minimum: 1, maximum: 65536 })
  maxBatchSequences?: number[];

  @AxisField(32, 'Replicas policy: fleet busy fractions to plan for (headroom = 1 − value)', [IsNumber({ allowNaN: false, allowInfinity: false }, { each: true, message: 'each $property value must be a finite number' }), Min(0.05, { each: true, message: 'each $property value must be at least 0.05' }), Max(1, { each: true, message: 'each $property value must be at most 1' })], { type: 'number', minimum: 0.05, maximum: 1 })
  targetUtilizationFractions?: number[];
}

export class SweepSearchDto {
  @EnumField(['grid', 'random'], { description: 'grid: every combination; random: `samples` distinct combinations drawn with `seed`' })
  mode!: 'grid' | 'random';

  @NumberField({ min: 1, max: 1_000_000, integer: true, optional: true, description: 'Combinations to draw (random; required there)' })
  samples?: number;

  @NumberField({ min: 0, max: 4_294_967_295, integer: true, optional: true, description: 'Seed of the draw (random; default 1): same seed, same points' })
  seed?: number;
}

export class CreateSweepDto {
  @NestedField(() => ScenarioInputDto, { description: 'The scenario every point starts from (same schema as POST /v1/what-if); slo.ttftSeconds and slo.tpotSeconds are required: points are ranked by SLO headroom' })
  base!: ScenarioInputDto;

  @NestedField(() => SweepParametersDto, { description: 'Values to try per parameter; absent parameters keep the base value' })
  parameters!: SweepParametersDto;

  @NestedField(() => SweepSearchDto, { optional: true, description: 'Grid (default) or seeded random search' })
  search?: SweepSearchDto;

  @NumberField({ min: 1, max: 1000, integer: true, optional: true, description: 'Points per chunk, the unit workers take and retry (default 25)' })
  pointsPerChunk?: number;
}

export class SweepSummaryDto {
  @ApiProperty() pointCount!: number;
  @ApiProperty() evaluatedCount!: number;
  @ApiProperty() feasibleCount!: number;
  @ApiProperty() invalidCount!: number;
  @ApiProperty({ description: 'SLO-feasible points that no other feasible point beats on both cost (lower) and SLO headroom (higher), cheapest first' })
  paretoFront!: unknown[];
}

export class SweepResponseDto {
  @ApiProperty({ description: 'The sweep id, which is also its job id' }) id!: string;
  @ApiProperty({ description: 'Scenario evaluations the sweep runs' }) pointCount!: number;
  @ApiProperty({ type: JobResponseDto }) job!: JobResponseDto;
  @ApiPropertyOptional({ type: SweepSummaryDto, nullable: true, description: 'Present once the sweep succeeded' }) summary!: SweepSummaryDto | null;
  @ApiProperty({ example: { self: '/v1/sweeps/…', job: '/v1/jobs/…', csv: '/v1/sweeps/…/points.csv' } }) links!: Record<string, string>;
}
