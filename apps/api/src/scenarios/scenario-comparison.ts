import { HttpException } from '@nestjs/common';
import {
  attributeDifference,
  changedInputPaths,
  money,
  UNIT_COST_PLACES,
  withInputFrom,
  DEFAULT_EXCHANGE_RATE,
  type DifferenceAttribution,
  type Money,
  type WhatIfEvaluation,
} from '../../../../libs/cost/src/index.js';
import type { ScenarioEntity } from '../database/entities.js';

export interface ComparedScenario {
  readonly id: string;
  readonly name: string;
  readonly version: number;
  readonly gpusAtPeak: number;
  readonly costCnyPerMonth: number;
  readonly costCnyPerDauPerMonth: number;
  readonly costCnyPerMillionTokens: number | null;
  readonly costCnyPerMillionInputTokens: number;
  readonly costCnyPerMillionOutputTokens: number;
  readonly bindingLimit: string;
  /** The same figures as decimal strings with their currency. */
  readonly money: { readonly costPerMonth: Money; readonly costPerDauPerMonth: Money; readonly costPerMillionTokens: Money | null };
}

export interface ScenarioDifference extends DifferenceAttribution {
  readonly fromId: string;
  readonly toId: string;
  /** B's cost ÷ A's (null when A costs nothing). */
  readonly costRatio: number | null;
  readonly changedInputs: readonly string[];
}

export interface ScenarioComparison {
  readonly currency: 'CNY';
  readonly baselineId: string;
  readonly scenarios: readonly ComparedScenario[];
  /** Each scenario after the first against the first. */
  readonly differences: readonly ScenarioDifference[];
  readonly method: readonly string[];
}

const DAYS = 30;

export function comparedScenario(row: ScenarioEntity, e: WhatIfEvaluation): ComparedScenario {
  const millionTokensPerMonth = (e.demand.tokensPerDay * DAYS) / 1e6;
  const perMillion = millionTokensPerMonth > 0 ? e.cost.costCnyPer30DayMonth / millionTokensPerMonth : null;
  const cny = (x: number, places?: number) => money(x, 'CNY', DEFAULT_EXCHANGE_RATE, places);
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    gpusAtPeak: e.atPeak.gpus,
    costCnyPerMonth: e.cost.costCnyPer30DayMonth,
    costCnyPerDauPerMonth: e.cost.costCnyPerDauPerMonth,
    costCnyPerMillionTokens: perMillion,
    costCnyPerMillionInputTokens: e.cost.costCnyPerMillionInputTokens,
    costCnyPerMillionOutputTokens: e.cost.costCnyPerMillionOutputTokens,
    bindingLimit: e.bindingLimit,
    money: {
      costPerMonth: cny(e.cost.costCnyPer30DayMonth),
      costPerDauPerMonth: cny(e.cost.costCnyPerDauPerMonth, UNIT_COST_PLACES),
      costPerMillionTokens: perMillion === null ? null : cny(perMillion, UNIT_COST_PLACES),
    },
  };
}

/** Why a one-input substitution could not be evaluated, in the API's words. */
function reasonOf(error: unknown): string {
  if (error instanceof HttpException) {
    const body = error.getResponse() as { message?: unknown; details?: { field: string; reason: string }[] };
    if (Array.isArray(body.details) && body.details.length > 0) return body.details.map((d) => `${d.field}: ${d.reason}`).join('; ');
    return String(body.message ?? error.message);
  }
  if (error instanceof RangeError) return error.message;
  throw error;
}

/**
 * Scenario B against baseline A: B's changed inputs applied to A one at a time (each evaluated in
 * full), the rest of the difference reported as interaction.
 */
export async function scenarioDifference(
  a: { row: ScenarioEntity; compared: ComparedScenario },
  b: { row: ScenarioEntity; compared: ComparedScenario },
  evaluate: (spec: Record<string, unknown>) => Promise<WhatIfEvaluation>,
): Promise<ScenarioDifference> {
  const paths = changedInputPaths(a.row.spec, b.row.spec);
  const effects = [];
  for (const input of paths) {
    try {
      const e = await evaluate(withInputFrom(a.row.spec, b.row.spec, input));
      effects.push({ input, costCnyPerMonth: e.cost.costCnyPer30DayMonth });
    } catch (error) {
      effects.push({ input, costCnyPerMonth: null, reason: reasonOf(error) });
    }
  }
  const costA = a.compared.costCnyPerMonth;
  const costB = b.compared.costCnyPerMonth;
  return {
    fromId: a.row.id,
    toId: b.row.id,
    costRatio: costA > 0 ? costB / costA : null,
    changedInputs: paths,
    ...attributeDifference(costA, costB, effects),
  };
}

export const COMPARISON_METHOD: readonly string[] = [
  'Each scenario is evaluated at its latest version (what-if, 30-day month, CNY).',
  'Attribution is one at a time: each input that differs (one level deep, e.g. pricing.onDemandCnyPerGpuHour) is taken from the scenario and applied alone to the baseline; interaction is the part of the difference the single changes do not add up to.',
  'Deltas and interaction are decimal differences of the printed costs, so they add up to the difference exactly.',
];
