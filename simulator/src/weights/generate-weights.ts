/**
 * Seeded synthetic weights: each matrix is drawn in FP32 into one reused scratch buffer, converted
 * to the chosen format (quantize.ts) and packed by the backend at once, so peak memory is the packed
 * model plus one FP32 matrix. Uniform(−a, a) with a = √(3 / fan_in) has variance 1 / fan_in, so a
 * unit-variance input gives unit-variance outputs and activations stay bounded through the layers.
 */
import { mulberry32 } from '../../../libs/cost/src/random/seeded-random.js';
import type { KernelBackend, PackedMatrix } from '../kernels/kernel-backend.js';
import { toWeightMatrix } from '../kernels/quantize.js';
import type { MoeModelShape } from '../presets/model-shape.js';
import { validateModelShape } from '../presets/model-shape.js';
import type { ExpertWeights, LayerWeights, ModelWeights, WeightFormatOptions } from './model-weights.js';

export interface GenerateWeightsOptions extends WeightFormatOptions {
  readonly seed: number;
}

export function generateModelWeights(shape: MoeModelShape, backend: KernelBackend, options: GenerateWeightsOptions): ModelWeights {
  validateModelShape(shape);
  const random = mulberry32(options.seed);
  const groupSize = options.groupSize ?? 32;
  const format = options.format;
  const d = shape.hiddenSize;
  const qkvRows = (shape.queryHeads + 2 * shape.kvHeads) * shape.headDim;
  const attentionWidth = shape.queryHeads * shape.headDim;
  const largest = Math.max(
    qkvRows * d,
    2 * shape.expertIntermediateSize * d,
    2 * shape.sharedExpertIntermediateSize * d,
    shape.vocabSize * d,
  );
  const scratch = new Float32Array(largest);
  // Residual branches are scaled down with depth so the residual stream's variance grows slowly.
  const residualScale = 1 / Math.sqrt(2 * shape.layers);

  const fill = (count: number, bound: number): Float32Array => {
    const out = scratch.subarray(0, count);
    const twice = 2 * bound;
    for (let i = 0; i < count; i++) out[i] = (random() - 0.5) * twice;
    return out;
  };
  const matrix = (rows: number, cols: number, scale = 1, matrixFormat = format): PackedMatrix => {
    const values = fill(rows * cols, scale * Math.sqrt(3 / cols));
    // The backend's quantizer, where it has one, gives the same integers (tested) several times faster.
    if (matrixFormat === 'int8' && backend.quantizeInt8PerRow && cols % 64 === 0) {
      const q = backend.quantizeInt8PerRow(values, rows, cols);
      return backend.pack({ format: 'int8', rows, cols, values: q.values, scales: q.scales });
    }
    return backend.pack(toWeightMatrix(matrixFormat, values, rows, cols, groupSize));
  };
  const expert = (width: number): ExpertWeights => ({
    gateUp: matrix(2 * width, d),
    down: matrix(d, width, residualScale),
  });
  const ones = (): Float32Array => new Float32Array(d).fill(1);

  const embedding = new Float32Array(shape.vocabSize * d);
  embedding.set(fill(embedding.length, Math.sqrt(3)));
  const layers: LayerWeights[] = [];
  for (let l = 0; l < shape.layers; l++) {
    const qkv = matrix(qkvRows, d);
    const o = matrix(d, attentionWidth, residualScale);
    // Router logits with unit variance spread tokens over the experts roughly uniformly.
    const router = matrix(shape.expertCount, d, 1, 'fp32');
    const experts = Array.from({ length: shape.expertCount }, () => expert(shape.expertIntermediateSize));
    const sharedExperts = Array.from({ length: shape.sharedExpertCount }, () => expert(shape.sharedExpertIntermediateSize));
    layers.push({ inputNorm: ones(), qkv, o, postAttentionNorm: ones(), router, experts, sharedExperts });
  }
  const lmHead = matrix(shape.vocabSize, d);
  return { shape, format, groupSize, embedding, layers, finalNorm: ones(), lmHead };
}
