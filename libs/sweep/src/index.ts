export * from './types.js';
export { SWEEP_AXES, sweepPointAt, sweepPointCount } from './parameter-space.js';
export { applySweepPoint } from './apply-point.js';
export { planSweepChunks, sampleDistinctIndices, sweepPointIndices } from './plan.js';
export { evaluateSweepChunk, type ScenarioEvaluator } from './evaluate-chunk.js';
export { sloHeadroomFraction, sweepSloTargets } from './slo-headroom.js';
export { paretoFront } from './pareto-front.js';
export { combineSweepChunks } from './combine.js';
