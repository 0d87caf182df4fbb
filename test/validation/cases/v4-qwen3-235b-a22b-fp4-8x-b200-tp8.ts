import type { ValidationCase } from '../case-types.js';
import { TRTLLM_ASSUMPTIONS, TRTLLM_SOURCE, trtllmFigures } from './trtllm-shapes.js';

export const V4: ValidationCase = {
  id: 'V4',
  title: 'Qwen3-235B-A22B NVFP4 on 8 × B200, TP8 (TensorRT-LLM, max load)',
  source: `${TRTLLM_SOURCE} V4`,
  assumptions: [
    ...TRTLLM_ASSUMPTIONS,
    'Data-parallel attention inside the TP8 replica: the perf-overview recipe for MoE models sets enable_attention_dp: true (printed nested under cuda_graph_config in the v1.0 page, which we read as the intended top-level option). Each GPU holds attention, embeddings and LM head whole, caches and schedules only its 1/8 of the sequences (no KV replication; Qwen3-235B has 4 KV heads, so TP8 attention would replicate KV 2×).',
    'Experts expert-parallel, EP8 (16 whole experts per GPU): the MoE command passes --ep $ep_size and the table leaves it open; EP = TP = 8 is what TensorRT-LLM\'s attention-DP MoE recipes use (DeepSeek-R1 perf guide: --tp 8 --ep 8 with enable_attention_dp). Tokens move by all-to-all dispatch and combine; routing imbalance across EP ranks is not modelled (uniform routing). In capsim TP-sharded experts give the same V4 figures (at top-k = EP = 8 the all-to-all moves one all-reduce\'s bytes).',
    "trtllm-bench's max_batch_size and max_num_tokens (computed from the whole replica's KV) are taken as the replica's batch cap and prefill chunk, balanced over the 8 attention-DP ranks; if the executor applies them per rank, V4 becomes up to 41 % optimistic at the fitted coefficients (VALIDATION.md).",
    'NVFP4 for every linear layer.',
  ],
  setup: {
    kind: 'replica',
    gpu: 'b200',
    model: 'qwen3-235b-a22b',
    weightFormat: 'fp4',
    expertWeightFormat: 'fp4',
    kvCacheFormat: 'fp8',
    tensorParallelSize: 8,
    expertParallel: true,
    attentionDataParallel: true,
    prefillChunkTokens: 8192,
    engineSettings: 'trtllm-bench',
    figuresPer: 'replica',
  },
  figures: trtllmFigures([66057, 42391, 26854, 8190, 4453]),
};
