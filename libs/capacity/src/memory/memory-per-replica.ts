import { parameterCounts } from './parameter-counts.js';
import { validateDeployment } from '../deployment/validate-deployment.js';
import type { DeploymentSpec, MemoryBreakdown, WeightBytesByComponent } from '../types.js';
import { kvBytesPerToken } from './kv-bytes-per-token.js';
import { kvReplicationFactor } from './kv-replication.js';
import { weightBytesFromCounts } from './weight-bytes.js';

/**
 * Memory of one replica (tensorParallelSize GPUs holding one copy of the weights).
 *
 * usable = gpus × hbm × usableHbmFraction − gpus × reservedBytesPerGpu
 * kvCacheBytes = max(0, usable − weights)
 * kvBytesPerToken here is per replica: kvBytesPerToken(model, format) × kvReplicationFactor,
 * because MLA latents (and GQA heads when TP > kvHeads) are stored on every rank that needs them.
 * kvCapacityTokens = floor(kvCacheBytes / that).
 *
 * Weights are assumed evenly sharded (vLLM shards the embedding and LM head by vocabulary too);
 * uneven expert counts per GPU under expert parallelism are not modelled.
 *
 * Data-parallel attention (deployment.attentionDataParallel): every GPU holds all weights but the
 * routed experts whole, and 1/TP of the routed experts:
 *   weightsBytesPerGpu = (total − routed experts) + routed experts / TP
 *   kvCacheBytes = max(0, usable − TP × weightsBytesPerGpu), kvBytesPerToken with no replication
 * (each GPU caches only its own sequences), fitsWeights when one GPU's share fits one GPU's usable.
 * `weights` still describes one copy of the model.
 *
 * @throws RangeError when a field of the deployment is out of range.
 */
export function memoryPerReplica(deployment: DeploymentSpec): MemoryBreakdown {
  validateDeployment(deployment);
  const weights = weightBytesFromCounts(
    parameterCounts(deployment.model),
    deployment.weightFormat,
    deployment.expertWeightFormat,
  );
  return memoryFromWeights(deployment, weights);
}

/** memoryPerReplica for an already validated deployment whose weight bytes are known. */
export function memoryFromWeights(deployment: DeploymentSpec, weights: WeightBytesByComponent): MemoryBreakdown {
  const gpus = deployment.tensorParallelSize;
  const hbmBytes = deployment.gpu.hbmBytes;
  const hbmBytesPerReplica = gpus * hbmBytes;
  const reservedBytes = gpus * (hbmBytes * (1 - deployment.usableHbmFraction) + deployment.reservedBytesPerGpu);
  const usableBytes = hbmBytesPerReplica - reservedBytes;
  // On one GPU data-parallel attention is the plain layout; the general formula would only add rounding.
  if (deployment.attentionDataParallel === true && gpus > 1) {
    const weightsBytesPerGpu = weights.totalBytes - weights.routedExpertBytes + weights.routedExpertBytes / gpus;
    const residentBytes = gpus * weightsBytesPerGpu;
    const fits = usableBytes > 0 && residentBytes <= usableBytes;
    const kvCache = fits ? usableBytes - residentBytes : 0;
    const perToken = kvBytesPerToken(deployment.model, deployment.kvCacheFormat);
    return {
      gpusPerReplica: gpus,
      hbmBytesPerReplica,
      weights,
      weightsBytesPerGpu,
      reservedBytes,
      kvCacheBytes: kvCache,
      kvBytesPerToken: perToken,
      kvCapacityTokens: Math.floor(kvCache / perToken),
      fitsWeights: fits,
    };
  }
  const fitsWeights = usableBytes > 0 && weights.totalBytes <= usableBytes;
  const kvCacheBytes = fitsWeights ? usableBytes - weights.totalBytes : 0;
  const replicaKvBytesPerToken =
    kvBytesPerToken(deployment.model, deployment.kvCacheFormat) * kvReplicationFactor(deployment.model, gpus);
  return {
    gpusPerReplica: gpus,
    hbmBytesPerReplica,
    weights,
    weightsBytesPerGpu: weights.totalBytes / gpus,
    reservedBytes,
    kvCacheBytes,
    kvBytesPerToken: replicaKvBytesPerToken,
    kvCapacityTokens: Math.floor(kvCacheBytes / replicaKvBytesPerToken),
    fitsWeights,
  };
}

