/**
 * The machine's ceilings, measured by the native addon in the engine's own process, so that every
 * engine figure can be printed as a fraction of them:
 * - memory bandwidth: an AVX-512 streaming read over a buffer far larger than the 32 MiB L3, split
 *   over `threads` like a decode GEMV, median of `repeats` passes (after one warm-up pass). The
 *   filled buffer is kept for the next call of the same size, so benchmarks can interleave short
 *   measurements with kernel runs (on shared vCPUs the ceiling moves minute to minute); call
 *   releaseCeilingBuffers() when done;
 * - peak throughput: the format's multiply-add instruction (vfmadd231ps for fp32, vdpbf16ps for
 *   bf16, vpdpbusd for int8 and int4) on 12 independent register accumulators, median of repeats.
 *   FLOP count 2 per multiply-add (an INT8 "op" counts like a FLOP).
 */
import type { KernelWeightFormat } from '../kernels/kernel-backend.js';
import { loadNativeAddon } from '../kernels/native-addon.js';
import { FORMAT_CODES, validateThreads } from '../kernels/native-backend.js';

export interface MemoryBandwidthMeasurement {
  readonly threads: number;
  readonly bufferBytes: number;
  readonly repeats: number;
  readonly bytesPerSecond: number;
}

export interface PeakThroughputMeasurement {
  readonly format: KernelWeightFormat;
  readonly threads: number;
  readonly repeats: number;
  /** The instruction timed. */
  readonly instruction: 'vfmadd231ps' | 'vdpbf16ps' | 'vpdpbusd';
  readonly flopsPerSecond: number;
}

const INSTRUCTIONS = { fp32: 'vfmadd231ps', bf16: 'vdpbf16ps', int8: 'vpdpbusd', int4: 'vpdpbusd' } as const satisfies Record<
  KernelWeightFormat,
  PeakThroughputMeasurement['instruction']
>;

const GIB = 1024 ** 3;

export function measureMemoryBandwidth(options: { threads?: number; bytes?: number; repeats?: number; addonPath?: string } = {}): MemoryBandwidthMeasurement {
  const threads = validateThreads(options.threads ?? 1);
  const bufferBytes = options.bytes ?? GIB;
  const repeats = options.repeats ?? 5;
  if (!Number.isFinite(bufferBytes) || bufferBytes < 256 * 1024 * 1024) throw new RangeError(`bytes: must be at least 256 MiB (far above the L3), got ${bufferBytes}`);
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`repeats: must be a positive integer, got ${repeats}`);
  const addon = loadNativeAddon(options.addonPath);
  return { threads, bufferBytes, repeats, bytesPerSecond: addon.measureBandwidth(threads, bufferBytes, repeats) };
}

/** Frees the bandwidth buffer kept by measureMemoryBandwidth (no-op where none is held). */
export function releaseCeilingBuffers(options: { addonPath?: string } = {}): void {
  loadNativeAddon(options.addonPath).releaseBandwidthBuffer();
}

export function measurePeakThroughput(options: { format: KernelWeightFormat; threads?: number; repeats?: number; addonPath?: string }): PeakThroughputMeasurement {
  const { format } = options;
  if (!(format in FORMAT_CODES)) throw new RangeError(`format: must be fp32, bf16, int8 or int4, got ${String(format)}`);
  const threads = validateThreads(options.threads ?? 1);
  const repeats = options.repeats ?? 5;
  if (!Number.isInteger(repeats) || repeats < 1) throw new RangeError(`repeats: must be a positive integer, got ${repeats}`);
  const addon = loadNativeAddon(options.addonPath);
  return { format, threads, repeats, instruction: INSTRUCTIONS[format], flopsPerSecond: addon.measurePeak(FORMAT_CODES[format], threads, repeats) };
}
