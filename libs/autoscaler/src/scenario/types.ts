import type { ScenarioSpec } from '../../../cost/src/index.js';
import type { OverloadPolicyKind, RouterKind } from '../../../serving-sim/src/index.js';
import type { PolicyKind, ScalingBounds } from '../types.js';

/** A priority class of the simulated traffic (index 0 = highest priority). */
export interface TrafficClassSpec {
  readonly name: string;
  readonly ttftSeconds: number;
  readonly tpotSeconds: number;
  readonly overloadPolicy: OverloadPolicyKind;
  /** Share of requests (relative weight). */
  readonly weight: number;
}

/** A trace's requests, column by column (compact in JSON and in the database). */
export interface TraceColumns {
  readonly arrivalSeconds: readonly number[];
  readonly promptTokens: readonly number[];
  readonly outputTokens: readonly number[];
  readonly cachedPrefixTokens: readonly number[];
  /** Per request, its prefix block hashes (Mooncake hash_ids), for per-replica prefix caching and KV-aware routing. */
  readonly prefixBlockIds?: readonly (readonly number[])[];
}

export type ArrivalKind = 'poisson' | 'bursty';

export type ScenarioWorkload =
  | {
      /** Arrivals at the scenario's DAU × tokens per user × diurnal profile, from startHour on. */
      readonly kind: 'synthetic';
      readonly arrival: ArrivalKind;
      readonly durationSeconds: number;
      readonly startHour: number;
    }
  | { readonly kind: 'trace'; readonly requests: TraceColumns };

export type FleetSpec =
  | { readonly kind: 'fixed'; readonly replicas: number }
  | { readonly kind: 'policy'; readonly policy: PolicyKind; readonly bounds: ScalingBounds };

export interface ScenarioRunSpec {
  readonly scenario: ScenarioSpec;
  readonly classes: readonly TrafficClassSpec[];
  readonly workload: ScenarioWorkload;
  /** Planning interval (policies decide per interval; demand is binned per interval). */
  readonly intervalSeconds: number;
  readonly router: RouterKind;
  readonly seed: number;
  /** Bytes per second a new replica reads its weights at (cold start = weight bytes / this). */
  readonly storageBytesPerSecond: number;
  /** Overrides the cold start derived from the storage bandwidth. */
  readonly coldStartSeconds: number | null;
  readonly targetAttainmentFraction: number;
}
