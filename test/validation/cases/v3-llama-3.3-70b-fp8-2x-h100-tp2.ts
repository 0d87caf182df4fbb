import type { ValidationCase } from '../case-types.js';
import { TRTLLM_ASSUMPTIONS, TRTLLM_SOURCE, trtllmFigures } from './trtllm-shapes.js';

export const V3: ValidationCase = {
  id: 'V3',
  title: 'Llama-3.3-70B FP8 on 2 × H100 SXM, TP2 (TensorRT-LLM, max load)',
  source: `${TRTLLM_SOURCE} V3`,
  assumptions: TRTLLM_ASSUMPTIONS,
  setup: {
    kind: 'replica',
    gpu: 'h100-sxm',
    model: 'llama-3.3-70b',
    weightFormat: 'fp8',
    expertWeightFormat: 'fp8',
    kvCacheFormat: 'fp8',
    tensorParallelSize: 2,
    expertParallel: false,
    prefillChunkTokens: 8192,
    engineSettings: 'trtllm-bench',
    figuresPer: 'replica',
  },
  figures: trtllmFigures([6651, 4205, 3082, 898, 437]),
};
