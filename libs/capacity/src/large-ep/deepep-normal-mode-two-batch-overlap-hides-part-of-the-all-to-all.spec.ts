import { mixtralEpPoolOnH100 } from '../testing/expert-pool-fixture.js';
import { expertParallelDecodeStep, expertParallelPrefillStep } from './expert-parallel-step.js';
import { NORMAL_MODE_TWO_BATCH_OVERLAP_SPEEDUP, overlappedStepSeconds } from './two-batch-overlap.js';

/**
 * SGLang's two-batch overlap raised DeepSeek-V3 prefill throughput by 27–35 % over running
 * computation and DeepEP normal-mode communication back to back (LMSYS 2025-05-05); decode's
 * low-latency kernels overlap without SMs. capsim: prefill step = max(longer part, serial ÷ 1.31).
 */
describe('two-batch overlap with DeepEP normal-mode kernels (prefill) hides only part of the all-to-all', () => {
  it('uses the midpoint of the published 27–35 % gain', () => {
    expect(NORMAL_MODE_TWO_BATCH_OVERLAP_SPEEDUP).toBe(1.31);
  });

  it('V1-like prefill step: compute 1.28 s and all-to-all 1.89 s take (1.28 + 1.89) / 1.31 = 2.420 s, not max = 1.89 s', () => {
    expect(overlappedStepSeconds(1.28, 1.89, true)).toBeCloseTo(3.17 / 1.31, 12); // 2.41985 s
    // decode (low-latency kernels): perfect overlap
    expect(overlappedStepSeconds(1.28, 1.89, false)).toBe(1.89);
  });

  it('never better than perfect overlap: 1 s under 5 s of all-to-all stays 5 s (6 / 1.31 = 4.58 s would beat the longer part)', () => {
    expect(overlappedStepSeconds(1, 5, true)).toBe(5);
    expect(overlappedStepSeconds(5, 1, true)).toBe(5);
  });

  // Mixtral-8x7B BF16, EP16 over two H100 nodes with round coefficients (η_compute 0.5, η_memory 0.8,
  // η_interconnect 0.5, 1 ms overhead): the pool functions route prefill through the partial overlap
  // and decode through the full one.
  const pool = (overlapCommunication: boolean) => mixtralEpPoolOnH100({ expertParallelSize: 16, redundantExpertsPerLayer: 8, overlapCommunication });


  it('a prefill pool: overlapped step = max(longer part, (roofline + all-to-all) / 1.31) + 1 ms, from the serial step of the same pool', () => {
    const serial = expertParallelPrefillStep(pool(false), 4, 2048);
    const overlapped = expertParallelPrefillStep(pool(true), 4, 2048);
    const roof = Math.max(serial.computeSeconds, serial.memorySeconds);
    expect(serial.stepSeconds).toBeCloseTo(roof + serial.communicationSeconds + 0.001, 12);
    const partial = (roof + serial.communicationSeconds) / 1.31;
    expect(overlapped.stepSeconds).toBeCloseTo(Math.max(roof, serial.communicationSeconds, partial) + 0.001, 12);
    expect(overlapped.stepSeconds).toBeLessThan(serial.stepSeconds);
  });

  it('a decode pool keeps perfect overlap: max(roofline, all-to-all) + 1 ms', () => {
    const d = expertParallelDecodeStep(pool(true), 64, 1000);
    expect(d.stepSeconds).toBeCloseTo(Math.max(d.computeSeconds, d.memorySeconds, d.communicationSeconds) + 0.001, 12);
  });
});
