export { GPU_CATALOG, findGpu, listGpus, type GpuId } from './gpu-catalog.js';
export { CNY_PER_USD } from './pricing-basis.js';
