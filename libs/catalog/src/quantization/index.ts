export { WEIGHT_FORMATS, findWeightFormat } from './weight-formats.js';
export { KV_CACHE_FORMATS, findKvCacheFormat } from './kv-cache-formats.js';
export { effectiveComputeFormat } from './effective-compute-format.js';
