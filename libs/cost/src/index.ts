export * from './what-if/types.js';
