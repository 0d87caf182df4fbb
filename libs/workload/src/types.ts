/** Shape of one request: mean and coefficient of variation (std / mean) of its sizes. */
export interface RequestSizeDistribution {
  readonly meanPromptTokens: number;
  readonly promptTokensCv: number;
  readonly meanOutputTokens: number;
  readonly outputTokensCv: number;
}

export interface WorkloadSpec {
  readonly dailyActiveUsers: number;
  /** Prompt + output tokens one active user causes per day (source report: about 100 000). */
  readonly tokensPerUserPerDay: number;
  /** Fraction of prompt tokens served from the prefix cache. */
  readonly prefixCacheHitFraction: number;
  /** 24 relative weights, hour 0..23 (any positive scale; normalised internally). */
  readonly diurnalProfile: readonly number[];
  readonly requestSizes: RequestSizeDistribution;
}

export interface HourlyDemand {
  readonly hour: number;
  readonly requestsPerSecond: number;
  readonly inputTokensPerSecond: number;
  /** Input tokens that need prefill compute (1 − prefix-cache hit). */
  readonly prefillTokensPerSecond: number;
  readonly outputTokensPerSecond: number;
}

export interface DemandProfile {
  readonly tokensPerDay: number;
  readonly inputTokensPerDay: number;
  readonly outputTokensPerDay: number;
  /** Derived from the request sizes: meanPrompt / (meanPrompt + meanOutput). */
  readonly inputTokenFraction: number;
  readonly requestsPerDay: number;
  readonly meanTokensPerSecond: number;
  readonly peakTokensPerSecond: number;
  /** Peak hour's rate over the daily mean rate. */
  readonly peakToMeanRatio: number;
  readonly peakHour: number;
  readonly hourly: readonly HourlyDemand[];
  readonly mean: HourlyDemand;
  readonly peak: HourlyDemand;
}
