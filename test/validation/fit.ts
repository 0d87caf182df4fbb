import type { EfficiencyCoefficients } from '../../libs/capacity/src/index.js';
import type { ValidationCase } from './case-types.js';
import { EFFICIENCY_BY_FAMILY, GPU_FAMILY, type GpuFamily } from './coefficients.js';
import { evaluateCase, median, type EfficiencyByFamily } from './evaluate.js';

/**
 * Fits ONE set of roofline coefficients per GPU family to all the published cases of that family
 * (grid search minimising the median absolute error), and reports leave-one-case-out errors: each
 * case predicted with the coefficients fitted to the OTHER cases of its family. The leave-one-out
 * figure is the honest out-of-sample error; the in-sample one only shows what a fit can absorb.
 */
const COMPUTE = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9];
const MEMORY = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];
const OVERHEAD_SECONDS = [0, 0.001, 0.002, 0.003, 0.004, 0.006, 0.008];

export function familyOf(c: ValidationCase): GpuFamily {
  return GPU_FAMILY[c.setup.gpu];
}

function withFamily(family: GpuFamily, e: EfficiencyCoefficients): EfficiencyByFamily {
  return { ...EFFICIENCY_BY_FAMILY, [family]: e };
}

function coefficients(c: number, m: number, o: number): EfficiencyCoefficients {
  return {
    ...EFFICIENCY_BY_FAMILY.hopper,
    computeEfficiencyFraction: c,
    memoryEfficiencyFraction: m,
    stepOverheadSeconds: o,
    provenance: 'calibrated',
    calibrationProfileId: 'published-cases-grid-fit',
    source: 'grid fit to the published cases of this GPU family (test/validation/fit.ts)',
  };
}

export function fitFamily(family: GpuFamily, cases: readonly ValidationCase[]): EfficiencyCoefficients {
  let best: { error: number; e: EfficiencyCoefficients } | null = null;
  for (const c of COMPUTE) {
    for (const m of MEMORY) {
      for (const o of OVERHEAD_SECONDS) {
        const e = coefficients(c, m, o);
        const errors = cases.flatMap((v) => evaluateCase(v, withFamily(family, e)).map((r) => Math.abs(r.signedError)));
        const error = median(errors);
        if (best === null || error < best.error - 1e-12) best = { error, e };
      }
    }
  }
  return (best as { e: EfficiencyCoefficients }).e;
}

export interface FitReport {
  readonly family: GpuFamily;
  readonly fitted: EfficiencyCoefficients;
  readonly inSampleErrors: ReadonlyArray<{ caseId: string; label: string; signedError: number }>;
  readonly leaveOneOutErrors: ReadonlyArray<{ caseId: string; label: string; signedError: number }>;
}

export function fitReport(all: readonly ValidationCase[]): FitReport[] {
  const families = [...new Set(all.map(familyOf))];
  return families.map((family) => {
    const cases = all.filter((c) => familyOf(c) === family);
    const fitted = fitFamily(family, cases);
    const inSampleErrors = cases.flatMap((c) => evaluateCase(c, withFamily(family, fitted)));
    const leaveOneOutErrors = cases.flatMap((held) => {
      const others = cases.filter((c) => c !== held);
      if (others.length === 0) return [];
      return evaluateCase(held, withFamily(family, fitFamily(family, others)));
    });
    return { family, fitted, inSampleErrors, leaveOneOutErrors };
  });
}
