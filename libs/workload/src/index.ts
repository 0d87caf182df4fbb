export * from './types.js';
export { DEFAULT_DIURNAL_PROFILE, defaultDiurnalProfile } from './diurnal-profile.js';
export {
  MOONCAKE_LONG_CONTEXT_REQUEST_SIZES,
  AZURE_CONVERSATION_REQUEST_SIZES,
  AZURE_CODE_REQUEST_SIZES,
} from './request-sizes.js';
export { DEFAULT_WORKLOAD } from './default-workload.js';
export { HOURS_PER_DAY, validateWorkload, validateDiurnalProfile, validateRequestSizes } from './validate-workload.js';
export { demandProfile, demandProfileOfValidatedWorkload, peakToMeanRatio } from './demand-profile.js';
export * from './traces/index.js';
