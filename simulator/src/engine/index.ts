export * from './continuous-batching.js';
export * from './greedy.js';
