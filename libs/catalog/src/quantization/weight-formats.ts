import type { WeightFormat, WeightFormatId } from '../types.js';
import { deepFreeze } from '../deep-freeze.js';

/**
 * Weight formats. bytesPerParam includes the scale / zero-point storage of the format's stated
 * granularity, so weight memory = params × bytesPerParam with nothing added elsewhere.
 */
export const WEIGHT_FORMATS: Readonly<Record<WeightFormatId, WeightFormat>> = deepFreeze({
  bf16: {
    id: 'bf16',
    name: 'BF16',
    bytesPerParam: 2,
    computeFormat: 'bf16',
    fallbackComputeFormat: 'bf16',
    description: 'Unquantized bfloat16 weights and activations.',
    source: 'bfloat16 is 16 bits (1 sign, 8 exponent, 7 mantissa); native release format of Mixtral and Qwen3.',
  },
  fp8: {
    id: 'fp8',
    name: 'FP8 E4M3, block-128×128 scales',
    // One fp32 scale per 128×128 block: 4 bytes / 16384 weights.
    bytesPerParam: 1 + 4 / 16384,
    computeFormat: 'fp8',
    fallbackComputeFormat: 'bf16',
    description:
      'FP8 E4M3 weights with one fp32 scale per 128×128 block, activations quantized to FP8 per 1×128 tile on the fly (W8A8). GPUs without FP8 tensor cores (A100) run it weight-only, dequantizing to BF16 (e.g. vLLM Marlin FP8). Per-channel FP8 has a similar, negligible overhead.',
    source:
      'DeepSeek-V3 Technical Report arXiv:2412.19437 §3.3 (fine-grained FP8 quantization) and its config.json quantization_config (fmt e4m3, weight_block_size [128, 128]); vLLM docs "FP8 W8A8" (weight-only Marlin fallback on Ampere).',
  },
  'int8-w8a8': {
    id: 'int8-w8a8',
    name: 'INT8 W8A8 (SmoothQuant-style)',
    // One fp32 scale per output channel, amortized over a row of ≥ 4096 inputs: ≤ 4/4096 bytes.
    bytesPerParam: 1 + 4 / 4096,
    computeFormat: 'int8',
    fallbackComputeFormat: 'bf16',
    description:
      'INT8 weights with per-output-channel fp32 scales, INT8 activations with per-token dynamic scales; matmuls on INT8 tensor cores. Scale overhead assumes rows of 4096 inputs (an upper bound for hidden ≥ 4096).',
    source:
      'SmoothQuant (Xiao et al., arXiv:2211.10438); vLLM docs "INT8 W8A8" (compressed-tensors, channel-wise weight scales, dynamic per-token activation scales).',
  },
  'int8-w8a16': {
    id: 'int8-w8a16',
    name: 'INT8 weight-only (W8A16)',
    bytesPerParam: 1 + 4 / 4096,
    computeFormat: 'bf16',
    fallbackComputeFormat: 'bf16',
    description:
      'INT8 weights with per-output-channel fp32 scales, dequantized to BF16 inside the GEMM: halves weight memory and bandwidth, no compute gain.',
    source: 'TensorRT-LLM docs "Numerical precision: INT8 weight-only (W8A16)"; LLM.int8 / weight-only GEMM kernels.',
  },
  'int4-w4a16': {
    id: 'int4-w4a16',
    name: 'INT4 weight-only, group 128 (GPTQ / AWQ)',
    // 4-bit weight + per group of 128: one fp16 scale (2 bytes) and one 4-bit zero point (0.5 bytes).
    bytesPerParam: 0.5 + 2 / 128 + 0.5 / 128,
    computeFormat: 'bf16',
    fallbackComputeFormat: 'bf16',
    description:
      'Asymmetric 4-bit weights in groups of 128 along the input dimension, each group with an fp16 scale and a packed 4-bit zero point; dequantized to 16-bit inside the GEMM (Marlin / AWQ kernels): saves memory and bandwidth, not compute.',
    source:
      'GPTQ (Frantar et al., arXiv:2210.17323) and AWQ (Lin et al., arXiv:2306.00978) default group size 128; AutoGPTQ / AutoAWQ checkpoint layout (qweight int4, scales fp16 per group, qzeros packed int4 per group).',
  },
  fp4: {
    id: 'fp4',
    name: 'NVFP4 (E2M1, 16-element blocks)',
    // 4-bit E2M1 value + one FP8 E4M3 scale per 16 values; the per-tensor fp32 scale is negligible.
    bytesPerParam: 0.5 + 1 / 16,
    computeFormat: 'fp4',
    fallbackComputeFormat: 'bf16',
    description:
      'NVFP4: E2M1 4-bit values with an FP8 E4M3 scale per 16-value micro-block and an fp32 per-tensor scale. Runs on Blackwell FP4 tensor cores; older GPUs can only dequantize the weights to BF16.',
    source:
      'NVIDIA Technical Blog "Introducing NVFP4 for Efficient and Accurate Low-Precision Inference" (2025-06); TensorRT Model Optimizer docs.',
  },
} satisfies Record<WeightFormatId, WeightFormat>);

/** The weight format with this id, or undefined. */
export function findWeightFormat(id: string): WeightFormat | undefined {
  if (typeof id !== 'string') throw new RangeError(`id: must be a string, got ${typeof id}`);
  return Object.hasOwn(WEIGHT_FORMATS, id) ? WEIGHT_FORMATS[id as WeightFormatId] : undefined;
}
