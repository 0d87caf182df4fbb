import type { GpuSpec } from '../../../catalog/src/index.js';
import { validateEfficiency } from '../efficiency/defaults.js';
import type { DeploymentSpec } from '../types.js';
import {
  requireNonNegativeFinite,
  requireOpenClosedFraction,
  requirePositiveFinite,
  requirePositiveInteger,
} from '../validation/require.js';

/**
 * Checks the fields of a deployment that the capacity model divides by or multiplies with.
 * The model's architecture is checked by countParameters, the formats where their bytes are used.
 *
 * @throws RangeError naming the first offending field.
 */
export function validateDeployment(deployment: DeploymentSpec): void {
  if (deployment === null || typeof deployment !== 'object') {
    throw new RangeError(`deployment: must be an object, got ${String(deployment)}`);
  }
  validateGpu(deployment.gpu);
  requirePositiveInteger(deployment.tensorParallelSize, 'tensorParallelSize');
  if (typeof deployment.expertParallel !== 'boolean') {
    throw new RangeError(`expertParallel: must be a boolean, got ${String(deployment.expertParallel)}`);
  }
  if (deployment.attentionDataParallel !== undefined && typeof deployment.attentionDataParallel !== 'boolean') {
    throw new RangeError(`attentionDataParallel: must be a boolean, got ${String(deployment.attentionDataParallel)}`);
  }
  requireOpenClosedFraction(deployment.usableHbmFraction, 'usableHbmFraction');
  requireNonNegativeFinite(deployment.reservedBytesPerGpu, 'reservedBytesPerGpu');
  requirePositiveInteger(deployment.maxBatchSequences, 'maxBatchSequences');
  requirePositiveInteger(deployment.prefillChunkTokens, 'prefillChunkTokens');
  validateEfficiency(deployment.efficiency);
}

export function validateGpu(gpu: GpuSpec): void {
  if (gpu === null || typeof gpu !== 'object') throw new RangeError(`gpu: must be an object, got ${String(gpu)}`);
  requirePositiveFinite(gpu.hbmBytes, 'gpu.hbmBytes');
  requirePositiveFinite(gpu.hbmBytesPerSecond, 'gpu.hbmBytesPerSecond');
  // Field names are literals, not templates: this runs on every replicaThroughput call.
  // Attention runs in BF16 on every GPU (roofline/prepared-deployment.ts), so BF16 must exist.
  requirePositiveFinite(gpu.peakOpsPerSecond?.bf16 as number, 'gpu.peakOpsPerSecond.bf16');
  requirePositiveFinite(gpu.interconnectBytesPerSecond, 'gpu.interconnectBytesPerSecond');
  requirePositiveFinite(gpu.networkBytesPerSecond, 'gpu.networkBytesPerSecond');
  requirePositiveInteger(gpu.gpusPerNode, 'gpu.gpusPerNode');
}
