export * from './kv-cache.js';
export * from './moe-model.js';
export * from './rope.js';
export * from './routing.js';
export type * from './step-accounting.js';
