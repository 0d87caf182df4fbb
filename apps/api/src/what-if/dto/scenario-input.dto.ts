import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNumber, IsOptional, IsUUID, Max, Min, ValidateIf } from 'class-validator';
import type { KvCacheFormatId, WeightFormatId } from '../../../../../libs/catalog/src/index.js';
import { EFFICIENCY_PRESETS, type EfficiencyPreset } from '../../../../../libs/cost/src/index.js';
import { BooleanField, EnumField, NestedField, NumberField, StringField } from '../../common/fields.js';

export const WEIGHT_FORMAT_IDS = ['bf16', 'fp8', 'int8-w8a8', 'int8-w8a16', 'int4-w4a16', 'fp4'] as const satisfies readonly WeightFormatId[];
export const KV_CACHE_FORMAT_IDS = ['bf16', 'fp8', 'int8'] as const satisfies readonly KvCacheFormatId[];

const BYTES_MAX = 1e13; // 10 TB: far above any single GPU or replica today
const OPS_MAX = 1e17; // 100 PFLOP/s per GPU

export class QuantizationDto {
  @EnumField(WEIGHT_FORMAT_IDS, { description: 'Format of attention, dense FFN, shared experts, embeddings and LM head' })
  weights!: WeightFormatId;

  @EnumField(WEIGHT_FORMAT_IDS, { optional: true, description: 'Format of the routed experts (defaults to `weights`)' })
  experts?: WeightFormatId;

  @EnumField(KV_CACHE_FORMAT_IDS, { description: 'KV-cache element format' })
  kvCache!: KvCacheFormatId;
}

export class DeploymentDto {
  @NumberField({ min: 1, max: 1024, integer: true, optional: true, description: 'GPUs per replica (tensor-parallel degree); absent = smallest power of two that holds the weights with KV room' })
  tensorParallelSize?: number;

  @BooleanField({ optional: true, description: 'Partition routed experts across the replica GPUs (expert parallelism) instead of sharding each expert' })
  expertParallel?: boolean;

  @BooleanField({
    optional: true,
    description:
      'Data-parallel attention inside the replica (TensorRT-LLM enable_attention_dp, SGLang --enable-dp-attention): each GPU keeps attention, dense layers and its own sequences’ KV; only the routed experts are sharded. Default false',
  })
  attentionDataParallel?: boolean;

  @NumberField({ min: 0.1, max: 1, optional: true, description: 'Fraction of HBM the engine may use (vLLM gpu_memory_utilization)' })
  usableHbmFraction?: number;

  @NumberField({ min: 0, max: 1e12, optional: true, description: 'Bytes per GPU kept for activations, workspace, CUDA context and NCCL' })
  reservedBytesPerGpu?: number;

  @NumberField({ min: 1, max: 65536, integer: true, optional: true, description: 'Scheduler cap on sequences per decode batch' })
  maxBatchSequences?: number;

  @NumberField({ min: 16, max: 1_048_576, integer: true, optional: true, description: 'Chunked-prefill token budget per step' })
  prefillChunkTokens?: number;

  @NumberField({ min: 0.05, max: 1, optional: true, description: 'Fleet busy fraction to plan for (headroom = 1 − this)' })
  targetUtilizationFraction?: number;
}

export class RequestSizesDto {
  @NumberField({ min: 1, max: 10_000_000, description: 'Mean prompt tokens per request' })
  meanPromptTokens!: number;

  @NumberField({ min: 0, max: 10, description: 'Coefficient of variation (std / mean) of prompt tokens' })
  promptTokensCv!: number;

  @NumberField({ min: 1, max: 1_000_000, description: 'Mean output tokens per request' })
  meanOutputTokens!: number;

  @NumberField({ min: 0, max: 10, description: 'Coefficient of variation of output tokens' })
  outputTokensCv!: number;
}

export class WorkloadDto {
  @NumberField({ min: 1, max: 10_000_000_000, integer: true, optional: true, description: 'Daily active users', example: 1_000_000 })
  dailyActiveUsers?: number;

  @NumberField({ min: 0, max: 100_000_000, optional: true, description: 'Prompt + output tokens per active user per day (source report: about 100 000); at most 10^8, over 1 000 tokens a second all day', example: 100_000 })
  tokensPerUserPerDay?: number;

  @NumberField({ min: 0, max: 0.99, optional: true, description: 'Fraction of prompt tokens served from the prefix cache' })
  prefixCacheHitFraction?: number;

  @ApiPropertyOptional({ type: [Number], minItems: 24, maxItems: 24, description: '24 relative hourly weights (hour 0..23), at least one positive' })
  @ValidateIf((o: WorkloadDto) => o.diurnalProfile !== undefined)
  @IsArray({ message: 'diurnalProfile must be an array of 24 numbers' })
  @ArrayMinSize(24, { message: 'diurnalProfile must have exactly 24 hourly weights' })
  @ArrayMaxSize(24, { message: 'diurnalProfile must have exactly 24 hourly weights' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { each: true, message: 'diurnalProfile must contain finite numbers' })
  @Min(0, { each: true, message: 'diurnalProfile weights must be at least 0' })
  @Max(1e6, { each: true, message: 'diurnalProfile weights must be at most 1000000' })
  diurnalProfile?: number[];

  @NestedField(() => RequestSizesDto, { optional: true, description: 'Request size distribution' })
  requestSizes?: RequestSizesDto;
}

export class SloDto {
  @NumberField({ min: 0.001, max: 3600, optional: true, description: 'Time-to-first-token target, seconds' })
  ttftSeconds?: number;

  @NumberField({ min: 0.0001, max: 10, optional: true, description: 'Time-per-output-token target, seconds' })
  tpotSeconds?: number;
}

export class PricingDto {
  @NumberField({ min: 0, max: 100_000, optional: true, description: 'CNY per reserved GPU-hour (default: catalog price)' })
  reservedCnyPerGpuHour?: number;

  @NumberField({ min: 0, max: 100_000, optional: true, description: 'CNY per on-demand GPU-hour above the reserved baseline' })
  onDemandCnyPerGpuHour?: number;

  @NumberField({ min: 0, max: 100_000, integer: true, optional: true, description: 'GPUs reserved around the clock' })
  reservedGpus?: number;

  @NumberField({ min: 0.01, max: 1000, optional: true, description: 'Exchange rate, CNY per USD' })
  cnyPerUsd?: number;

  @NumberField({ min: 0, max: 1_000_000, optional: true, description: 'List price, CNY per million input tokens' })
  listPriceCnyPerMillionInputTokens?: number;

  @NumberField({ min: 0, max: 1_000_000, optional: true, description: 'List price, CNY per million output tokens' })
  listPriceCnyPerMillionOutputTokens?: number;
}

export class EfficiencyDto {
  @NumberField({ min: 0.01, max: 1, optional: true, description: 'η_compute: achieved fraction of dense tensor-core peak' })
  computeEfficiencyFraction?: number;

  @NumberField({ min: 0.01, max: 1, optional: true, description: 'η_memory: achieved fraction of HBM bandwidth' })
  memoryEfficiencyFraction?: number;

  @NumberField({ min: 0.01, max: 1, optional: true, description: 'Achieved fraction of interconnect bandwidth in collectives' })
  interconnectEfficiencyFraction?: number;

  @NumberField({ min: 0, max: 1, optional: true, description: 'Fixed overhead per engine step, seconds' })
  stepOverheadSeconds?: number;
}

export class PeakOpsDto {
  @NumberField({ min: 1e9, max: OPS_MAX, description: 'Dense BF16 tensor FLOP/s' })
  bf16!: number;

  @NumberField({ min: 1e9, max: OPS_MAX, optional: true, description: 'Dense FP8 FLOP/s (absent = not supported)' })
  fp8?: number;

  @NumberField({ min: 1e9, max: OPS_MAX, optional: true, description: 'Dense INT8 OP/s (absent = not supported)' })
  int8?: number;

  @NumberField({ min: 1e9, max: OPS_MAX, optional: true, description: 'Dense FP4 FLOP/s (absent = not supported)' })
  fp4?: number;
}

export class CustomGpuDto {
  @StringField({ max: 64, description: 'Identifier of the custom GPU' })
  id!: string;

  @StringField({ max: 200, optional: true, description: 'Display name' })
  name?: string;

  @NumberField({ min: 1e9, max: BYTES_MAX, description: 'HBM capacity, bytes' })
  hbmBytes!: number;

  @NumberField({ min: 1e9, max: 1e14, description: 'HBM bandwidth, bytes/s' })
  hbmBytesPerSecond!: number;

  @NestedField(() => PeakOpsDto, { description: 'Dense peak rates per compute format' })
  peakOpsPerSecond!: PeakOpsDto;

  @NumberField({ min: 1e8, max: 1e13, description: 'GPU-to-GPU bandwidth in a node, one direction, bytes/s' })
  interconnectBytesPerSecond!: number;

  @EnumField(['nvlink', 'pcie'], { optional: true, description: 'Interconnect kind' })
  interconnectKind?: 'nvlink' | 'pcie';

  @NumberField({ min: 1e8, max: 1e13, optional: true, description: 'Scale-out network per GPU, bytes/s' })
  networkBytesPerSecond?: number;

  @NumberField({ min: 1, max: 72, integer: true, optional: true, description: 'GPUs per node' })
  gpusPerNode?: number;

  @NumberField({ min: 1, max: 10_000, optional: true, description: 'Board power, watts' })
  boardPowerWatts?: number;

  @NumberField({ min: 0, max: 100_000, description: 'Price, CNY per GPU-hour' })
  priceCnyPerGpuHour!: number;

  @NumberField({ min: 0, max: 100_000, optional: true, description: 'Price, USD per GPU-hour' })
  priceUsdPerGpuHour?: number;
}

export class AttentionDto {
  @EnumField(['gqa', 'mla'], { description: 'gqa (grouped-query / multi-head) or mla (multi-head latent)' })
  kind!: 'gqa' | 'mla';

  @NumberField({ min: 1, max: 1024, integer: true, description: 'Query heads' })
  numHeads!: number;

  @ValidateIf((o: AttentionDto) => o.kind === 'gqa')
  @NumberField({ min: 1, max: 1024, integer: true, optional: true, description: 'KV heads (gqa)' })
  numKvHeads?: number;

  @ValidateIf((o: AttentionDto) => o.kind === 'gqa')
  @NumberField({ min: 1, max: 1024, integer: true, optional: true, description: 'Head dimension (gqa)' })
  headDim?: number;

  @ValidateIf((o: AttentionDto) => o.kind === 'mla')
  @NumberField({ min: 1, max: 65536, integer: true, optional: true, description: 'Query low-rank width (mla)' })
  qLoraRank?: number;

  @ValidateIf((o: AttentionDto) => o.kind === 'mla')
  @NumberField({ min: 1, max: 65536, integer: true, optional: true, description: 'KV latent width (mla)' })
  kvLoraRank?: number;

  @ValidateIf((o: AttentionDto) => o.kind === 'mla')
  @NumberField({ min: 1, max: 1024, integer: true, optional: true, description: 'Non-rotary QK head dim (mla)' })
  qkNopeHeadDim?: number;

  @ValidateIf((o: AttentionDto) => o.kind === 'mla')
  @NumberField({ min: 1, max: 1024, integer: true, optional: true, description: 'Rotary QK head dim (mla)' })
  qkRopeHeadDim?: number;

  @ValidateIf((o: AttentionDto) => o.kind === 'mla')
  @NumberField({ min: 1, max: 1024, integer: true, optional: true, description: 'Value head dim (mla)' })
  vHeadDim?: number;
}

export class MoeDto {
  @NumberField({ min: 1, max: 4096, integer: true, description: 'Routed experts per MoE layer' })
  numRoutedExperts!: number;

  @NumberField({ min: 1, max: 64, integer: true, description: 'Experts each token is routed to (top-k)' })
  numActiveExperts!: number;

  @NumberField({ min: 0, max: 64, integer: true, description: 'Shared experts per MoE layer' })
  numSharedExperts!: number;

  @NumberField({ min: 1, max: 262_144, integer: true, description: 'Expert FFN width' })
  expertIntermediateSize!: number;
}

export class CustomModelDto {
  @StringField({ max: 64, description: 'Identifier of the custom model' })
  id!: string;

  @StringField({ max: 200, optional: true, description: 'Display name' })
  name?: string;

  @NumberField({ min: 1, max: 1024, integer: true, description: 'Transformer layers' })
  numLayers!: number;

  @NumberField({ min: 0, max: 1024, integer: true, optional: true, description: 'Leading layers with a dense FFN' })
  numDenseLayers?: number;

  @NumberField({ min: 64, max: 131_072, integer: true, description: 'Model width' })
  hiddenSize!: number;

  @NumberField({ min: 0, max: 524_288, integer: true, optional: true, description: 'FFN width of dense layers' })
  denseIntermediateSize?: number;

  @NumberField({ min: 1, max: 4_000_000, integer: true, description: 'Vocabulary size' })
  vocabSize!: number;

  @BooleanField({ optional: true, description: 'LM head shares the embedding matrix' })
  tieWordEmbeddings?: boolean;

  @NumberField({ min: 128, max: 10_000_000, integer: true, description: 'Maximum context, tokens' })
  maxContextTokens!: number;

  @NestedField(() => AttentionDto, { description: 'Attention shape' })
  attention!: AttentionDto;

  @NestedField(() => MoeDto, { description: 'Mixture-of-experts shape' })
  moe!: MoeDto;
}

/** A what-if scenario: catalog references by id, or a custom GPU / model inline. */
export class ScenarioInputDto {
  @ValidateIf((o: ScenarioInputDto) => o.customModel === undefined || o.modelId !== undefined)
  @StringField({ max: 64, requiredUnless: 'customModel', description: 'Catalog model id (GET /v1/catalog/models); give this or customModel', example: 'kimi-2024' })
  modelId?: string;

  @NestedField(() => CustomModelDto, { optional: true, description: 'A model not in the catalog; give this or modelId' })
  customModel?: CustomModelDto;

  @ValidateIf((o: ScenarioInputDto) => o.customGpu === undefined || o.gpuId !== undefined)
  @StringField({ max: 64, requiredUnless: 'customGpu', description: 'Catalog GPU id (GET /v1/catalog/gpus); give this or customGpu', example: 'a100-80gb' })
  gpuId?: string;

  @NestedField(() => CustomGpuDto, { optional: true, description: 'A GPU not in the catalog; give this or gpuId' })
  customGpu?: CustomGpuDto;

  @NestedField(() => QuantizationDto, { description: 'Weight and KV-cache formats' })
  quantization!: QuantizationDto;

  @NestedField(() => DeploymentDto, { optional: true, description: 'Replica shape and scheduler limits' })
  deployment?: DeploymentDto;

  @NestedField(() => WorkloadDto, { optional: true, description: 'Demand' })
  workload?: WorkloadDto;

  @NestedField(() => SloDto, { optional: true, description: 'Latency targets' })
  slo?: SloDto;

  @NestedField(() => PricingDto, { optional: true, description: 'Prices and list prices' })
  pricing?: PricingDto;

  @NestedField(() => EfficiencyDto, { optional: true, description: 'Roofline efficiency coefficients (defaults documented in libs/capacity)' })
  efficiency?: EfficiencyDto;

  @EnumField(EFFICIENCY_PRESETS, {
    optional: true,
    description:
      'published-fit: the coefficients fitted to published deployments for the GPU’s family (VALIDATION.md; catalog GPUs only); default: the documented defaults. Not together with efficiency or calibrationProfileId',
  })
  efficiencyPreset?: EfficiencyPreset;

  @IsOptional()
  @IsUUID('all', { message: '$property must be a UUID' })
  @ApiPropertyOptional({ type: 'string', format: 'uuid', description: 'Use the fitted coefficients of this calibration profile (POST /v1/calibrations) instead of the defaults; not together with efficiency. Unknown id → 404' })
  calibrationProfileId?: string;
}
