export { MODEL_CATALOG, findModel, listModels, type ModelId } from './model-catalog.js';
export { countParameters, attentionParamsPerLayer } from './parameter-count.js';
