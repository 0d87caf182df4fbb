import type { ModelSpec, ParameterCounts, WeightFormat } from '../../../catalog/src/index.js';
import { parameterCounts } from './parameter-counts.js';
import type { WeightBytesByComponent } from '../types.js';
import { requirePositiveFinite } from '../validation/require.js';

/**
 * Norm vectors and the router stay in 16-bit whatever the checkpoint format: they are tiny and
 * precision-sensitive, and no serving quantization scheme touches them (DeepSeek-V3's FP8 release
 * keeps `gate.weight` and every RMSNorm in BF16; GPTQ / AWQ / compressed-tensors only quantize
 * Linear layers of the blocks).
 */
export const NORM_AND_ROUTER_BYTES_PER_PARAM = 2;

/**
 * Weight bytes of one copy of the model by component.
 *
 * Formats: routed experts use `expertWeightFormat` (they hold nearly all parameters and are the
 * part mixed schemes quantize hardest, e.g. Kimi K2-Thinking's INT4 routed experts); shared experts
 * run for every token like a dense FFN and use `weightFormat`, as do attention, dense FFN,
 * embeddings and the LM head (DeploymentSpec.weightFormat's contract). Norms and the router are
 * always 2 bytes per parameter (NORM_AND_ROUTER_BYTES_PER_PARAM).
 *
 * @throws RangeError when the model is inconsistent (countParameters) or a format's bytes are not positive.
 */
export function weightBytesByComponent(
  model: ModelSpec,
  weightFormat: WeightFormat,
  expertWeightFormat: WeightFormat,
): WeightBytesByComponent {
  return weightBytesFromCounts(parameterCounts(model), weightFormat, expertWeightFormat);
}

/** Same as weightBytesByComponent when the parameter counts are already at hand. */
export function weightBytesFromCounts(
  counts: ParameterCounts,
  weightFormat: WeightFormat,
  expertWeightFormat: WeightFormat,
): WeightBytesByComponent {
  requirePositiveFinite(weightFormat.bytesPerParam, 'weightFormat.bytesPerParam');
  requirePositiveFinite(expertWeightFormat.bytesPerParam, 'expertWeightFormat.bytesPerParam');
  const bytes = weightFormat.bytesPerParam;
  const embeddingBytes = counts.embeddingParams * bytes;
  const lmHeadBytes = counts.lmHeadParams * bytes;
  const attentionBytes = counts.attentionParams * bytes;
  const denseFfnBytes = counts.denseFfnParams * bytes;
  const routerBytes = counts.routerParams * NORM_AND_ROUTER_BYTES_PER_PARAM;
  const sharedExpertBytes = counts.sharedExpertParams * bytes;
  const routedExpertBytes = counts.routedExpertParams * expertWeightFormat.bytesPerParam;
  const normBytes = counts.normParams * NORM_AND_ROUTER_BYTES_PER_PARAM;
  return {
    embeddingBytes,
    lmHeadBytes,
    attentionBytes,
    denseFfnBytes,
    routerBytes,
    sharedExpertBytes,
    routedExpertBytes,
    normBytes,
    totalBytes:
      embeddingBytes +
      lmHeadBytes +
      attentionBytes +
      denseFfnBytes +
      routerBytes +
      sharedExpertBytes +
      routedExpertBytes +
      normBytes,
  };
}
