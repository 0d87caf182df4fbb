/**
 * Maps a Mixtral-style checkpoint (HF naming) onto the engine's weights, validating every tensor's
 * shape against the model shape with an error that names the tensor:
 *   model.embed_tokens.weight [V, d]; model.norm.weight [d]; lm_head.weight [V, d] (absent = tied)
 *   model.layers.N.input_layernorm.weight, post_attention_layernorm.weight [d]
 *   model.layers.N.self_attn.{q,k,v,o}_proj.weight
 *   model.layers.N.block_sparse_moe.gate.weight [E, d]
 *   model.layers.N.block_sparse_moe.experts.M.{w1,w3}.weight [f, d], w2.weight [d, f]
 *   model.layers.N.block_sparse_moe.shared_experts.S.{w1,w2,w3}.weight (capsim's naming for shared experts)
 * q/k/v are fused into one matrix and w1/w3 into one (gate rows first), as the engine runs them.
 */
import type { KernelBackend, PackedMatrix } from '../kernels/kernel-backend.js';
import { toWeightMatrix } from '../kernels/quantize.js';
import { validateModelShape, type MoeModelShape } from '../presets/model-shape.js';
import type { ExpertWeights, LayerWeights, ModelWeights, WeightFormatOptions } from './model-weights.js';
import { parseSafetensors, tensorToFloat32, type SafetensorsTensor } from './safetensors.js';

export function loadSafetensorsWeights(file: Uint8Array, shape: MoeModelShape, backend: KernelBackend, options: WeightFormatOptions): ModelWeights {
  validateModelShape(shape);
  const tensors = parseSafetensors(file);
  const groupSize = options.groupSize ?? 32;
  const d = shape.hiddenSize;
  const read = (name: string, expected: readonly number[]): Float32Array => {
    const tensor = tensors.get(name);
    if (tensor === undefined) throw new RangeError(`checkpoint: tensor "${name}" is missing (expected shape [${expected.join(', ')}])`);
    checkShape(name, tensor, expected);
    return tensorToFloat32(tensor);
  };
  const pack = (values: Float32Array, rows: number, cols: number, format = options.format): PackedMatrix =>
    backend.pack(toWeightMatrix(format, values, rows, cols, groupSize));
  const stack = (parts: readonly Float32Array[]): Float32Array => {
    const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  };
  const expert = (prefix: string, width: number): ExpertWeights => ({
    gateUp: pack(stack([read(`${prefix}.w1.weight`, [width, d]), read(`${prefix}.w3.weight`, [width, d])]), 2 * width, d),
    down: pack(read(`${prefix}.w2.weight`, [d, width]), d, width),
  });

  const qRows = shape.queryHeads * shape.headDim;
  const kvRows = shape.kvHeads * shape.headDim;
  const embedding = read('model.embed_tokens.weight', [shape.vocabSize, d]);
  const layers: LayerWeights[] = [];
  for (let l = 0; l < shape.layers; l++) {
    const p = `model.layers.${l}`;
    const qkv = stack([read(`${p}.self_attn.q_proj.weight`, [qRows, d]), read(`${p}.self_attn.k_proj.weight`, [kvRows, d]), read(`${p}.self_attn.v_proj.weight`, [kvRows, d])]);
    layers.push({
      inputNorm: read(`${p}.input_layernorm.weight`, [d]),
      qkv: pack(qkv, qRows + 2 * kvRows, d),
      o: pack(read(`${p}.self_attn.o_proj.weight`, [d, qRows]), d, qRows),
      postAttentionNorm: read(`${p}.post_attention_layernorm.weight`, [d]),
      router: pack(read(`${p}.block_sparse_moe.gate.weight`, [shape.expertCount, d]), shape.expertCount, d, 'fp32'),
      experts: Array.from({ length: shape.expertCount }, (_, e) => expert(`${p}.block_sparse_moe.experts.${e}`, shape.expertIntermediateSize)),
      sharedExperts: Array.from({ length: shape.sharedExpertCount }, (_, s) => expert(`${p}.block_sparse_moe.shared_experts.${s}`, shape.sharedExpertIntermediateSize)),
    });
  }
  const lmHeadValues = tensors.has('lm_head.weight') ? read('lm_head.weight', [shape.vocabSize, d]) : embedding;
  return {
    shape,
    format: options.format,
    groupSize,
    embedding,
    layers,
    finalNorm: read('model.norm.weight', [d]),
    lmHead: pack(lmHeadValues, shape.vocabSize, d),
  };
}

function checkShape(name: string, tensor: SafetensorsTensor, expected: readonly number[]): void {
  const same = tensor.shape.length === expected.length && tensor.shape.every((n, i) => n === expected[i]);
  if (!same) throw new RangeError(`checkpoint: tensor "${name}" has shape [${tensor.shape.join(', ')}], expected [${expected.join(', ')}]`);
}
