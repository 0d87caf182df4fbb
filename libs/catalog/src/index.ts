export * from './types.js';
export { CATALOG_VERSION } from './version.js';
export * from './gpus/index.js';
export * from './models/index.js';
export * from './quantization/index.js';
