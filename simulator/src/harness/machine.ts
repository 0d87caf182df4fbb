/** The machine's identity and measured ceilings, recorded with every sweep. */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { measureMemoryBandwidth, measurePeakThroughput } from '../ceilings/ceilings.js';
import type { KernelWeightFormat } from '../kernels/kernel-backend.js';

export interface MachineCeilings {
  readonly memoryBandwidthBytesPerSecond: number;
  /** Peak of the best kernel per weight format (int4 runs on the INT8 VNNI instruction). */
  readonly peakFlopsPerSecondByFormat: Readonly<Record<string, number>>;
}

export function measureMachineCeilings(formats: readonly KernelWeightFormat[], threads: number): MachineCeilings {
  const peakFlopsPerSecondByFormat: Record<string, number> = {};
  for (const format of formats) peakFlopsPerSecondByFormat[format] = measurePeakThroughput({ format, threads }).flopsPerSecond;
  return { memoryBandwidthBytesPerSecond: measureMemoryBandwidth({ threads }).bytesPerSecond, peakFlopsPerSecondByFormat };
}

/** CPU model, the SIMD features the kernels use, and the vCPU count: what makes two runs comparable. */
export function machineFingerprint(): { fingerprint: string; description: string } {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  let features: string[] = [];
  try {
    const flags = /^flags\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.split(/\s+/) ?? [];
    features = ['avx2', 'avx512f', 'avx512bw', 'avx512_vnni', 'avx512_bf16', 'amx_int8'].filter((f) => flags.includes(f));
  } catch {
    // Not Linux: the model name and vCPU count still identify the machine kind.
  }
  const fingerprint = `${model} | ${features.join(',') || 'no-simd-info'} | ${cpus().length} vCPU`;
  return { fingerprint, description: `${model}, ${cpus().length} vCPUs, ${features.join(' ') || 'SIMD features unknown'}` };
}
