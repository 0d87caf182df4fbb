/**
 * Kernel benchmark: decode GEMV (n = 1) in GB/s of weights against the measured memory bandwidth,
 * and batched GEMM in GFLOP/s against the measured peak of the format's instruction, for 1 and 2
 * threads. The GEMV weights rotate over ≥ 300 MB of matrices so they come from DRAM, not the
 * 32 MiB L3. The two vCPUs are shared with other work, so ceilings drift by 2× within minutes:
 * every kernel sample is paired with a ceiling sample taken just before it, and the fraction
 * reported is the median of the per-pair fractions (absolute figures are medians too).
 *
 *   npm run bench:kernels -- [--threads 1,2] [--formats fp32,bf16,int8,int4] [--repeats 9] [--tokens 256] [--json]
 */
import { measureMemoryBandwidth, measurePeakThroughput, releaseCeilingBuffers } from '../src/ceilings/ceilings.js';
import type { KernelBackend, KernelWeightFormat, PackedMatrix, WeightMatrix } from '../src/kernels/kernel-backend.js';
import { createNativeBackend } from '../src/kernels/native-backend.js';

const FORMATS: KernelWeightFormat[] = ['fp32', 'bf16', 'int8', 'int4'];
const BANDWIDTH_BUFFER_BYTES = 1024 ** 3;

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

/** Stored weights filled from a fast LCG (no TypeScript quantization of gigabytes); values stay finite. */
function syntheticMatrix(format: KernelWeightFormat, rows: number, cols: number, seed: number): WeightMatrix {
  const count = rows * cols;
  const byteCount = format === 'fp32' ? count * 4 : format === 'bf16' ? count * 2 : format === 'int8' ? count : count / 2;
  const words = new Uint32Array(byteCount / 4);
  let state = seed >>> 0;
  for (let i = 0; i < words.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    words[i] = state;
  }
  if (format === 'fp32') {
    const values = new Float32Array(words.buffer);
    for (let i = 0; i < values.length; i++) values[i] = ((words[i]! >>> 9) / 4194304 - 1) * 0.05;
    return { format, rows, cols, values };
  }
  if (format === 'bf16') {
    const values = new Uint16Array(words.buffer);
    for (let i = 0; i < values.length; i++) values[i] = 0x3c00 | (values[i]! & 0x807f); // |v| < 0.02
    return { format, rows, cols, values };
  }
  if (format === 'int8') return { format, rows, cols, values: new Int8Array(words.buffer), scales: new Float32Array(rows).fill(0.01) };
  return { format, rows, cols, packedNibbles: new Uint8Array(words.buffer), groupSize: 32, scales: new Float32Array(count / 32).fill(0.01) };
}

function timeOnce(backend: KernelBackend, w: PackedMatrix, x: Float32Array, n: number, y: Float32Array): number {
  const start = process.hrtime.bigint();
  backend.matmul(x, n, w, y);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

interface Row {
  format: KernelWeightFormat;
  threads: number;
  gemvGigabytesPerSecond: number;
  bandwidthGigabytesPerSecond: number;
  gemvFractionOfBandwidth: number;
  gemmTokens: number;
  gemmGigaflopsPerSecond: number;
  peakGigaflopsPerSecond: number;
  gemmFractionOfPeak: number;
}

function benchFormat(format: KernelWeightFormat, threads: number, repeats: number, tokens: number): Row {
  const backend = createNativeBackend({ threads });
  // Decode: 4096 × 14336 (a 4k-wide model's expert down projection), rotated over ≥ 300 MB.
  const gemv = [backend.pack(syntheticMatrix(format, 4096, 14336, 1))];
  const matrixBytes = gemv[0]!.weightBytes;
  while (gemv.length * matrixBytes < 300e6) gemv.push(backend.pack(syntheticMatrix(format, 4096, 14336, gemv.length + 1)));
  const xGemv = Float32Array.from({ length: 14336 }, (_, i) => Math.sin(i));
  const yGemv = new Float32Array(4096);
  // Batched: 4096 × 4096 weights, `tokens` tokens (prefill / large-batch decode).
  const gemm = backend.pack(syntheticMatrix(format, 4096, 4096, 99));
  const xGemm = Float32Array.from({ length: tokens * 4096 }, (_, i) => Math.sin(i));
  const yGemm = new Float32Array(tokens * 4096);
  const gemmFlop = 2 * 4096 * 4096 * tokens;
  for (let i = 0; i < gemv.length; i++) timeOnce(backend, gemv[i]!, xGemv, 1, yGemv); // warm-up
  timeOnce(backend, gemm, xGemm, tokens, yGemm);

  const bw: number[] = [], gemvRate: number[] = [], gemvFraction: number[] = [];
  const peak: number[] = [], gemmRate: number[] = [], gemmFraction: number[] = [];
  let rotation = 0;
  for (let r = 0; r < repeats; r++) {
    const bandwidth = measureMemoryBandwidth({ threads, bytes: BANDWIDTH_BUFFER_BYTES, repeats: 1 }).bytesPerSecond;
    const seconds: number[] = [];
    for (let i = 0; i < 3; i++) seconds.push(timeOnce(backend, gemv[rotation++ % gemv.length]!, xGemv, 1, yGemv));
    const rate = matrixBytes / median(seconds);
    bw.push(bandwidth);
    gemvRate.push(rate);
    gemvFraction.push(rate / bandwidth);
    const p = measurePeakThroughput({ format, threads, repeats: 1 }).flopsPerSecond;
    const g = gemmFlop / timeOnce(backend, gemm, xGemm, tokens, yGemm);
    peak.push(p);
    gemmRate.push(g);
    gemmFraction.push(g / p);
  }
  backend.dispose?.();
  return {
    format,
    threads,
    gemvGigabytesPerSecond: median(gemvRate) / 1e9,
    bandwidthGigabytesPerSecond: median(bw) / 1e9,
    gemvFractionOfBandwidth: median(gemvFraction),
    gemmTokens: tokens,
    gemmGigaflopsPerSecond: median(gemmRate) / 1e9,
    peakGigaflopsPerSecond: median(peak) / 1e9,
    gemmFractionOfPeak: median(gemmFraction),
  };
}

function main(): void {
  const threadCounts = argument('threads', '1,2').split(',').map(Number);
  const formats = argument('formats', FORMATS.join(',')).split(',') as KernelWeightFormat[];
  for (const f of formats) if (!FORMATS.includes(f)) throw new RangeError(`--formats: unknown format ${f}`);
  const repeats = Number(argument('repeats', '9'));
  const tokens = Number(argument('tokens', '256'));
  const json = process.argv.includes('--json');
  const rows: Row[] = [];
  for (const threads of threadCounts) {
    for (const format of formats) {
      const row = benchFormat(format, threads, repeats, tokens);
      rows.push(row);
      if (!json) {
        console.log(
          `${format.padEnd(4)} threads ${threads}: GEMV n=1 ${row.gemvGigabytesPerSecond.toFixed(1)} GB/s, ` +
            `${(100 * row.gemvFractionOfBandwidth).toFixed(0)} % of bandwidth (${row.bandwidthGigabytesPerSecond.toFixed(1)} GB/s); ` +
            `GEMM n=${tokens} ${row.gemmGigaflopsPerSecond.toFixed(0)} GFLOP/s, ${(100 * row.gemmFractionOfPeak).toFixed(0)} % of peak (${row.peakGigaflopsPerSecond.toFixed(0)})`,
        );
      }
    }
  }
  releaseCeilingBuffers();
  if (json) console.log(JSON.stringify(rows, null, 2));
}

main();
