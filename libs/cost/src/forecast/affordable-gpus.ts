const HOURS_PER_30_DAY_MONTH = 24 * 30;

export interface AffordableGpus {
  readonly budgetCnyPerMonth: number;
  /** GPUs the budget keeps running around the clock for a 30-day month. */
  readonly gpus: number;
}

/**
 * What a spend per user buys: cost per user per month × DAU ÷ (720 h × price per GPU-hour), rounded
 * down. The source report's "¥50–60 per user" at DAU 1 M on A100-80GB at ¥12.96/h (1.8 USD × 7.2):
 * ¥55 × 1 000 000 / (720 × 12.96) = 5 894 GPUs.
 *
 * @throws RangeError naming the field.
 */
export function affordableGpus(cnyPerUserPerMonth: number, dau: number, cnyPerGpuHour: number): AffordableGpus {
  for (const [value, field] of [
    [cnyPerUserPerMonth, 'cnyPerUserPerMonth'],
    [dau, 'dau'],
    [cnyPerGpuHour, 'cnyPerGpuHour'],
  ] as const) {
    if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) throw new RangeError(`${field}: must be a finite number > 0, got ${String(value)}`);
  }
  const budgetCnyPerMonth = cnyPerUserPerMonth * dau;
  return { budgetCnyPerMonth, gpus: Math.floor(budgetCnyPerMonth / (HOURS_PER_30_DAY_MONTH * cnyPerGpuHour)) };
}
