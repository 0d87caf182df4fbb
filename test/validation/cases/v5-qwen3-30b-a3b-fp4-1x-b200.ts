import type { ValidationCase } from '../case-types.js';
import { TRTLLM_ASSUMPTIONS, TRTLLM_SOURCE, trtllmFigures } from './trtllm-shapes.js';

export const V5: ValidationCase = {
  id: 'V5',
  title: 'Qwen3-30B-A3B NVFP4 on 1 × B200 (TensorRT-LLM, max load)',
  source: `${TRTLLM_SOURCE} V5`,
  assumptions: [
    ...TRTLLM_ASSUMPTIONS,
    'enable_attention_dp as the MoE recipe sets it; on one GPU it changes nothing (the one rank holds and schedules everything).',
    'NVFP4 for every linear layer.',
  ],
  setup: {
    kind: 'replica',
    gpu: 'b200',
    model: 'qwen3-30b-a3b',
    weightFormat: 'fp4',
    expertWeightFormat: 'fp4',
    kvCacheFormat: 'fp8',
    tensorParallelSize: 1,
    expertParallel: false,
    attentionDataParallel: true,
    prefillChunkTokens: 8192,
    engineSettings: 'trtllm-bench',
    figuresPer: 'replica',
  },
  figures: trtllmFigures([37844, 25828, 17554, 6142, 2944]),
};
