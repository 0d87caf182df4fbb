import type { ValidationCase } from '../case-types.js';
import { TRTLLM_ASSUMPTIONS, TRTLLM_SOURCE, trtllmFigures } from './trtllm-shapes.js';

export const V4: ValidationCase = {
  id: 'V4',
  title: 'Qwen3-235B-A22B NVFP4 on 8 × B200, TP8 (TensorRT-LLM, max load)',
  source: `${TRTLLM_SOURCE} V4`,
  assumptions: [...TRTLLM_ASSUMPTIONS, 'Experts tensor-sharded (TP8) as PUBLISHED.md states; NVFP4 for every linear layer.'],
  setup: {
    kind: 'replica',
    gpu: 'b200',
    model: 'qwen3-235b-a22b',
    weightFormat: 'fp4',
    expertWeightFormat: 'fp4',
    kvCacheFormat: 'fp8',
    tensorParallelSize: 8,
    expertParallel: false,
    prefillChunkTokens: 8192,
    engineSettings: 'trtllm-bench',
    figuresPer: 'replica',
  },
  figures: trtllmFigures([66057, 42391, 26854, 8190, 4453]),
};
