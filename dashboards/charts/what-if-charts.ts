import type { WhatIfEvaluation } from '../../libs/cost/src/index.js';
import { axis, baseOptions, colour } from './style.js';
import type { ChartSpec } from './types.js';

type Evaluation = Pick<WhatIfEvaluation, 'hourly' | 'atPeak' | 'atMean' | 'cost' | 'modelId' | 'gpuId' | 'tensorParallelSize' | 'bindingLimit'>;

/** GPUs the plan runs hour by hour over the day (bars) and the fleet's busy fraction (line, right axis). */
export function hourlyGpusChart(evaluation: Evaluation): ChartSpec {
  const labels = evaluation.hourly.map((h) => h.hour);
  return {
    id: 'hourly-gpus',
    title: 'GPUs by hour',
    config: {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'GPUs', data: evaluation.hourly.map((h) => h.gpus), backgroundColor: colour(0), yAxisID: 'y', order: 2 },
          {
            label: 'fleet utilization (%)',
            type: 'line',
            data: evaluation.hourly.map((h) => h.utilizationFraction * 100),
            borderColor: colour(1),
            backgroundColor: colour(1),
            yAxisID: 'y1',
            order: 1,
          },
        ],
      },
      options: {
        ...baseOptions(
          `GPUs by hour: ${evaluation.modelId} on ${evaluation.gpuId} (TP ${evaluation.tensorParallelSize})`,
          `peak ${evaluation.atPeak.gpus} GPUs, mean ${evaluation.atMean.gpus}; binding limit: ${evaluation.bindingLimit}`,
        ),
        scales: {
          x: axis('hour of day'),
          y: axis('GPUs', { beginAtZero: true, position: 'left' }),
          y1: axis('fleet utilization (%)', { beginAtZero: true, max: 100, position: 'right', grid: { drawOnChartArea: false } }),
        },
      },
    },
    table: {
      columns: ['hour', 'replicas', 'gpus', 'utilizationFraction'],
      rows: evaluation.hourly.map((h) => [h.hour, h.replicas, h.gpus, h.utilizationFraction]),
    },
  };
}

/** GPU count at peak and cost per user, the scenario as first opened ("baseline") against the current inputs. */
export function whatIfComparisonChart(baseline: Evaluation, current: Evaluation): ChartSpec {
  const labels = ['baseline', 'current'];
  const both = [baseline, current];
  return {
    id: 'gpus-and-cost',
    title: 'GPU count and cost per user',
    config: {
      type: 'bar',
      data: {
        labels,
        datasets: [
          { label: 'GPUs at peak', data: both.map((e) => e.atPeak.gpus), backgroundColor: colour(0), yAxisID: 'y' },
          { label: 'cost per DAU per month (CNY)', data: both.map((e) => e.cost.costCnyPerDauPerMonth), backgroundColor: colour(1), yAxisID: 'y1' },
        ],
      },
      options: {
        ...baseOptions('GPU count and cost per user: baseline vs current'),
        scales: {
          x: axis('scenario'),
          y: axis('GPUs at peak', { beginAtZero: true, position: 'left' }),
          y1: axis('cost per DAU per month (CNY)', { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } }),
        },
      },
    },
    table: {
      columns: ['scenario', 'modelId', 'gpuId', 'gpusAtPeak', 'gpusAtMean', 'costCnyPerDauPerMonth', 'costCnyPer30DayMonth'],
      rows: both.map((e, i) => [labels[i]!, e.modelId, e.gpuId, e.atPeak.gpus, e.atMean.gpus, e.cost.costCnyPerDauPerMonth, e.cost.costCnyPer30DayMonth]),
    },
  };
}
