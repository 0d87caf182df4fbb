import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsOptional, IsUUID, Matches, Max, Min, ValidateNested } from 'class-validator';
import { CURRENCIES, DEFAULT_EXCHANGE_RATE } from '../../../../../libs/cost/src/index.js';
import { EnumField, NestedField, NumberField, StringField } from '../../common/fields.js';
import { POLICY_KINDS } from '../../simulations/dto/simulation.dto.js';
import { QuantizationDto, ScenarioInputDto } from '../../what-if/dto/scenario-input.dto.js';

export const GROWTH_KINDS = ['linear', 'exponential', 'logistic'] as const;
/** Samples computed inside the request (N = 10 000 × 36 months ≈ 0.3–0.6 s on one core, bench:forecast); more run as a 'forecast' job. */
export const FORECAST_INLINE_MAX_SAMPLES = 20_000;
/** Largest N the API accepts (a job of ≈ 4 s at 36 months). */
export const FORECAST_MAX_SAMPLES = 100_000;
export const FORECAST_MAX_MONTHS = 60;
const DAU_MAX = 1e10;
const CNY_MAX = 1e13;

export class GrowthDto {
  @EnumField(GROWTH_KINDS, { description: 'Growth curve' })
  kind!: (typeof GROWTH_KINDS)[number];

  @NumberField({ min: 1, max: DAU_MAX, description: 'DAU at month 0', example: 100_000 })
  startDau!: number;

  @NumberField({ min: -1e9, max: 1e9, optional: true, description: 'linear: DAU added each month' })
  dauPerMonth?: number;

  @NumberField({ min: -0.99, max: 10, optional: true, description: 'exponential: growth per month (0.1 = 10 %)', example: 0.1 })
  monthlyGrowthFraction?: number;

  @NumberField({ min: 1, max: DAU_MAX, optional: true, description: 'logistic: the DAU ceiling (market size)' })
  ceilingDau?: number;

  @NumberField({ min: 0, max: 10, optional: true, description: 'logistic: rate r per month' })
  monthlyGrowthRate?: number;
}

export class DauHistoryDto {
  @ApiProperty({ type: [Number], minItems: 3, maxItems: 240, description: 'Monthly DAU, oldest first; the forecast continues from the last value' })
  @IsArray({ message: '$property must be an array' })
  @ArrayMinSize(3, { message: '$property needs at least 3 months' })
  @ArrayMaxSize(240, { message: '$property may hold at most 240 months' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true, message: '$property must hold finite numbers' })
  @Min(1, { each: true, message: '$property values must be at least 1' })
  @Max(DAU_MAX, { each: true, message: `$property values must be at most ${DAU_MAX}` })
  dau!: number[];

  @EnumField(GROWTH_KINDS, { description: 'Curve to fit by least squares (simple-statistics); R² is reported' })
  kind!: (typeof GROWTH_KINDS)[number];

  @NumberField({ min: 1, max: DAU_MAX, optional: true, description: 'logistic: fix the ceiling instead of searching for it' })
  ceilingDau?: number;
}

export class TokensPerUserDto {
  @NumberField({ min: 1, max: 100_000_000, optional: true, description: 'Mean tokens per user per day (lognormal mean; default 100 000)' })
  meanTokensPerUserPerDay?: number;

  @NumberField({ min: 0, max: 3, optional: true, description: 'Log-space σ of the uncertainty about the mean (default 0.3)' })
  uncertaintySigma?: number;

  @NumberField({ min: -0.5, max: 1, optional: true, description: 'Growth of tokens per user per month (default 0)' })
  monthlyGrowthFraction?: number;
}

export class HardwareStepDto {
  @NumberField({ min: 2, max: FORECAST_MAX_MONTHS, integer: true, description: 'First month on this hardware' })
  fromMonth!: number;

  @StringField({ max: 64, optional: true, description: 'Catalog GPU id from this month on' })
  gpuId?: string;

  @NestedField(() => QuantizationDto, { optional: true, description: 'Formats from this month on' })
  quantization?: QuantizationDto;

  @NumberField({ min: 1, max: 1024, integer: true, optional: true, description: 'GPUs per replica from this month on' })
  tensorParallelSize?: number;

  @NumberField({ min: 0, max: 1_000_000, integer: true, optional: true, description: 'Reserved (committed) GPUs from this month on' })
  reservedGpus?: number;

  @NumberField({ min: 0.01, max: 10_000, optional: true, description: 'Reserved GPU-hour price (CNY) from this month on' })
  reservedCnyPerGpuHour?: number;

  @NumberField({ min: 0.01, max: 10_000, optional: true, description: 'On-demand GPU-hour price (CNY) from this month on' })
  onDemandCnyPerGpuHour?: number;
}

export class PowerDto {
  @NumberField({ min: 1, max: 3, description: 'Power usage effectiveness of the data centre', example: 1.3 })
  pue!: number;

  @NumberField({ min: 0, max: 100, description: 'Electricity price, CNY per kWh', example: 0.6 })
  cnyPerKwh!: number;
}

export class UncertaintyDto {
  @NumberField({ min: 0, max: 3, optional: true, description: 'Log-space σ of the growth-rate multiplier (default 0.25)' })
  growthRateSigma?: number;

  @NumberField({ min: 0, max: 3, optional: true, description: 'Log-space σ of the GPU-hour price multiplier (default 0.1)' })
  gpuHourPriceSigma?: number;

  @NumberField({ min: 0, max: 3, optional: true, description: 'Log-space σ of the throughput (efficiency) multiplier (default 0.1)' })
  efficiencySigma?: number;
}

export class ExchangeRateDto {
  @NumberField({ min: 0.01, max: 1000, description: 'CNY per USD', example: 7.2 })
  cnyPerUsd!: number;

  @ApiProperty({ type: 'string', format: 'date', example: '2025-11-28', description: 'Date of the rate, YYYY-MM-DD' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '$property must be a date YYYY-MM-DD' })
  asOf!: string;

  @StringField({ max: 200, description: 'Where the rate comes from (e.g. "PBoC central parity")', example: 'PBoC central parity' })
  source!: string;
}

/**
 * The money scheme, for the OpenAPI document: every money figure in a result's `money` blocks is
 * `{ currency, amount }` with `amount` a decimal string, never a JSON number.
 */
export class MoneyDto {
  @ApiProperty({ enum: CURRENCIES, description: 'The forecast\'s requested currency' })
  currency!: string;

  @ApiProperty({
    type: 'string',
    example: '58608.00',
    description: 'Decimal string, rounded half-up once: amounts to the cent, unit costs (per user, per million tokens) to 1/100 cent. Computed in decimal (decimal.js): integer GPU-hours × prices, totals summed exactly before rounding; USD = CNY ÷ exchangeRate.cnyPerUsd.',
  })
  amount!: string;
}

export class CreateForecastDto {
  @StringField({ max: 200, optional: true, description: 'A label' })
  name?: string;

  @NestedField(() => ScenarioInputDto, { description: 'The what-if scenario of month 0 (its DAU and tokens per user are replaced month by month)' })
  scenario!: ScenarioInputDto;

  @NumberField({ min: 1, max: FORECAST_MAX_MONTHS, integer: true, description: 'Horizon in months', example: 36 })
  months!: number;

  @NestedField(() => GrowthDto, { optional: true, description: 'DAU growth curve; give this or history' })
  growth?: GrowthDto;

  @NestedField(() => DauHistoryDto, { optional: true, description: 'Monthly DAU history to fit; give this or growth' })
  history?: DauHistoryDto;

  @NestedField(() => TokensPerUserDto, { optional: true, description: 'Tokens per user per day' })
  tokensPerUser?: TokensPerUserDto;

  @ApiPropertyOptional({ type: () => [HardwareStepDto], maxItems: 12, description: 'Hardware roadmap, fromMonth increasing' })
  @IsOptional()
  @IsArray({ message: '$property must be an array' })
  @ArrayMaxSize(12, { message: '$property may hold at most 12 steps' })
  @ValidateNested({ each: true })
  @Type(() => HardwareStepDto)
  hardwareSteps?: HardwareStepDto[];

  @NestedField(() => PowerDto, { optional: true, description: 'Electricity cost (board power × PUE × price per kWh)' })
  power?: PowerDto;

  @NestedField(() => UncertaintyDto, { optional: true, description: 'Spread of the uncertain inputs' })
  uncertainty?: UncertaintyDto;

  @NumberField({ min: 1, max: FORECAST_MAX_SAMPLES, integer: true, description: `Monte Carlo samples; ≤ ${FORECAST_INLINE_MAX_SAMPLES} run inline (201), more as a job (202)`, example: 10_000 })
  samples!: number;

  @NumberField({ min: 0, max: 4_294_967_295, integer: true, optional: true, description: 'Seed (default 1): the same request and seed give the same forecast' })
  seed?: number;

  @ApiPropertyOptional({ type: [Number], maxItems: FORECAST_MAX_MONTHS, description: 'Monthly budget in CNY from month 1; a shorter series repeats its last value' })
  @IsOptional()
  @IsArray({ message: '$property must be an array' })
  @ArrayMinSize(1, { message: '$property needs at least 1 month' })
  @ArrayMaxSize(FORECAST_MAX_MONTHS, { message: `$property may hold at most ${FORECAST_MAX_MONTHS} months` })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true, message: '$property must hold finite numbers' })
  @Min(0, { each: true, message: '$property values must be at least 0' })
  @Max(CNY_MAX, { each: true, message: `$property values must be at most ${CNY_MAX}` })
  budgetCnyPerMonth?: number[];

  @EnumField(CURRENCIES, {
    optional: true,
    description:
      'Currency of the result\'s `money` blocks (default CNY): each money figure there is `{ currency, amount }` (see MoneyDto), amounts as decimal strings. The legacy *Cny number fields stay in CNY.',
  })
  currency?: (typeof CURRENCIES)[number];

  @NestedField(() => ExchangeRateDto, {
    optional: true,
    description: `Dated CNY-per-USD rate stored with the forecast. Default: ${DEFAULT_EXCHANGE_RATE.cnyPerUsd} as of ${DEFAULT_EXCHANGE_RATE.asOf} (${DEFAULT_EXCHANGE_RATE.source}). Must equal scenario.pricing.cnyPerUsd when that is given.`,
  })
  exchangeRate?: ExchangeRateDto;

  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description:
      'Calibration profile (POST /v1/calibrations): the scenario uses its fitted efficiency coefficients, and the Monte Carlo efficiency σ comes from its relative step-time residuals (unless uncertainty.efficiencySigma is given). Same as scenario.calibrationProfileId. Unknown id → 404',
  })
  calibrationProfileId?: string;

  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  @ApiPropertyOptional({
    type: 'string',
    format: 'uuid',
    description:
      'Finished autoscaling plan (POST /v1/autoscaling/plans): each month pays the policy\'s GPU-hours ÷ static-peak GPU-hours of the planned day × (peak GPUs × 24 h), instead of hour-by-hour replicas. Needs policy. Unknown id → 404; plan not finished → 409',
  })
  autoscalingPlanId?: string;

  @EnumField(POLICY_KINDS, { optional: true, description: 'Which of the plan\'s policies sets the GPU-hours (one the plan was run with); required with autoscalingPlanId' })
  policy?: (typeof POLICY_KINDS)[number];
}

export class SensitivityRequestDto {
  @NumberField({ min: 0.01, max: 0.9, optional: true, description: 'Swing of each input, ± fraction of its central value (default 0.2)' })
  swingFraction?: number;

  @NumberField({ min: 1, max: FORECAST_MAX_MONTHS, integer: true, optional: true, description: 'Month whose cost per user is reported (default the last)' })
  month?: number;
}

export class CompareForecastsDto {
  @ApiProperty({ format: 'uuid', description: 'Stored forecast A (the baseline)' })
  @IsUUID('all', { message: '$property must be a UUID' })
  aId!: string;

  @ApiProperty({ format: 'uuid', description: 'Stored forecast B' })
  @IsUUID('all', { message: '$property must be a UUID' })
  bId!: string;
}
