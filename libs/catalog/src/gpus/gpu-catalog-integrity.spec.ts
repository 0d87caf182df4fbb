import type { GpuSpec } from '../types.js';
import { GPU_CATALOG, findGpu, listGpus } from './gpu-catalog.js';

const gpus = listGpus();
const NUMERIC_FIELDS = [
  'hbmBytes',
  'hbmBytesPerSecond',
  'interconnectBytesPerSecond',
  'networkBytesPerSecond',
  'gpusPerNode',
  'boardPowerWatts',
  'priceCnyPerGpuHour',
  'priceUsdPerGpuHour',
] as const satisfies ReadonlyArray<keyof GpuSpec>;

describe('GPU catalog integrity', () => {
  it('holds the eight catalogued GPUs, each under its own id', () => {
    expect(gpus.map((gpu) => gpu.id)).toEqual(['a100-40gb', 'a100-80gb', 'h100-sxm', 'h800', 'h20', 'h200', 'l40s', 'b200']);
    for (const [key, gpu] of Object.entries(GPU_CATALOG)) expect(gpu.id).toBe(key);
    expect(new Set(gpus.map((gpu) => gpu.id)).size).toBe(gpus.length);
  });

  it.each(gpus.map((gpu) => [gpu.id, gpu] as const))('%s: every figure is finite and positive', (_id, gpu) => {
    for (const field of NUMERIC_FIELDS) {
      expect({ field, ok: Number.isFinite(gpu[field]) && gpu[field] > 0 }).toEqual({ field, ok: true });
    }
    expect(gpu.peakOpsPerSecond.bf16).not.toBeNull();
    for (const ops of Object.values(gpu.peakOpsPerSecond)) {
      if (ops !== null) expect(Number.isFinite(ops) && ops > 0).toBe(true);
    }
  });

  it.each(gpus.map((gpu) => [gpu.id, gpu] as const))('%s: every figure has a non-empty source', (_id, gpu) => {
    for (const field of [...NUMERIC_FIELDS, 'peakOpsPerSecond']) {
      expect({ field, source: (gpu.sources[field] ?? '').length > 10 }).toEqual({ field, source: true });
    }
  });

  it('prices in CNY and USD agree at 7.2 CNY/USD within a cent', () => {
    for (const gpu of gpus) expect(gpu.priceCnyPerGpuHour / 7.2).toBeCloseTo(gpu.priceUsdPerGpuHour, 2);
  });

  it('is frozen all the way down: mutation throws in strict mode', () => {
    const h100 = GPU_CATALOG['h100-sxm'] as { -readonly [K in keyof GpuSpec]: GpuSpec[K] };
    expect(() => {
      h100.hbmBytes = 1;
    }).toThrow(TypeError);
    expect(() => {
      (h100.peakOpsPerSecond as { fp4: number | null }).fp4 = 1;
    }).toThrow(TypeError);
    expect(() => {
      (h100.sources as Record<string, string>).hbmBytes = 'changed';
    }).toThrow(TypeError);
    expect(() => {
      (GPU_CATALOG as Record<string, GpuSpec>).x = h100;
    }).toThrow(TypeError);
    expect(() => (listGpus() as GpuSpec[]).push(h100)).toThrow(TypeError);
  });

  it('findGpu finds own ids only', () => {
    expect(findGpu('h20')).toBe(GPU_CATALOG.h20);
    expect(findGpu('H20')).toBeUndefined();
    expect(findGpu('constructor')).toBeUndefined();
    expect(findGpu('__proto__')).toBeUndefined();
  });
});
