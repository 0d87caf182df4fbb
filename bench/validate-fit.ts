/**
 * npm run validate:fit — per-family coefficient fit with leave-one-case-out errors (informational,
 * not in CI; ≈ 10 s). Prints the fitted coefficients, each figure in-sample and held out, and the
 * coefficients each fold chose, so a reader can see how stable the fit is.
 */
import type { EfficiencyCoefficients } from '../libs/capacity/src/index.js';
import { VALIDATION_CASES } from '../test/validation/cases/index.js';
import { median } from '../test/validation/evaluate.js';
import { ADOPTED_FIT_KEYS, fitReport, type FitKey } from '../test/validation/fit.js';
import { TRTLLM_UNFITTED_SHAPES } from '../test/validation/cases/trtllm-unfitted-shapes.js';
import { evaluateCase } from '../test/validation/evaluate.js';
import { EFFICIENCY_BY_FAMILY, PER_KERNEL_ROOFLINE } from '../test/validation/coefficients.js';

const pct = (e: number) => `${e >= 0 ? '+' : ''}${(e * 100).toFixed(1)} %`;
const describe = (f: EfficiencyCoefficients) =>
  `η_compute BF16 ${f.computeEfficiencyFraction} / FP8·FP4 ${f.computeEfficiencyFractionByFormat?.fp8 ?? f.computeEfficiencyFraction}, η_attn-compute ${f.attentionComputeEfficiencyFraction}, η_attn-memory ${f.attentionMemoryEfficiencyFraction}, ` +
  `overhead ${((f.stepOverheadSeconds) * 1e3).toFixed(1)} ms + ${((f.overheadSecondsPerSequence ?? 0) * 1e6).toFixed(1)} µs/sequence`;
const allIn: number[] = [];
const allOut: number[] = [];
console.log(`Fit of the adopted coefficients (${ADOPTED_FIT_KEYS.join(', ')}); the others tied as fit.ts says.`);
for (const r of fitReport(VALIDATION_CASES, ADOPTED_FIT_KEYS)) {
  console.log(`\n${r.family}: ${describe(r.fitted)}`);
  r.inSample.forEach((e, i) => {
    const out = r.leaveOneCaseOut[i];
    console.log(
      `  ${e.caseId.padEnd(6)} ${e.label.padEnd(24)} in-sample ${pct(e.signedError).padStart(9)}   leave-one-case-out ${out ? pct(out.signedError).padStart(9) : '   (only case)'}`,
    );
    allIn.push(Math.abs(e.signedError) * 100);
    if (out) allOut.push(Math.abs(out.signedError) * 100);
  });
  for (const f of r.foldFits) console.log(`  fit without ${f.heldOut}: ${describe(f.fitted)}`);
}
console.log(`\nmedian |error| in-sample ${median(allIn).toFixed(1)} % (${allIn.length} figures), leave-one-case-out ${median(allOut).toFixed(1)} % (${allOut.length} figures)`);
console.log(`worst  |error| in-sample ${Math.max(...allIn).toFixed(1)} %, leave-one-case-out ${Math.max(...allOut).toFixed(1)} %`);

// Shapes of the same TensorRT-LLM tables that no fit saw, with the adopted per-family coefficients
// (test/validation/coefficients.ts) and with the uncalibrated defaults for comparison.
const unfitted = TRTLLM_UNFITTED_SHAPES.flatMap((c) => evaluateCase(c, EFFICIENCY_BY_FAMILY));
console.log('\nShapes outside PUBLISHED.md (same TensorRT-LLM tables, never fitted), adopted coefficients:');
for (const r of unfitted) console.log(`  ${r.caseId.padEnd(6)} ${r.label.padEnd(24)} ${pct(r.signedError).padStart(9)}   ${r.bindingLimit}`);
const unfittedErrors = unfitted.map((r) => Math.abs(r.signedError) * 100);
console.log(`median |error| ${median(unfittedErrors).toFixed(1)} %, worst ${Math.max(...unfittedErrors).toFixed(1)} % (${unfitted.length} figures)`);

// Ablation: the same fit with fewer coefficients free (the others tied as fit.ts coefficientsAt says),
// to show what each new term buys in sample and out of sample.
const SINGLE_MAX = { ampere: false, hopper: false, blackwell: false } as const;
const ABLATIONS: ReadonlyArray<[string, readonly FitKey[], typeof PER_KERNEL_ROOFLINE]> = [
  ['η_compute + overhead (the old model, η_memory 0.8)', ['bf16', 'stepOverheadSeconds'], PER_KERNEL_ROOFLINE],
  ['+ low-precision η_compute', ['bf16', 'lowPrecision', 'stepOverheadSeconds'], PER_KERNEL_ROOFLINE],
  ['+ per-sequence overhead', ['bf16', 'lowPrecision', 'stepOverheadSeconds', 'overheadSecondsPerSequence'], PER_KERNEL_ROOFLINE],
  ['  same, one max per step (no per-kernel roofline)', ['bf16', 'lowPrecision', 'stepOverheadSeconds', 'overheadSecondsPerSequence'], SINGLE_MAX],
  ['  same, per-kernel roofline on Blackwell only', ['bf16', 'lowPrecision', 'stepOverheadSeconds', 'overheadSecondsPerSequence'], { ...PER_KERNEL_ROOFLINE, hopper: false }],
  ['+ attention η (compute, memory)', ['bf16', 'lowPrecision', 'attentionCompute', 'attentionMemory', 'stepOverheadSeconds'], PER_KERNEL_ROOFLINE],
  ['+ both (all free)', ['bf16', 'lowPrecision', 'attentionCompute', 'attentionMemory', 'stepOverheadSeconds', 'overheadSecondsPerSequence'], PER_KERNEL_ROOFLINE],
];
console.log('\nAblation (median / worst |error|: in-sample | leave-one-case-out | unfitted TensorRT-LLM shapes):');
const cell = (errors: number[]) => `${median(errors).toFixed(1).padStart(5)} / ${Math.max(...errors).toFixed(1).padStart(5)} %`;
for (const [name, keys, perKernel] of ABLATIONS) {
  const reports = fitReport(VALIDATION_CASES, keys, perKernel);
  const inSample = reports.flatMap((r) => r.inSample.map((e) => Math.abs(e.signedError) * 100));
  const out = reports.flatMap((r) => r.leaveOneCaseOut.map((e) => Math.abs(e.signedError) * 100));
  const byFamily = { ...EFFICIENCY_BY_FAMILY, ...Object.fromEntries(reports.map((r) => [r.family, r.fitted])) };
  const shapes = TRTLLM_UNFITTED_SHAPES.flatMap((c) => evaluateCase(c, byFamily).map((e) => Math.abs(e.signedError) * 100));
  console.log(`  ${name.padEnd(52)} ${cell(inSample)} | ${cell(out)} | ${cell(shapes)}`);
}
