export * from './what-if/types.js';
export {
  DEFAULT_PRICING,
  ON_DEMAND_PREMIUM_FACTOR,
  KIMI_K2_2025_LIST_PRICES,
  MOONSHOT_V1_128K_2024_LIST_PRICES,
  defaultPricing,
} from './pricing/default-pricing.js';
export { validatePricing } from './pricing/validate-pricing.js';
export { gpuHourCost, type GpuHourCost } from './figures/gpu-hour-cost.js';
export { costFigures, DAYS_PER_BILLING_MONTH, type CostFiguresInput } from './figures/cost-figures.js';
export { DEFAULT_DEPLOYMENT, DEFAULT_SLO, MAX_AUTO_TENSOR_PARALLEL_SIZE, type DeploymentDefaults } from './what-if/defaults.js';
export { resolveScenario, type ResolvedScenario } from './what-if/resolve-scenario.js';
export { bindingLimitOf, type BindingLimitInput, type BindingLimitVerdict } from './what-if/binding-limit.js';
export { evaluateWhatIf } from './what-if/evaluate-what-if.js';
export { formatWhatIfComparisonTable, groupedNumber, type LabelledEvaluation } from './what-if/format-comparison-table.js';
export * from './forecast/index.js';
export * from './money/index.js';
export { mulberry32, standardNormalSource, lognormalMuForMean, type RandomSource } from './random/seeded-random.js';
