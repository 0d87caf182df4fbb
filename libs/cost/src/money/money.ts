import { Decimal } from 'decimal.js';

/**
 * Money in decimal, never in binary floating point once it is a total: 0.1 + 0.2 is 0.3 here, and
 * 1.005 rounds half-up to 1.01 (as a double it is 1.00499999999999989…, which Math.round takes
 * down). decimal.js rather than hand-rolled BigInt fen: conversions between currencies divide by
 * a rate, and unit costs (per user, per million tokens) need more than two places, both of which
 * integer minor units handle only with a rounding rule at every step. A private clone keeps the
 * global Decimal settings of any other user untouched.
 */
export const MoneyDecimal = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type MoneyDecimal = InstanceType<typeof MoneyDecimal>;

export const CURRENCIES = ['CNY', 'USD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** A dated exchange rate, stored with each forecast so a figure can be traced to the rate behind it. */
export interface ExchangeRate {
  readonly cnyPerUsd: number;
  /** Calendar date the rate is taken at, YYYY-MM-DD. */
  readonly asOf: string;
  readonly source: string;
}

/**
 * The planning rate of capsim's price catalog (libs/catalog pricing-basis.ts CNY_PER_USD = 7.2),
 * fixed for its 2025–2026 price basis; the PBoC central parity ran at about 7.1–7.2 CNY per USD
 * through 2025. A rounded planning rate, not a day's fixing: give the day's rate for a decision.
 */
export const DEFAULT_EXCHANGE_RATE: ExchangeRate = Object.freeze({
  cnyPerUsd: 7.2,
  asOf: '2025-12-31',
  source: 'capsim catalog planning rate (CNY_PER_USD 7.2, 2025–2026 price basis; PBoC central parity ≈ 7.1–7.2 through 2025)',
});

/**
 * An amount with its currency. `amount` is a decimal string (JSON numbers are binary doubles):
 * amounts (a month's cost, totals, idle cost, savings) to the cent, "1234.56"; unit costs (per
 * user, per million tokens) to a hundredth of a cent, "12.3456". Rounded half-up, once, at the end.
 */
export interface Money {
  readonly currency: Currency;
  readonly amount: string;
}

/** P10 / P50 / P90 and mean of a money figure, as decimal strings in one currency. */
export interface MoneyBand {
  readonly currency: Currency;
  readonly p10: string;
  readonly p50: string;
  readonly p90: string;
  readonly mean: string;
}

/** Places of an amount (cents) and of a unit cost (hundredths of a cent). */
export const AMOUNT_PLACES = 2;
export const UNIT_COST_PLACES = 4;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Checks a currency and an exchange rate.
 * @throws RangeError naming the field ('exchangeRate.asOf: must be a calendar date YYYY-MM-DD, got 2025-02-30').
 */
export function validateCurrency(currency: unknown, field = 'currency'): asserts currency is Currency {
  if (!CURRENCIES.includes(currency as Currency)) throw new RangeError(`${field}: must be one of ${CURRENCIES.join(', ')}, got ${String(currency)}`);
}

export function validateExchangeRate(rate: ExchangeRate, field = 'exchangeRate'): void {
  if (rate === null || typeof rate !== 'object') throw new RangeError(`${field}: must be an object, got ${String(rate)}`);
  if (typeof rate.cnyPerUsd !== 'number' || !Number.isFinite(rate.cnyPerUsd) || rate.cnyPerUsd <= 0 || rate.cnyPerUsd > 1000) {
    throw new RangeError(`${field}.cnyPerUsd: must be a finite number in (0, 1000], got ${String(rate.cnyPerUsd)}`);
  }
  const match = typeof rate.asOf === 'string' ? ISO_DATE.exec(rate.asOf) : null;
  const [y, m, d] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  // A Date built from the parts rolls 02-30 over to 03-02: only a real calendar date round-trips.
  const real = match !== null && m >= 1 && m <= 12 && d >= 1 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
  if (!real) throw new RangeError(`${field}.asOf: must be a calendar date YYYY-MM-DD, got ${String(rate.asOf)}`);
  if (typeof rate.source !== 'string' || rate.source.trim().length === 0 || rate.source.length > 200) {
    throw new RangeError(`${field}.source: must be a non-empty string of at most 200 characters`);
  }
}

/** A double as the decimal it prints as (shortest round trip: 0.1 → 0.1, not 0.1000000000000000055…). */
export const dec = (value: number | string | MoneyDecimal): MoneyDecimal => new MoneyDecimal(value);

/** Exact sum of decimal parts (many 0.1-cent parts add up to whole cents, unlike a float sum). */
export function sumDecimal(parts: Iterable<number | string | MoneyDecimal>): MoneyDecimal {
  let total = new MoneyDecimal(0);
  for (const part of parts) total = total.plus(part);
  return total;
}

/** CNY → the reporting currency (USD = CNY ÷ cnyPerUsd), still unrounded. */
export function fromCny(cny: number | MoneyDecimal, currency: Currency, rate: ExchangeRate): MoneyDecimal {
  const value = dec(cny);
  return currency === 'CNY' ? value : value.div(rate.cnyPerUsd);
}

/** CNY → Money in the reporting currency, rounded half-up once to `places`. */
export function money(cny: number | MoneyDecimal, currency: Currency, rate: ExchangeRate, places = AMOUNT_PLACES): Money {
  return { currency, amount: fromCny(cny, currency, rate).toFixed(places) };
}

export function moneyBand(
  cny: { readonly p10: number | MoneyDecimal; readonly p50: number | MoneyDecimal; readonly p90: number | MoneyDecimal; readonly mean: number | MoneyDecimal },
  currency: Currency,
  rate: ExchangeRate,
  places = AMOUNT_PLACES,
): MoneyBand {
  const f = (x: number | MoneyDecimal) => fromCny(x, currency, rate).toFixed(places);
  return { currency, p10: f(cny.p10), p50: f(cny.p50), p90: f(cny.p90), mean: f(cny.mean) };
}
