export * from './types.js';
export { tableToCsv } from './csv.js';
export { memoryChart, rooflineChart, WEIGHT_COMPONENTS, type RooflinePoint, type RooflineSeries } from './scenario-charts.js';
export { hourlyGpusChart, whatIfComparisonChart } from './what-if-charts.js';
export { forecastCostChart, forecastCostPerUserChart, forecastGpusChart, tornadoChart, budgetOfMonth } from './forecast-charts.js';
export { planReplicasChart, planAttainmentChart, planCostChart, scaleUps } from './plan-charts.js';
export { calibrationScatterChart, calibrationResidualsChart, fitSummary } from './calibration-charts.js';
export { forecastToCsv } from './forecast-csv.js';
export { benchStepTimesChart } from './bench-charts.js';
