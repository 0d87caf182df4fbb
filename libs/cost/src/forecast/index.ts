export * from './types.js';
export { dauAtMonth, growthSeries, validateGrowthCurve } from './growth.js';
export { fitGrowth, type GrowthFit } from './fit-growth.js';
export { percentileSorted, percentilesBySelection } from './percentile.js';
export { DEFAULT_TOKENS_PER_USER, DEFAULT_UNCERTAINTY, MAX_FORECAST_MONTHS, MAX_FORECAST_SAMPLES } from './defaults.js';
export {
  runForecast,
  prepareForecast,
  deterministicMonths,
  budgetVerdict,
  unitEconomics,
  CENTRAL,
  type PreparedForecast,
  type CentralMultipliers,
} from './forecast.js';
export { forecastSensitivity, SENSITIVITY_INPUTS, type SensitivityInput, type SensitivityResult, type TornadoBar } from './sensitivity.js';
export { efficiencySigmaFromRelativeStepTimeSd } from './efficiency-uncertainty.js';
export { affordableGpus, type AffordableGpus } from './affordable-gpus.js';
export { compareForecasts, type ForecastComparison, type ForecastSummary, type Attribution } from './compare.js';
export { deterministicMonthMoney, monthCostCny, commitmentVerdict, type MonthCostCny } from './month-money.js';
export {
  changedInputPaths,
  withInputFrom,
  attributeDifference,
  type InputEffect,
  type InputShare,
  type DifferenceAttribution,
} from './input-attribution.js';
