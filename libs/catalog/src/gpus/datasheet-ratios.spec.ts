import { GPU_CATALOG, listGpus } from './gpu-catalog.js';

/**
 * Guards against pasting a "with sparsity" figure where a dense one belongs: on every NVIDIA tensor
 * core since Hopper / Ada, dense FP8 = 2 × dense BF16 and FP4 = 2 × FP8 (datasheets), so a stray
 * sparse figure shows up as a 4× ratio. L40S is 733 / 362.05 = 2.02, hence the 2 % tolerance.
 */
describe('dense peak rates keep the datasheet ratios between formats', () => {
  it.each(listGpus().map((gpu) => [gpu.id, gpu] as const))('%s', (_id, gpu) => {
    const { bf16, fp8, int8, fp4 } = gpu.peakOpsPerSecond;
    if (bf16 === null) throw new Error('every catalogued GPU has BF16');
    if (fp8 !== null) expect(Math.abs(fp8 / bf16 / 2 - 1)).toBeLessThan(0.02);
    if (int8 !== null) expect(Math.abs(int8 / bf16 / 2 - 1)).toBeLessThan(0.02);
    if (fp4 !== null && fp8 !== null) expect(fp4 / fp8).toBe(2);
  });

  it('H100 SXM dense BF16 is half the datasheet\'s 1,979 sparse TFLOPS, within 0.1 %', () => {
    expect(Math.abs(GPU_CATALOG['h100-sxm'].peakOpsPerSecond.bf16! / (1979e12 / 2) - 1)).toBeLessThan(0.001);
  });

  it('only Blackwell has FP4; Ampere has no FP8', () => {
    expect(listGpus().filter((gpu) => gpu.peakOpsPerSecond.fp4 !== null).map((gpu) => gpu.id)).toEqual(['b200']);
    expect(GPU_CATALOG['a100-40gb'].peakOpsPerSecond.fp8).toBeNull();
    expect(GPU_CATALOG['a100-80gb'].peakOpsPerSecond.fp8).toBeNull();
  });

  it('only L40S connects over PCIe', () => {
    expect(listGpus().filter((gpu) => gpu.interconnectKind === 'pcie').map((gpu) => gpu.id)).toEqual(['l40s']);
  });
});
