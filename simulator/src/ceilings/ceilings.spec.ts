import { measureMemoryBandwidth, measurePeakThroughput, releaseCeilingBuffers } from './ceilings.js';

describe('machine ceilings measured by the native addon', () => {
  it('a streaming read over 256 MiB reports a DRAM-like rate (between 1 GB/s and 1 TB/s)', () => {
    const m = measureMemoryBandwidth({ threads: 1, bytes: 256 * 1024 * 1024, repeats: 1 });
    expect(m.bufferBytes).toBe(256 * 1024 * 1024);
    expect(m.bytesPerSecond).toBeGreaterThan(1e9);
    expect(m.bytesPerSecond).toBeLessThan(1e12);
    releaseCeilingBuffers();
  });

  it('vpdpbusd does 4× the multiply-adds of vfmadd231ps per instruction, so the INT8 peak exceeds the FP32 peak', () => {
    // Both issue about one per cycle here (STACK-NOTES: 112 GFLOP/s FP32, 460 GOP/s INT8); even on a
    // busy shared vCPU the INT8 figure stays well above the FP32 one.
    const fp32 = measurePeakThroughput({ format: 'fp32', threads: 1, repeats: 1 });
    const int8 = measurePeakThroughput({ format: 'int8', threads: 1, repeats: 1 });
    expect(fp32.instruction).toBe('vfmadd231ps');
    expect(int8.instruction).toBe('vpdpbusd');
    expect(fp32.flopsPerSecond).toBeGreaterThan(1e9);
    expect(int8.flopsPerSecond).toBeGreaterThan(fp32.flopsPerSecond);
  });

  it('rejects a buffer that would fit in the caches and a bad thread count', () => {
    expect(() => measureMemoryBandwidth({ bytes: 16 * 1024 * 1024 })).toThrow(/bytes/);
    expect(() => measurePeakThroughput({ format: 'int8', threads: 0 })).toThrow(/threads/);
  });
});
