import type { ScenarioSpec } from '../../cost/src/index.js';
import type { SweepPointParameters } from './types.js';

/** The base scenario with one point's values put in; the base is not modified. */
export function applySweepPoint(base: ScenarioSpec, point: SweepPointParameters): ScenarioSpec {
  const deployment = {
    ...base.deployment,
    ...(point.tensorParallelSize === undefined ? {} : { tensorParallelSize: point.tensorParallelSize }),
    ...(point.expertParallel === undefined ? {} : { expertParallel: point.expertParallel }),
    ...(point.maxBatchSequences === undefined ? {} : { maxBatchSequences: point.maxBatchSequences }),
    ...(point.targetUtilizationFraction === undefined ? {} : { targetUtilizationFraction: point.targetUtilizationFraction }),
  };
  return {
    ...base,
    ...(point.gpuId === undefined ? {} : { gpu: point.gpuId }),
    ...(point.quantization === undefined ? {} : { quantization: { ...point.quantization } }),
    ...(Object.keys(deployment).length > 0 ? { deployment } : {}),
  };
}
