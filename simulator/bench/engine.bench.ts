/**
 * npm run bench:engine [-- options]: sweeps the reference MoE engine on this machine and prints
 * every figure beside the ceiling it is measured against (measured in the same run).
 *   --quick               INT8, batches 1/8/64/256, context 128, one prefill chunk (< 1 minute)
 *   --json                print {measurementSet, rows, ceilings, skipped} as JSON on stdout
 *   --out FILE            write the MeasurementSet (calibration schema) to FILE
 *   --threads 1|2         threads per matmul (default 1)
 *   --backend auto|native|reference
 *   --model NAME          a preset (default bench)
 *   --formats int8,bf16   --batches 1,8,64   --contexts 128,1024   --prefill 64,256
 *   --experts 8x2,16x2    --kv fp32|int8     --repeats N   --warmup N   --group 32|64
 * The progress bar goes to stderr, and only when stderr is a terminal.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { KernelBackendKind } from '../src/kernels/create-backend.js';
import type { KernelWeightFormat } from '../src/kernels/kernel-backend.js';
import type { KvCacheFormat } from '../src/model/kv-cache.js';
import { formatCeilings, formatSweepTable } from '../src/harness/format-table.js';
import { createProgressBar } from '../src/harness/progress-bar.js';
import { runEngineSweep } from '../src/harness/run-engine-sweep.js';
import { FULL_SWEEP_PLAN, QUICK_SWEEP_PLAN, validateSweepPlan, type EngineSweepPlan } from '../src/harness/sweep-plan.js';
import type { ModelPresetName } from '../src/presets/presets.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    out: { type: 'string' },
    threads: { type: 'string' },
    backend: { type: 'string' },
    model: { type: 'string' },
    formats: { type: 'string' },
    batches: { type: 'string' },
    contexts: { type: 'string' },
    prefill: { type: 'string' },
    experts: { type: 'string' },
    kv: { type: 'string' },
    repeats: { type: 'string' },
    warmup: { type: 'string' },
    group: { type: 'string' },
  },
  allowPositionals: false,
});

const numbers = (text: string): number[] => (text.trim() === '' ? [] : text.split(',').map((s) => Number(s.trim())));
const base = values.quick ? QUICK_SWEEP_PLAN : FULL_SWEEP_PLAN;
const plan: EngineSweepPlan = validateSweepPlan({
  ...base,
  ...(values.threads === undefined ? {} : { threads: Number(values.threads) }),
  ...(values.backend === undefined ? {} : { backend: values.backend as KernelBackendKind }),
  ...(values.model === undefined ? {} : { model: values.model as ModelPresetName }),
  ...(values.formats === undefined ? {} : { formats: values.formats.split(',') as KernelWeightFormat[], expertVariantFormats: [values.formats.split(',')[0] as KernelWeightFormat] }),
  ...(values.batches === undefined ? {} : { decodeBatchSizes: numbers(values.batches) }),
  ...(values.contexts === undefined ? {} : { contextTokens: numbers(values.contexts) }),
  ...(values.prefill === undefined ? {} : { prefillChunkTokens: numbers(values.prefill) }),
  ...(values.experts === undefined
    ? {}
    : {
        expertVariants: values.experts.split(',').map((v) => {
          const [e, k] = v.split('x').map(Number);
          return { expertCount: e!, topK: k! };
        }),
      }),
  ...(values.kv === undefined ? {} : { kvCacheFormat: values.kv as KvCacheFormat }),
  ...(values.repeats === undefined ? {} : { repeats: Number(values.repeats) }),
  ...(values.warmup === undefined ? {} : { warmupSteps: Number(values.warmup) }),
  ...(values.group === undefined ? {} : { int4GroupSize: Number(values.group) as 32 | 64 }),
});

let interrupted = false;
process.on('SIGINT', () => {
  interrupted = true;
});
const bar = createProgressBar(process.stderr);
const startedMs = performance.now();
const result = await runEngineSweep(plan, { onProgress: (p) => bar.update(p), shouldStop: () => interrupted });
bar.finish();
const wallSeconds = (performance.now() - startedMs) / 1000;

if (values.out !== undefined) writeFileSync(values.out, `${JSON.stringify(result.measurementSet, null, 2)}\n`);
if (values.json) {
  process.stdout.write(`${JSON.stringify({ wallSeconds, backend: result.backend, ceilings: result.ceilings, skipped: result.skipped, stopped: result.stopped, rows: result.rows, measurementSet: result.measurementSet }, null, 2)}\n`);
} else {
  const lines = [
    `capsim reference MoE engine — model ${plan.model}, backend ${result.backend}, ${plan.threads} thread(s), KV ${plan.kvCacheFormat}, median of ${plan.repeats} after ${plan.warmupSteps} warm-up`,
    formatCeilings(result),
    '',
    formatSweepTable(result.rows),
    '',
    '÷ bandwidth counts weight bytes actually read (dense + experts touched); * marks the ceiling that binds (roofline).',
    'Each point is set against the higher of the ceilings sampled just before and just after it ("of" columns); the ceilings line gives the run medians.',
    ...result.skipped.map((s) => `skipped: ${s}`),
    ...(result.stopped ? ['stopped early (interrupted): the table holds the points measured so far'] : []),
    `wall time ${wallSeconds.toFixed(1)} s${values.out === undefined ? '' : `; measurements written to ${values.out}`}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
