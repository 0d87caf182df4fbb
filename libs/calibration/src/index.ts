export * from './measurement.js';
export { validateMeasurementSet, MAX_MEASUREMENTS } from './validate-measurement-set.js';
export {
  rooflinePoints,
  predictStepSeconds,
  bindingBound,
  type RooflinePoint,
  type StepTimeCoefficients,
  type BindingBound,
} from './fit/step-time-model.js';
export { fitStepTimeModel, MIN_EFFICIENCY_FRACTION, MAX_EFFICIENCY_FRACTION, type LeastSquaresFit } from './fit/least-squares-fit.js';
export {
  calibrate,
  isHeldOut,
  MIN_MEASUREMENTS,
  HELD_OUT_EVERY,
  MIN_POINTS_PER_BOUND,
  type CalibrationFit,
  type FittedCoefficients,
  type HeldOutCheck,
  type PointResidual,
} from './fit/calibrate.js';
export { checkMoeDecode, type MoeCheck, type MoeCheckRow } from './moe/moe-check.js';
export { efficiencyFromProfile, type CalibrationProfileSummary } from './profile/efficiency-from-profile.js';
export { stepTimeUncertainty, type StepTimeUncertainty } from './profile/step-time-uncertainty.js';
export { measurementSetFromVllmBenchmarkServing, MAX_VLLM_RESULTS, type VllmBenchmarkServingImport } from './import/vllm-benchmark-serving.js';
