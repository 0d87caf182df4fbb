import type { MemoryBreakdown, ReplicaRequirement, ReplicaThroughput, SloSpec, StepTime } from '../../../capacity/src/index.js';
import { threeSignificantFigures } from './format-number.js';
import type { BindingLimit } from './types.js';

export interface BindingLimitVerdict {
  readonly bindingLimit: BindingLimit;
  readonly explanation: string;
}

export interface BindingLimitInput {
  readonly memory: MemoryBreakdown;
  readonly throughput: ReplicaThroughput;
  readonly slo: SloSpec;
  readonly atPeak: ReplicaRequirement;
  readonly minimumGpusForWeights: number;
  readonly maxBatchSequences: number;
  readonly prefillChunkTokens: number;
}

const n3 = threeSignificantFigures;

function gigabytes(bytes: number): string {
  return `${n3(bytes / 1e9)} GB`;
}

function percent(fraction: number): string {
  return `${n3(fraction * 100)} %`;
}

function stepBreakdown(step: StepTime): string {
  return `compute ${n3(step.computeSeconds)} s vs memory ${n3(step.memorySeconds)} s per step`;
}

/**
 * What limits the fleet, in one word and one sentence with the numbers. The rule, in order:
 * 1. the weights do not fit the replica → 'memory';
 * 2. the KV cache cannot hold even one mean request → 'memory';
 * 3. no batch meets the SLO (TTFT of an idle prefill, or TPOT of a one-sequence decode) → 'slo';
 * 4. otherwise the phase that takes most of the fleet's busy time at peak decides:
 *    - prefill → the bound of its step ('compute' or 'bandwidth');
 *    - decode whose batch the KV cache caps → 'memory';
 *    - decode whose batch the TPOT target (or the scheduler cap) caps → the bound of the decode
 *      step at that batch: the SLO binds because that resource is saturated.
 */
export function bindingLimitOf(input: BindingLimitInput): BindingLimitVerdict {
  const { memory, throughput, slo, atPeak } = input;
  if (!memory.fitsWeights) {
    const usableBytes = memory.hbmBytesPerReplica - memory.reservedBytes;
    return {
      bindingLimit: 'memory',
      explanation: `The weights need ${gigabytes(memory.weights.totalBytes)} but ${memory.gpusPerReplica} GPU(s) per replica leave ${gigabytes(usableBytes)} after the reserve; at least ${input.minimumGpusForWeights} GPUs per replica are needed.`,
    };
  }
  if (throughput.decodeBatchSequences < 1 && throughput.decodeBatchLimitedBy === 'kv-memory') {
    return {
      bindingLimit: 'memory',
      explanation: `The KV cache (${gigabytes(memory.kvCacheBytes)}, ${n3(memory.kvCapacityTokens)} tokens) cannot hold one mean request of ${n3(throughput.meanDecodeContextTokens)} context tokens; use more GPUs per replica or a smaller KV format.`,
    };
  }
  if (!throughput.sloFeasible) {
    if (throughput.idleTtftSeconds > slo.ttftSeconds) {
      return {
        bindingLimit: 'slo',
        explanation: `Prefilling one mean prompt on an idle replica takes ${n3(throughput.idleTtftSeconds)} s, over the ${n3(slo.ttftSeconds)} s TTFT target; no load meets it.`,
      };
    }
    if (throughput.decodeStep.stepSeconds > slo.tpotSeconds) {
      return {
        bindingLimit: 'slo',
        explanation: `A decode step takes ${n3(throughput.decodeStep.stepSeconds)} s even at ${throughput.decodeBatchSequences} sequence(s), over the ${n3(slo.tpotSeconds)} s TPOT target (${stepBreakdown(throughput.decodeStep)}).`,
      };
    }
    return {
      bindingLimit: 'slo',
      explanation: `No batch meets the SLO (TTFT ${n3(slo.ttftSeconds)} s, TPOT ${n3(slo.tpotSeconds)} s)${throughput.warnings.length > 0 ? `: ${throughput.warnings[0]}` : '.'}`,
    };
  }

  const prefill = atPeak.prefillBusyFraction;
  const decode = atPeak.decodeBusyFraction;
  const shares = `prefill ${percent(prefill)} and decode ${percent(decode)} of each replica's time at peak`;
  if (prefill > decode) {
    const step = throughput.prefillStep;
    return {
      bindingLimit: step.bound,
      explanation: `Prefill sets the replica count (${shares}): a replica prefills ${n3(throughput.prefillTokensPerSecond)} tokens/s, ${step.bound}-bound in ${input.prefillChunkTokens}-token chunks (${stepBreakdown(step)}).`,
    };
  }
  const step = throughput.decodeStep;
  const batch = throughput.decodeBatchSequences;
  switch (throughput.decodeBatchLimitedBy) {
    case 'kv-memory':
      return {
        bindingLimit: 'memory',
        explanation: `Decode sets the replica count (${shares}) and the KV cache caps its batch: ${n3(memory.kvCapacityTokens)} tokens (${gigabytes(memory.kvCacheBytes)}) hold ${batch} sequences of ${n3(throughput.meanDecodeContextTokens)} tokens; a step at that batch takes ${n3(step.stepSeconds)} s, under the ${n3(slo.tpotSeconds)} s TPOT target.`,
      };
    case 'tpot-slo':
      return {
        bindingLimit: step.bound,
        explanation: `Decode sets the replica count (${shares}) and the ${n3(slo.tpotSeconds)} s TPOT target caps its batch at ${batch} sequences, where the step (${n3(step.stepSeconds)} s) is ${step.bound}-bound (${stepBreakdown(step)}).`,
      };
    case 'max-batch':
      return {
        bindingLimit: step.bound,
        explanation: `Decode sets the replica count (${shares}) and the scheduler cap of ${input.maxBatchSequences} sequences caps its batch; the step (${n3(step.stepSeconds)} s, under the ${n3(slo.tpotSeconds)} s TPOT target) is ${step.bound}-bound (${stepBreakdown(step)}). Raising maxBatchSequences would add throughput.`,
      };
  }
}
