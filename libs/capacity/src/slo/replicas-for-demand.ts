import type { DemandRates, ReplicaRequirement, ReplicaThroughput } from '../types.js';
import {
  requireNonNegativeFinite,
  requireOpenClosedFraction,
  requirePositiveInteger,
} from '../validation/require.js';

/**
 * Guards against ceil(3.0000000000000004) = 4 when busy / target is a whole number up to
 * floating-point noise.
 */
const CEIL_TOLERANCE = 1e-9;

/**
 * Replicas that serve `demand` at `targetUtilizationFraction`, with prefill and decode sharing each
 * replica's time (colocated serving, chunked prefill):
 *
 *   busy (replica-seconds per second) = prefill demand / prefill capacity + output demand / decode capacity
 *   replicas = ceil(busy / target), at least 1 when there is any demand, 0 when there is none
 *   utilizationFraction = busy / replicas; prefill and decode busy fractions are its two parts.
 *
 * Does not look at throughput.sloFeasible: an infeasible SLO still has best-effort capacity and
 * callers (the what-if composer) read the flag first.
 *
 * @throws RangeError when demand needs a capacity the throughput does not have ("slo: infeasible …")
 *   or an input is out of range. Never returns Infinity.
 */
export function replicasForDemand(
  throughput: ReplicaThroughput,
  demand: DemandRates,
  gpusPerReplica: number,
  targetUtilizationFraction: number,
): ReplicaRequirement {
  if (throughput === null || typeof throughput !== 'object') {
    throw new RangeError(`throughput: must be an object, got ${String(throughput)}`);
  }
  if (demand === null || typeof demand !== 'object') throw new RangeError(`demand: must be an object, got ${String(demand)}`);
  requireNonNegativeFinite(demand.prefillTokensPerSecond, 'demand.prefillTokensPerSecond');
  requireNonNegativeFinite(demand.outputTokensPerSecond, 'demand.outputTokensPerSecond');
  requireNonNegativeFinite(throughput.prefillTokensPerSecond, 'throughput.prefillTokensPerSecond');
  requireNonNegativeFinite(throughput.decodeTokensPerSecond, 'throughput.decodeTokensPerSecond');
  requirePositiveInteger(gpusPerReplica, 'gpusPerReplica');
  requireOpenClosedFraction(targetUtilizationFraction, 'targetUtilizationFraction');

  const prefillBusy = busyReplicas(
    demand.prefillTokensPerSecond,
    throughput.prefillTokensPerSecond,
    'prefill',
    throughput.warnings,
  );
  const decodeBusy = busyReplicas(
    demand.outputTokensPerSecond,
    throughput.decodeTokensPerSecond,
    'decode',
    throughput.warnings,
  );
  const busy = prefillBusy + decodeBusy;
  const hasDemand = demand.prefillTokensPerSecond > 0 || demand.outputTokensPerSecond > 0;
  const replicas = hasDemand ? Math.max(1, Math.ceil(busy / targetUtilizationFraction - CEIL_TOLERANCE)) : 0;
  return {
    replicas,
    gpus: replicas * gpusPerReplica,
    utilizationFraction: replicas > 0 ? busy / replicas : 0,
    prefillBusyFraction: replicas > 0 ? prefillBusy / replicas : 0,
    decodeBusyFraction: replicas > 0 ? decodeBusy / replicas : 0,
  };
}

function busyReplicas(
  demandTokensPerSecond: number,
  capacityTokensPerSecond: number,
  phase: 'prefill' | 'decode',
  warnings: readonly string[],
): number {
  if (demandTokensPerSecond === 0) return 0;
  if (capacityTokensPerSecond === 0) {
    const why = warnings && warnings.length > 0 ? ` (${warnings.join('; ')})` : '';
    throw new RangeError(
      `slo: infeasible — a replica has no ${phase} capacity for ${demandTokensPerSecond} tokens/s of demand${why}`,
    );
  }
  return demandTokensPerSecond / capacityTokensPerSecond;
}
