import type { AttentionSpec, GpuSpec, ModelSpec } from '../../../../libs/catalog/src/index.js';
import type { EfficiencyCoefficients } from '../../../../libs/capacity/src/index.js';
import type { ScenarioSpec } from '../../../../libs/cost/src/index.js';
import { ApiError } from '../common/api-error.js';
import type { AttentionDto, CustomGpuDto, CustomModelDto, ScenarioInputDto } from './dto/scenario-input.dto.js';

const USER_SUPPLIED = 'user-supplied in the scenario';

function required(value: number | undefined, field: string): number {
  if (value === undefined) throw ApiError.invalidField(field, 'is required for this attention kind');
  return value;
}

function toAttention(dto: AttentionDto): AttentionSpec {
  if (dto.kind === 'gqa') {
    const numKvHeads = required(dto.numKvHeads, 'customModel.attention.numKvHeads');
    if (dto.numHeads % numKvHeads !== 0) {
      throw ApiError.invalidField('customModel.attention.numKvHeads', `must divide numHeads (${dto.numHeads})`);
    }
    return { kind: 'gqa', numHeads: dto.numHeads, numKvHeads, headDim: required(dto.headDim, 'customModel.attention.headDim') };
  }
  return {
    kind: 'mla',
    numHeads: dto.numHeads,
    qLoraRank: required(dto.qLoraRank, 'customModel.attention.qLoraRank'),
    kvLoraRank: required(dto.kvLoraRank, 'customModel.attention.kvLoraRank'),
    qkNopeHeadDim: required(dto.qkNopeHeadDim, 'customModel.attention.qkNopeHeadDim'),
    qkRopeHeadDim: required(dto.qkRopeHeadDim, 'customModel.attention.qkRopeHeadDim'),
    vHeadDim: required(dto.vHeadDim, 'customModel.attention.vHeadDim'),
  };
}

export function toModelSpec(dto: CustomModelDto): ModelSpec {
  if (dto.moe.numActiveExperts > dto.moe.numRoutedExperts) {
    throw ApiError.invalidField('customModel.moe.numActiveExperts', `must not exceed numRoutedExperts (${dto.moe.numRoutedExperts})`);
  }
  const numDenseLayers = dto.numDenseLayers ?? 0;
  if (numDenseLayers > dto.numLayers) {
    throw ApiError.invalidField('customModel.numDenseLayers', `must not exceed numLayers (${dto.numLayers})`);
  }
  if (numDenseLayers > 0 && !dto.denseIntermediateSize) {
    throw ApiError.invalidField('customModel.denseIntermediateSize', 'is required when numDenseLayers > 0');
  }
  return {
    id: dto.id,
    name: dto.name ?? dto.id,
    numLayers: dto.numLayers,
    numDenseLayers,
    hiddenSize: dto.hiddenSize,
    denseIntermediateSize: dto.denseIntermediateSize ?? 0,
    vocabSize: dto.vocabSize,
    tieWordEmbeddings: dto.tieWordEmbeddings ?? false,
    maxContextTokens: dto.maxContextTokens,
    attention: toAttention(dto.attention),
    moe: { ...dto.moe },
    nativeWeightFormat: 'bf16',
    // Unknown for a custom model; 0 marks "not published".
    publishedTotalParams: 0,
    publishedActiveParams: 0,
    publishedActiveCountsEmbedding: true,
    source: USER_SUPPLIED,
  };
}

export function toGpuSpec(dto: CustomGpuDto, cnyPerUsd: number): GpuSpec {
  return {
    id: dto.id,
    name: dto.name ?? dto.id,
    hbmBytes: dto.hbmBytes,
    hbmBytesPerSecond: dto.hbmBytesPerSecond,
    peakOpsPerSecond: {
      bf16: dto.peakOpsPerSecond.bf16,
      fp8: dto.peakOpsPerSecond.fp8 ?? null,
      int8: dto.peakOpsPerSecond.int8 ?? null,
      fp4: dto.peakOpsPerSecond.fp4 ?? null,
    },
    interconnectBytesPerSecond: dto.interconnectBytesPerSecond,
    interconnectKind: dto.interconnectKind ?? 'nvlink',
    networkBytesPerSecond: dto.networkBytesPerSecond ?? 50e9,
    gpusPerNode: dto.gpusPerNode ?? 8,
    boardPowerWatts: dto.boardPowerWatts ?? 700,
    priceCnyPerGpuHour: dto.priceCnyPerGpuHour,
    priceUsdPerGpuHour: dto.priceUsdPerGpuHour ?? dto.priceCnyPerGpuHour / cnyPerUsd,
    sources: { all: USER_SUPPLIED },
  };
}

const DEFAULT_CNY_PER_USD_FOR_CUSTOM_GPU = 7.2;

/**
 * Coefficients come from one place: `efficiency`, `efficiencyPreset` or `calibrationProfileId`.
 * Checked before a profile is loaded, so a conflicting request is a 400 whether or not the id exists.
 */
export function assertOneEfficiencySource(dto: Pick<ScenarioInputDto, 'efficiency' | 'efficiencyPreset' | 'calibrationProfileId'>): void {
  if (dto.calibrationProfileId === undefined) return;
  if (dto.efficiency !== undefined) throw ApiError.invalidField('efficiency', 'give either efficiency or calibrationProfileId, not both');
  if (dto.efficiencyPreset !== undefined) throw ApiError.invalidField('efficiencyPreset', 'give either efficiencyPreset or calibrationProfileId, not both');
}

/**
 * DTO (edge) → domain ScenarioSpec (libs). Cross-field rules that class-validator cannot express live here.
 * `calibratedEfficiency`: the coefficients of `dto.calibrationProfileId`, loaded by the caller
 * (WhatIfService); a caller that cannot load profiles gets a 400 naming the field.
 */
export function toScenarioSpec(dto: ScenarioInputDto, calibratedEfficiency?: EfficiencyCoefficients): ScenarioSpec {
  assertOneEfficiencySource(dto);
  if (dto.calibrationProfileId !== undefined) {
    if (calibratedEfficiency === undefined) {
      throw ApiError.invalidField('calibrationProfileId', 'calibration profiles are applied by /v1/what-if and /v1/scenarios; this endpoint does not load them');
    }
  }
  if (dto.modelId !== undefined && dto.customModel !== undefined) {
    throw ApiError.invalidField('modelId', 'give either modelId or customModel, not both');
  }
  if (dto.gpuId !== undefined && dto.customGpu !== undefined) {
    throw ApiError.invalidField('gpuId', 'give either gpuId or customGpu, not both');
  }
  const model = dto.customModel ? toModelSpec(dto.customModel) : dto.modelId!;
  const gpu = dto.customGpu ? toGpuSpec(dto.customGpu, dto.pricing?.cnyPerUsd ?? DEFAULT_CNY_PER_USD_FOR_CUSTOM_GPU) : dto.gpuId!;
  const profile = dto.workload?.diurnalProfile;
  if (profile && !profile.some((w) => w > 0)) {
    throw ApiError.invalidField('workload.diurnalProfile', 'needs at least one positive hourly weight');
  }
  return {
    model,
    gpu,
    quantization: { ...dto.quantization },
    ...(dto.deployment ? { deployment: { ...dto.deployment } } : {}),
    ...(dto.workload ? { workload: { ...dto.workload, ...(dto.workload.requestSizes ? { requestSizes: { ...dto.workload.requestSizes } } : {}) } } : {}),
    ...(dto.slo ? { slo: { ...dto.slo } } : {}),
    ...(dto.pricing ? { pricing: { ...dto.pricing } } : {}),
    ...(calibratedEfficiency && dto.calibrationProfileId !== undefined ? { efficiency: calibratedEfficiency } : dto.efficiency ? { efficiency: { ...dto.efficiency } } : {}),
    ...(dto.efficiencyPreset !== undefined ? { efficiencyPreset: dto.efficiencyPreset } : {}),
  } as ScenarioSpec;
}
