/**
 * Default diurnal profile: relative request rate for each hour 0..23 of the day, local time of
 * the users (China Standard Time, UTC+8), for a Chinese chat product with both consumer and
 * business (B2B / API) traffic.
 *
 * Basis (a shape, not a measurement — override it with your own hourly counts): public traffic
 * curves of Chinese consumer internet and chat services follow the same day — a trough from about
 * 2 to 7 am at roughly a tenth of the peak, a steep rise from 8 am, a working-hours plateau with
 * a morning peak around 10-11 (B2B and office use), a lunch dip, and the daily maximum in the
 * evening 20-22 (consumer use), falling off after 23. The public Azure LLM traces
 * (shared/traces/azure-2023-*.csv) cover about one hour and the Mooncake trace about 17 minutes,
 * so they fix request sizes but cannot define a day.
 *
 * The weights give peak / mean = 1.5 / (20.96 / 24) ≈ 1.718, inside the 1.6-2.0 band that
 * busy-hour-to-average ratios of interactive services usually fall in.
 */
export const DEFAULT_DIURNAL_PROFILE: readonly number[] = Object.freeze([
  0.55, // 00
  0.35, // 01
  0.22, // 02
  0.15, // 03
  0.12, // 04
  0.12, // 05
  0.2, //  06
  0.4, //  07
  0.75, // 08 commute, first office logins
  1.15, // 09
  1.4, //  10 morning office peak
  1.4, //  11
  1.1, //  12 lunch dip
  1.05, // 13
  1.25, // 14
  1.3, //  15
  1.25, // 16
  1.05, // 17
  0.95, // 18 commute / dinner
  1.15, // 19
  1.4, //  20 evening consumer peak
  1.5, //  21 daily maximum
  1.25, // 22
  0.9, //  23
]);

/** The default profile (see DEFAULT_DIURNAL_PROFILE for its basis). */
export function defaultDiurnalProfile(): readonly number[] {
  return DEFAULT_DIURNAL_PROFILE;
}
