import {
  replicaThroughputPrepared,
  replicasForDemand,
  type ReplicaRequirement,
} from '../../../capacity/src/index.js';
import { demandProfileOfValidatedWorkload } from '../../../workload/src/index.js';
import { costFigures } from '../figures/cost-figures.js';
import { bindingLimitOf } from './binding-limit.js';
import { resolveScenario } from './resolve-scenario.js';
import type { CostFigures, HourlyPlanPoint, ScenarioSpec, WhatIfEvaluation } from './types.js';

const NO_REPLICAS: ReplicaRequirement = Object.freeze({
  replicas: 0,
  gpus: 0,
  utilizationFraction: 0,
  prefillBusyFraction: 0,
  decodeBusyFraction: 0,
});

/**
 * Evaluates a what-if scenario: memory of one replica, its throughput at the SLO, the demand
 * profile, replicas and GPUs at the peak and the mean hour, an hour-by-hour plan (each hour sized
 * for its own demand at the target utilisation), the cost of that plan, what limits it and why.
 *
 * Never throws for a scenario that is valid but cannot be served (weights that do not fit the
 * chosen tensor-parallel size, an SLO no batch meets): it returns sloFeasible false in
 * `throughput`, zero replicas, GPUs and GPU cost (reserved GPUs are still paid for), a null margin,
 * the binding limit ('memory' or 'slo') and a warning. No field is NaN or Infinity.
 *
 * Cost attribution: GPU cost goes to input and output tokens by the prefill and decode shares of
 * the fleet's busy time (at the mean hour; the shares are the same every hour because the request
 * shape is).
 *
 * Deterministic: the same scenario gives the same evaluation (no clock, no randomness).
 *
 * @throws RangeError naming the field for an invalid scenario (unknown catalog id, a value out of range).
 */
export function evaluateWhatIf(spec: ScenarioSpec): WhatIfEvaluation {
  const resolved = resolveScenario(spec);
  const { deployment, workload, slo, pricing, gpu, model } = resolved;
  const tensorParallelSize = deployment.tensorParallelSize;
  // resolveScenario has validated the workload.
  const demand = demandProfileOfValidatedWorkload(workload);
  const sizes = workload.requestSizes;
  const warnings: string[] = [];

  const { prepared, memory } = resolved;
  const throughput = replicaThroughputPrepared(prepared, slo, {
    meanPromptTokens: sizes.meanPromptTokens,
    meanOutputTokens: sizes.meanOutputTokens,
    prefixCacheHitFraction: workload.prefixCacheHitFraction,
  });
  for (const warning of throughput.warnings) warnings.push(warning);

  const feasible = memory.fitsWeights && throughput.sloFeasible;
  const target = resolved.targetUtilizationFraction;
  let atPeak = NO_REPLICAS;
  let atMean = NO_REPLICAS;
  const hourly: HourlyPlanPoint[] = [];
  const hourlyGpus: number[] = [];
  if (feasible) {
    // One scratch demand object for the 26 sizings: replicasForDemand reads it and keeps nothing.
    const rates: { prefillTokensPerSecond: number; outputTokensPerSecond: number } = { prefillTokensPerSecond: 0, outputTokensPerSecond: 0 };
    const size = (prefillTokensPerSecond: number, outputTokensPerSecond: number): ReplicaRequirement => {
      rates.prefillTokensPerSecond = prefillTokensPerSecond;
      rates.outputTokensPerSecond = outputTokensPerSecond;
      return replicasForDemand(throughput, rates, tensorParallelSize, target);
    };
    atPeak = size(demand.peak.prefillTokensPerSecond, demand.peak.outputTokensPerSecond);
    atMean = size(demand.mean.prefillTokensPerSecond, demand.mean.outputTokensPerSecond);
    for (let i = 0; i < demand.hourly.length; i++) {
      const hour = demand.hourly[i]!;
      const need = size(hour.prefillTokensPerSecond, hour.outputTokensPerSecond);
      hourly.push({ hour: hour.hour, replicas: need.replicas, gpus: need.gpus, utilizationFraction: need.utilizationFraction });
      hourlyGpus.push(need.gpus);
    }
  } else {
    for (let i = 0; i < demand.hourly.length; i++) {
      hourly.push({ hour: demand.hourly[i]!.hour, replicas: 0, gpus: 0, utilizationFraction: 0 });
      hourlyGpus.push(0);
    }
    warnings.push('The scenario cannot be served as specified: replicas, GPUs and GPU cost are 0 and the margin is null.');
  }

  const busy = atMean.prefillBusyFraction + atMean.decodeBusyFraction;
  const figures = costFigures({
    hourlyGpus,
    pricing,
    dailyActiveUsers: workload.dailyActiveUsers,
    inputTokensPerDay: demand.inputTokensPerDay,
    outputTokensPerDay: demand.outputTokensPerDay,
    prefillShareOfBusyFraction: busy > 0 ? atMean.prefillBusyFraction / busy : demand.inputTokenFraction,
  });
  const cost: CostFigures = feasible ? figures : { ...figures, marginFraction: null };

  const verdict = bindingLimitOf({
    memory,
    throughput,
    slo,
    atPeak,
    minimumGpusForWeights: resolved.minimumGpusForWeights,
    maxBatchSequences: deployment.maxBatchSequences,
    prefillChunkTokens: deployment.prefillChunkTokens,
  });

  if (tensorParallelSize > gpu.gpusPerNode) {
    warnings.push(
      `A replica of ${tensorParallelSize} GPUs spans ${Math.ceil(tensorParallelSize / gpu.gpusPerNode)} nodes of ${gpu.gpusPerNode}: its tensor-parallel collectives cross the network.`,
    );
  }
  if (feasible && pricing.reservedGpus > atPeak.gpus) {
    warnings.push(`${pricing.reservedGpus} reserved GPUs exceed the ${atPeak.gpus} needed at peak: the surplus is paid for all day.`);
  }

  return {
    modelId: model.id,
    gpuId: gpu.id,
    tensorParallelSize,
    minimumGpusForWeights: resolved.minimumGpusForWeights,
    memory,
    throughput,
    demand,
    atPeak,
    atMean,
    hourly,
    cost,
    bindingLimit: verdict.bindingLimit,
    bindingLimitExplanation: verdict.explanation,
    efficiency: deployment.efficiency,
    warnings,
  };
}
