import { validateMeasurementSet } from '../../../libs/calibration/src/validate-measurement-set.js';
import { createReferenceBackend } from '../kernels/reference-backend.js';
import { createProgressBar } from './progress-bar.js';
import { runEngineSweep, type SweepProgress } from './run-engine-sweep.js';
import { QUICK_SWEEP_PLAN, type EngineSweepPlan } from './sweep-plan.js';

// Ceilings injected so the test needs no addon and its fractions are easy to check by hand.
const CEILINGS = { memoryBandwidthBytesPerSecond: 20e9, peakFlopsPerSecondByFormat: { int8: 400e9, fp32: 100e9 } };

const PLAN: EngineSweepPlan = {
  ...QUICK_SWEEP_PLAN,
  model: 'tiny',
  formats: ['int8'],
  decodeBatchSizes: [1, 4],
  contextTokens: [6],
  prefillChunkTokens: [8],
  expertVariants: [{ expertCount: 4, topK: 2 }, { expertCount: 8, topK: 2 }],
  warmupSteps: 1,
  repeats: 2,
};

describe('engine sweep on the tiny shape with the reference backend', () => {
  it('measures decode batch × context and a prefill chunk per expert variant, in the calibration schema', async () => {
    const seen: SweepProgress[] = [];
    const result = await runEngineSweep(PLAN, { backend: createReferenceBackend(), ceilings: CEILINGS, onProgress: (p) => seen.push(p) });
    // 2 variants × (2 decode points + 1 prefill point) = 6 measurements.
    expect(result.rows).toHaveLength(6);
    expect(() => validateMeasurementSet(JSON.parse(JSON.stringify(result.measurementSet)))).not.toThrow();
    const [batch1, batch4, prefill] = result.rows;
    // Batch 1, top-2: exactly 2 distinct experts per layer; its weight bytes ÷ step seconds ÷ 20 GB/s is the fraction.
    expect(batch1!.measurement.distinctExpertsPerLayer).toBe(2);
    expect(batch1!.bandwidthFraction).toBeCloseTo(batch1!.weightBytesPerSecond / 20e9, 12);
    expect(batch4!.measurement.tokensInStep).toBe(4);
    // The KV read is counted in bytesPerStep: at context 6 + 1 warm-up + the mean of 2 repeats (0.5) = 7.5 tokens
    // before the step, each decode reads 8.5 tokens on average × 2 layers × 2 (K, V) × 2 heads × 32 × 4 bytes
    // = 8.5 × 1,024 = 8,704 bytes.
    expect(batch1!.measurement.contextTokens).toBe(7.5);
    const weightBytes = batch1!.weightBytesPerSecond * batch1!.measurement.stepSeconds;
    expect(batch1!.measurement.bytesPerStep - weightBytes).toBeCloseTo(8_704, 3);
    expect(prefill!.measurement).toMatchObject({ phase: 'prefill', tokensInStep: 8, batchSequences: 1, contextTokens: 0 });
    expect(result.rows[3]!.measurement.expertCount).toBe(8);
    expect(seen.at(-1)).toMatchObject({ label: 'done', done: seen.at(-1)!.total });
  });

  it('stops between points when shouldStop turns true and returns what it measured', async () => {
    let calls = 0;
    const result = await runEngineSweep(PLAN, { backend: createReferenceBackend(), ceilings: CEILINGS, shouldStop: () => ++calls > 2 });
    expect(result.stopped).toBe(true);
    expect(result.rows.length).toBeGreaterThan(0);
    expect(result.rows.length).toBeLessThan(6);
  });

  it('without given ceilings, sets each point against the higher of the ceilings sampled just before and after it (needs the addon)', async () => {
    // One variant, decode batches 1 and 4 and one prefill chunk: 3 points, so 1 + 2 × 3 = 7 samples
    // of the bandwidth and of the INT8 peak (start, then before/after each point); the run's
    // ceilings are their medians (the 4th of 7 sorted), point i uses max(samples[2i + 1], samples[2i + 2]).
    const plan: EngineSweepPlan = { ...PLAN, expertVariants: [{ expertCount: 4, topK: 2 }] };
    const result = await runEngineSweep(plan, { backend: createReferenceBackend() });
    const fourthOfSeven = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[3]!;
    const bandwidth = result.bandwidthSamplesBytesPerSecond;
    const peak = result.peakSamplesFlopsPerSecond.int8!;
    expect(result.rows).toHaveLength(3);
    expect(bandwidth).toHaveLength(7);
    expect(peak).toHaveLength(7);
    expect(result.ceilings.memoryBandwidthBytesPerSecond).toBe(fourthOfSeven(bandwidth));
    expect(result.ceilings.peakFlopsPerSecondByFormat.int8).toBe(fourthOfSeven(peak));
    expect(result.measurementSet.hardware.memoryBandwidthBytesPerSecond).toBe(result.ceilings.memoryBandwidthBytesPerSecond);
    result.rows.forEach((row, i) => {
      expect(row.bandwidthBytesPerSecond).toBe(Math.max(bandwidth[2 * i + 1]!, bandwidth[2 * i + 2]!));
      expect(row.peakFlopsPerSecond).toBe(Math.max(peak[2 * i + 1]!, peak[2 * i + 2]!));
      expect(row.bandwidthFraction).toBeCloseTo(row.weightBytesPerSecond / row.bandwidthBytesPerSecond, 12);
    });
  });

  it('rejects a plan whose batch sizes are not positive integers, naming the field', async () => {
    await expect(runEngineSweep({ ...PLAN, decodeBatchSizes: [0] }, { ceilings: CEILINGS })).rejects.toThrow('plan.decodeBatchSizes: values must be integers from 1 to 1024, got 0');
  });
});

describe('progress bar', () => {
  it('writes nothing when stderr is not a terminal (piped output stays clean) and draws when it is', () => {
    const written: string[] = [];
    const piped = createProgressBar({ isTTY: false, write: (t: string) => written.push(t) });
    piped.update({ done: 1, total: 2, label: 'x' });
    piped.finish();
    expect(written).toEqual([]);
    const tty = createProgressBar({ isTTY: true, columns: 60, write: (t: string) => written.push(t) });
    tty.update({ done: 1, total: 2, label: 'int8 decode batch 8' });
    tty.finish();
    expect(written[0]).toContain('[############............] 1/2');
    expect(written.at(-1)).toBe('\n');
  });
});
