export type * from './model-weights.js';
export * from './generate-weights.js';
export * from './safetensors.js';
export * from './load-checkpoint.js';
