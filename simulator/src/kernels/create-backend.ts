/**
 * One factory for the engine: 'native' (AVX-512 addon, throws when unavailable), 'reference'
 * (plain TypeScript), or 'auto' (native when it loads, else the reference with one warning).
 * CAPSIM_REQUIRE_NATIVE=1 turns the 'auto' fallback into an error, so CI notices a failed build.
 */
import type { KernelBackend } from './kernel-backend.js';
import { createNativeBackend, validateThreads } from './native-backend.js';
import { createReferenceBackend } from './reference-backend.js';

export type KernelBackendKind = 'auto' | 'native' | 'reference';

export interface CreateKernelBackendOptions {
  readonly kind?: KernelBackendKind;
  /** Threads per matmul for the native backend (the reference backend always uses 1). */
  readonly threads?: number;
  /** Path of the addon; default: where build-native.mjs writes it. */
  readonly addonPath?: string;
  /** Where the fallback warning goes (default console.warn). */
  readonly warn?: (message: string) => void;
  /** Environment read for CAPSIM_REQUIRE_NATIVE (default process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

function nativeFrom(o: CreateKernelBackendOptions): KernelBackend {
  return createNativeBackend({ threads: o.threads ?? 1, ...(o.addonPath === undefined ? {} : { addonPath: o.addonPath }) });
}

const FACTORIES = {
  native: nativeFrom,
  reference: () => createReferenceBackend(),
  auto: (o: CreateKernelBackendOptions): KernelBackend => {
    try {
      return nativeFrom(o);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if ((o.env ?? process.env).CAPSIM_REQUIRE_NATIVE === '1') {
        throw new Error(`CAPSIM_REQUIRE_NATIVE=1 but the native kernel backend is unavailable: ${reason}`);
      }
      (o.warn ?? console.warn)(`capsim: using the TypeScript reference kernels (slow) because the native backend is unavailable: ${reason}`);
      return createReferenceBackend();
    }
  },
} satisfies Record<KernelBackendKind, (options: CreateKernelBackendOptions) => KernelBackend>;

export function createKernelBackend(options: CreateKernelBackendOptions = {}): KernelBackend {
  const kind = options.kind ?? 'auto';
  if (!(kind in FACTORIES)) throw new RangeError(`kind: must be auto, native or reference, got ${String(kind)}`);
  if (options.threads !== undefined) validateThreads(options.threads);
  return FACTORIES[kind](options);
}
