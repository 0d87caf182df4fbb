/**
 * Loads the AVX-512 kernel addon built by simulator/scripts/build-native.mjs. The CPU is checked
 * (in /proc/cpuinfo, before the library is even mapped, then by cpuid inside the addon) so that a
 * machine without AVX-512 VNNI/BF16 gets a clear error instead of an illegal-instruction crash.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Opaque handle of weights packed in native memory (freed by a finalizer or by `free`). */
export type NativeHandle = { readonly __nativePackedMatrix: unique symbol };

export interface NativeAddon {
  cpuSupported(): boolean;
  /** format: 0 fp32, 1 bf16, 2 int8, 3 int4. */
  pack(format: number, rows: number, cols: number, groupSize: number, values: ArrayBufferView, scales: Float32Array | undefined): NativeHandle;
  matmul(handle: NativeHandle, x: Float32Array, tokenCount: number, y: Float32Array, threads: number): void;
  free(handle: NativeHandle): void;
  /** meta: [row, start, length] per segment; scales arrays only for INT8 caches. */
  attend(
    qkv: Float32Array,
    output: Float32Array,
    queryHeads: number,
    kvHeads: number,
    headDim: number,
    meta: Int32Array,
    keys: readonly (Float32Array | Int8Array)[],
    values: readonly (Float32Array | Int8Array)[],
    keyScales: readonly Float32Array[] | undefined,
    valueScales: readonly Float32Array[] | undefined,
    threads: number,
  ): void;
  /** AttentionBlockBatch with the segments marshalled as for attend. */
  attentionBlock(
    x: Float32Array,
    tokenCount: number,
    hiddenSize: number,
    rmsNormEpsilon: number,
    inputNorm: Float32Array,
    postAttentionNorm: Float32Array,
    qkvWeights: NativeHandle,
    oWeights: NativeHandle,
    routerWeights: NativeHandle,
    qkv: Float32Array,
    attention: Float32Array,
    projected: Float32Array,
    normed: Float32Array,
    routerLogits: Float32Array,
    ropeCos: Float32Array,
    ropeSin: Float32Array,
    queryHeads: number,
    kvHeads: number,
    headDim: number,
    meta: Int32Array,
    keys: readonly (Float32Array | Int8Array)[],
    values: readonly (Float32Array | Int8Array)[],
    keyScales: readonly Float32Array[] | undefined,
    valueScales: readonly Float32Array[] | undefined,
    threads: number,
  ): void;
  /** quantizeInt8PerRow into q and scales (cols a multiple of 64). */
  quantizeInt8Rows(values: Float32Array, rows: number, cols: number, q: Int8Array, scales: Float32Array): void;
  swiglu(gateUp: Float32Array, rows: number, width: number, output: Float32Array, threads: number): void;
  routedExperts(
    input: Float32Array,
    hiddenSize: number,
    starts: Int32Array,
    tokens: Int32Array,
    weights: Float32Array,
    gateUp: readonly NativeHandle[],
    down: readonly NativeHandle[],
    output: Float32Array,
    threads: number,
  ): void;
  /** Keeps its (filled) buffer between calls with the same size; releaseBandwidthBuffer frees it. */
  measureBandwidth(threads: number, bytes: number, repeats: number): number;
  releaseBandwidthBuffer(): void;
  measurePeak(format: number, threads: number, repeats: number): number;
}

export const REQUIRED_CPU_FLAGS = ['avx512f', 'avx512bw', 'avx512vl', 'avx512_vnni', 'avx512_bf16', 'fma'] as const;

const ADDON_FILE = 'capsim_kernels.node';

/** Where the build script puts the addon, seen from source (simulator/src/kernels) and from dist/. */
export function defaultAddonPaths(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return [
    resolve(here, '../../native/build/Release', ADDON_FILE),
    resolve(here, '../../../../simulator/native/build/Release', ADDON_FILE),
    join(process.cwd(), 'simulator/native/build/Release', ADDON_FILE),
  ];
}

/** CPU flags from /proc/cpuinfo that the kernels need and this CPU lacks ([] where all are present). */
export function missingCpuFlags(cpuinfo?: string): string[] {
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      return ['/proc/cpuinfo unreadable'];
    }
  }
  const flagsLine = text.split('\n').find((line) => /^flags\s*:/.test(line)) ?? '';
  const flags = new Set(flagsLine.replace(/^flags\s*:/, '').trim().split(/\s+/));
  return REQUIRED_CPU_FLAGS.filter((flag) => !flags.has(flag));
}

const loaded = new Map<string, NativeAddon>();

/** Loads the addon or throws an Error saying why (missing file, CPU features, load failure). */
export function loadNativeAddon(addonPath?: string): NativeAddon {
  const candidates = addonPath === undefined ? defaultAddonPaths() : [addonPath];
  const path = candidates.find((p) => existsSync(p));
  if (path === undefined) {
    throw new Error(`native kernels: addon not found (looked in ${candidates.join(', ')}); run \`node simulator/scripts/build-native.mjs\``);
  }
  const cached = loaded.get(path);
  if (cached) return cached;
  const missing = missingCpuFlags();
  if (missing.length > 0) throw new Error(`native kernels: this CPU lacks ${missing.join(', ')}`);
  let addon: NativeAddon;
  try {
    addon = createRequire(import.meta.url)(path) as NativeAddon;
  } catch (error) {
    throw new Error(`native kernels: could not load ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!addon.cpuSupported()) throw new Error('native kernels: cpuid reports no AVX-512 VNNI/BF16 support');
  loaded.set(path, addon);
  return addon;
}
