export type { ExpertParallelPoolSpec, ExpertParallelStep, ExpertParallelMemory } from './types.js';
export { expertParallelMemory, expertParallelDecodeStep, expertParallelPrefillStep } from './expert-parallel-step.js';
export { EXPERT_LOAD_IMBALANCE } from './imbalance.js';
export { expertParallelDecodeAtSlo, type ExpertParallelDecodeAtSlo } from './decode-at-slo.js';
export { NORMAL_MODE_TWO_BATCH_OVERLAP_SPEEDUP } from './two-batch-overlap.js';
