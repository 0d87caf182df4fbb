import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { EnumField, NumberField, StringField } from '../../common/fields.js';

/**
 * Bounds of a server-side engine sweep (POST /v1/calibrations/run). The sweep runs on the API's
 * own CPUs, beside everything else the server does, so it is kept small: the small presets, a
 * point budget, a wall-clock budget. Each bound is a 400 naming the field, the limit and the value.
 */
export const RUN_PRESETS = ['tiny', 'bench'] as const;
export const RUN_FORMATS = ['fp32', 'bf16', 'int8', 'int4'] as const;
export const RUN_MAX_POINTS = 200;
export const RUN_DEFAULT_MAX_POINTS = 64;
export const RUN_MAX_SECONDS = 300;
export const RUN_DEFAULT_MAX_SECONDS = 120;
export const RUN_MAX_DECODE_BATCH = 256;
export const RUN_MAX_CONTEXT_TOKENS = 4096;
export const RUN_MAX_PREFILL_CHUNK_TOKENS = 1024;

function IntegerList(o: { field: string; min: number; max: number; minItems: number; maxItems: number; description: string }): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value) => value !== undefined),
    IsArray({ message: `${o.field} must be an array of integers` }),
    ArrayMinSize(o.minItems, { message: `${o.field} must have at least ${o.minItems} value(s)` }),
    ArrayMaxSize(o.maxItems, { message: `${o.field} must have at most ${o.maxItems} values` }),
    IsInt({ each: true, message: `${o.field} must contain integers` }),
    Min(o.min, { each: true, message: `${o.field} values must be at least ${o.min}` }),
    Max(o.max, { each: true, message: `${o.field} values must be at most ${o.max}` }),
    ApiPropertyOptional({ type: [Number], minItems: o.minItems, maxItems: o.maxItems, description: o.description }),
  );
}

export class ExpertVariantDto {
  @NumberField({ min: 1, max: 64, integer: true, description: 'Routed experts per layer' })
  expertCount!: number;

  @NumberField({ min: 1, max: 8, integer: true, description: 'Experts per token (top-k), at most expertCount' })
  topK!: number;
}

export class RunCalibrationDto {
  @StringField({ max: 200, optional: true, description: 'Name of the profile' })
  name?: string;

  @EnumField(RUN_PRESETS, { optional: true, description: 'Model shape preset of the reference engine (default tiny)' })
  preset?: (typeof RUN_PRESETS)[number];

  @ValidateIf((_object, value) => value !== undefined)
  @IsArray({ message: 'formats must be an array' })
  @ArrayMinSize(1, { message: 'formats must name at least 1 format' })
  @ArrayMaxSize(RUN_FORMATS.length, { message: `formats must have at most ${RUN_FORMATS.length} values` })
  @IsIn(RUN_FORMATS as unknown as string[], { each: true, message: `formats must contain only ${RUN_FORMATS.join(', ')}` })
  @ApiPropertyOptional({ enum: RUN_FORMATS, isArray: true, description: 'Weight formats (default ["int8"])' })
  formats?: Array<(typeof RUN_FORMATS)[number]>;

  @IntegerList({ field: 'decodeBatchSizes', min: 1, max: RUN_MAX_DECODE_BATCH, minItems: 0, maxItems: 12, description: 'Decode batch sizes (default 1, 2, 4, 8, 16, 32, 64)' })
  decodeBatchSizes?: number[];

  @IntegerList({ field: 'contextTokens', min: 0, max: RUN_MAX_CONTEXT_TOKENS, minItems: 1, maxItems: 4, description: 'Decode contexts, tokens already cached (default 128)' })
  contextTokens?: number[];

  @IntegerList({ field: 'prefillChunkTokens', min: 1, max: RUN_MAX_PREFILL_CHUNK_TOKENS, minItems: 0, maxItems: 4, description: 'Prefill chunk sizes, tokens (default 32, 128)' })
  prefillChunkTokens?: number[];

  @ValidateIf((_object, value) => value !== undefined)
  @IsArray({ message: 'expertVariants must be an array' })
  @ArrayMinSize(1, { message: 'expertVariants must have at least 1 value' })
  @ArrayMaxSize(3, { message: 'expertVariants must have at most 3 values' })
  @ValidateNested({ each: true })
  @Type(() => ExpertVariantDto)
  @ApiPropertyOptional({ type: () => [ExpertVariantDto], description: 'Experts × top-k to run (default: the preset’s own); the first in every format, the rest in the first format' })
  expertVariants?: ExpertVariantDto[];

  @NumberField({ min: 1, max: 10, integer: true, optional: true, description: 'Timed repeats per point; the median is kept (default 3)' })
  repeats?: number;

  @NumberField({ min: 0, max: 5, integer: true, optional: true, description: 'Warm-up steps per point (default 1)' })
  warmupSteps?: number;

  @NumberField({ min: 1, max: 2, integer: true, optional: true, description: 'Kernel threads (default 1)' })
  threads?: number;

  @EnumField(['auto', 'native', 'reference'], { optional: true, description: 'Kernel backend (default auto: native where it built, else the portable reference)' })
  backend?: 'auto' | 'native' | 'reference';

  @EnumField(['fp32', 'int8'], { optional: true, description: 'KV cache format (default fp32)' })
  kvCacheFormat?: 'fp32' | 'int8';

  @NumberField({ min: 6, max: RUN_MAX_POINTS, integer: true, optional: true, description: `Most points the sweep may measure (default ${RUN_DEFAULT_MAX_POINTS}); a plan with more is refused` })
  maxPoints?: number;

  @NumberField({ min: 1, max: RUN_MAX_SECONDS, integer: true, optional: true, description: `Wall-clock budget, seconds (default ${RUN_DEFAULT_MAX_SECONDS}); the sweep stops between points once spent and fits what it measured` })
  maxSeconds?: number;
}
