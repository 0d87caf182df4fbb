import type { MemoryBreakdown, ReplicaRequirement, ReplicaThroughput, StepTime } from '../../../capacity/src/index.js';
import { bindingLimitOf, type BindingLimitInput } from './binding-limit.js';

// Hand-built replicas, one per rule of bindingLimitOf, so each branch is checked on its own.
const step = (over: Partial<StepTime>): StepTime => ({
  stepSeconds: 0.05,
  computeSeconds: 0.01,
  memorySeconds: 0.045,
  communicationSeconds: 0.003,
  overheadSeconds: 0.002,
  flops: 1e12,
  bytesMoved: 1e11,
  distinctExpertsPerLayer: 16,
  bound: 'bandwidth',
  ...over,
});
const memory: MemoryBreakdown = {
  gpusPerReplica: 4,
  hbmBytesPerReplica: 320e9,
  weights: {
    embeddingBytes: 0,
    lmHeadBytes: 0,
    attentionBytes: 0,
    denseFfnBytes: 0,
    routerBytes: 0,
    sharedExpertBytes: 0,
    routedExpertBytes: 0,
    normBytes: 0,
    totalBytes: 150e9,
  },
  weightsBytesPerGpu: 37.5e9,
  reservedBytes: 40e9,
  kvCacheBytes: 130e9,
  kvBytesPerToken: 196_608,
  kvCapacityTokens: 661_214,
  fitsWeights: true,
};
const throughput: ReplicaThroughput = {
  decodeBatchSequences: 42,
  decodeBatchLimitedBy: 'kv-memory',
  decodeStep: step({}),
  decodeTokensPerSecond: 840,
  meanDecodeContextTokens: 15_400,
  prefillStep: step({ stepSeconds: 1, computeSeconds: 0.9, memorySeconds: 0.1, bound: 'compute' }),
  prefillTokensPerSecond: 8000,
  idleTtftSeconds: 0.9,
  sloFeasible: true,
  warnings: [],
};
const atPeak: ReplicaRequirement = { replicas: 10, gpus: 40, utilizationFraction: 0.7, prefillBusyFraction: 0.2, decodeBusyFraction: 0.5 };
const base: BindingLimitInput = {
  memory,
  throughput,
  slo: { ttftSeconds: 2, tpotSeconds: 0.08 },
  atPeak,
  minimumGpusForWeights: 3,
  maxBatchSequences: 256,
  prefillChunkTokens: 8192,
};

describe('binding limit rules', () => {
  it('1. weights that do not fit → memory, naming the GPUs needed', () => {
    const verdict = bindingLimitOf({ ...base, memory: { ...memory, gpusPerReplica: 2, hbmBytesPerReplica: 160e9, reservedBytes: 20e9, fitsWeights: false, kvCacheBytes: 0, kvCapacityTokens: 0 } });
    expect(verdict.bindingLimit).toBe('memory');
    // usable 160 − 20 = 140 GB < 150 GB of weights
    expect(verdict.explanation).toBe(
      'The weights need 150 GB but 2 GPU(s) per replica leave 140 GB after the reserve; at least 3 GPUs per replica are needed.',
    );
  });

  it('2. a KV cache without room for one request → memory', () => {
    const verdict = bindingLimitOf({ ...base, throughput: { ...throughput, decodeBatchSequences: 0, sloFeasible: false } });
    expect(verdict.bindingLimit).toBe('memory');
    expect(verdict.explanation).toContain('cannot hold one mean request of 15400 context tokens');
  });

  it('3a. an idle prefill slower than the TTFT target → slo', () => {
    const verdict = bindingLimitOf({ ...base, throughput: { ...throughput, idleTtftSeconds: 3.2, sloFeasible: false } });
    expect(verdict.bindingLimit).toBe('slo');
    expect(verdict.explanation).toContain('takes 3.2 s, over the 2 s TTFT target');
  });

  it('3b. a one-sequence decode step slower than the TPOT target → slo', () => {
    const slow = { ...throughput, decodeBatchSequences: 1, decodeStep: step({ stepSeconds: 0.0931 }), sloFeasible: false };
    const verdict = bindingLimitOf({ ...base, throughput: slow });
    expect(verdict.bindingLimit).toBe('slo');
    expect(verdict.explanation).toContain('takes 0.0931 s even at 1 sequence(s), over the 0.08 s TPOT target');
  });

  it('4a. prefill taking most of the busy time → the prefill step bound (compute)', () => {
    const verdict = bindingLimitOf({ ...base, atPeak: { ...atPeak, prefillBusyFraction: 0.6, decodeBusyFraction: 0.1 } });
    expect(verdict.bindingLimit).toBe('compute');
    expect(verdict.explanation).toContain('Prefill sets the replica count (prefill 60 % and decode 10 %');
    expect(verdict.explanation).toContain('8000 tokens/s, compute-bound in 8192-token chunks');
  });

  it('4b. decode with a KV-capped batch → memory', () => {
    const verdict = bindingLimitOf(base);
    expect(verdict.bindingLimit).toBe('memory');
    expect(verdict.explanation).toContain('hold 42 sequences of 15400 tokens');
  });

  it('4c. decode with a TPOT-capped batch → the decode step bound', () => {
    const tpot = { ...throughput, decodeBatchLimitedBy: 'tpot-slo' as const, decodeStep: step({ stepSeconds: 0.079, bound: 'compute', computeSeconds: 0.07, memorySeconds: 0.05 }) };
    const verdict = bindingLimitOf({ ...base, throughput: tpot });
    expect(verdict.bindingLimit).toBe('compute');
    expect(verdict.explanation).toContain('the 0.08 s TPOT target caps its batch at 42 sequences, where the step (0.079 s) is compute-bound');
  });

  it('4d. decode capped by the scheduler → the decode step bound, with a hint', () => {
    const capped = { ...throughput, decodeBatchLimitedBy: 'max-batch' as const };
    const verdict = bindingLimitOf({ ...base, throughput: capped });
    expect(verdict.bindingLimit).toBe('bandwidth');
    expect(verdict.explanation).toContain('scheduler cap of 256 sequences');
  });
});
