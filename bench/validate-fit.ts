/** npm run validate:fit — per-family coefficient fit with leave-one-case-out errors (informational, not in CI). */
import { VALIDATION_CASES } from '../test/validation/cases/index.js';
import { median } from '../test/validation/evaluate.js';
import { fitReport } from '../test/validation/fit.js';

const pct = (e: number) => `${e >= 0 ? '+' : ''}${(e * 100).toFixed(1)} %`;
const allIn: number[] = [];
const allOut: number[] = [];
for (const r of fitReport(VALIDATION_CASES)) {
  const f = r.fitted;
  console.log(
    `\n${r.family}: η_compute ${f.computeEfficiencyFraction}, η_memory ${f.memoryEfficiencyFraction}, overhead ${(f.stepOverheadSeconds * 1e3).toFixed(0)} ms`,
  );
  r.inSampleErrors.forEach((e, i) => {
    const out = r.leaveOneOutErrors[i];
    console.log(`  ${e.caseId.padEnd(6)} ${e.label.padEnd(24)} in-sample ${pct(e.signedError).padStart(9)}   leave-one-case-out ${out ? pct(out.signedError).padStart(9) : '   (only case)'}`);
    allIn.push(Math.abs(e.signedError) * 100);
    if (out) allOut.push(Math.abs(out.signedError) * 100);
  });
}
console.log(`\nmedian |error| in-sample ${median(allIn).toFixed(1)} %, leave-one-case-out ${median(allOut).toFixed(1)} % (${allOut.length} figures)`);
console.log(`worst  |error| in-sample ${Math.max(...allIn).toFixed(1)} %, leave-one-case-out ${Math.max(...allOut).toFixed(1)} %`);
