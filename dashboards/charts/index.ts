export * from './types.js';
export { tableToCsv } from './csv.js';
export { memoryChart, rooflineChart, WEIGHT_COMPONENTS, type RooflinePoint, type RooflineSeries } from './scenario-charts.js';
export { hourlyGpusChart, whatIfComparisonChart } from './what-if-charts.js';
export { forecastCostChart, forecastCostPerUserChart, forecastGpusChart, tornadoChart, budgetOfMonth } from './forecast-charts.js';
