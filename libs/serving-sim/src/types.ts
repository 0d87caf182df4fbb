import type { PreparedDeployment } from '../../capacity/src/index.js';
import type { LatencySummary } from './percentile.js';

/** One request as the simulator replays it. Arrivals must come in non-decreasing time. */
export interface SimRequest {
  readonly arrivalSeconds: number;
  /** ≥ 1. */
  readonly promptTokens: number;
  /** ≥ 1 (a trace's 0-token failures are mapped to 1 by traceRequests). */
  readonly outputTokens: number;
  /** Leading prompt tokens whose KV is already cached: they skip prefill (the last prompt token is always recomputed). */
  readonly cachedPrefixTokens: number;
  /** Index into SimulationConfig.classes (0 = highest priority). */
  readonly classIndex: number;
  /**
   * Hashes of the prompt's prefix blocks (Mooncake hash_ids: block k's id covers tokens up to
   * the end of block k). When given, prefix-cache hits are per replica: the leading ids the chosen
   * replica has already computed skip prefill, and cachedPrefixTokens is ignored.
   */
  readonly prefixBlockIds?: readonly number[];
}

export interface ClassSlo {
  /** Time to first token a request must meet to count toward goodput. */
  readonly ttftSeconds: number;
  /** Mean time per output token over the request's decode. */
  readonly tpotSeconds: number;
}

/**
 * What a class does when the fleet cannot admit it at once:
 * - queue: wait in the class's queue (up to maxQueueLength, then rejected "queue-full");
 * - preempt: wait like queue, and its running requests may be evicted (recompute) to admit a
 *   higher class; evicted requests go back to the head of their queue;
 * - reject: rejected "no-capacity" unless admitted on arrival (or queued within maxQueueLength).
 */
export type OverloadPolicyKind = 'queue' | 'preempt' | 'reject';

export interface PriorityClassSpec {
  readonly name: string;
  readonly slo: ClassSlo;
  readonly overloadPolicy: OverloadPolicyKind;
  /** Longest queue the class keeps; default unbounded for queue / preempt, 0 for reject. */
  readonly maxQueueLength?: number;
}

export type RejectionReason = 'queue-full' | 'no-capacity' | 'exceeds-replica-kv';

/** The service-time source (strategy): the capacity model's roofline, or exponential times for queueing tests. */
export type ServiceTimeSpec =
  | {
      /** Step times of continuous batching from libs/capacity (a calibration profile changes every simulated second). */
      readonly kind: 'roofline';
      readonly prepared: PreparedDeployment;
    }
  | {
      /**
       * Each request is served whole in an exponential time (mean meanSeconds) once admitted:
       * with maxBatchSequences 1 a replica is one M/M/c server. The first token counts at the end.
       */
      readonly kind: 'exponential';
      readonly meanSeconds: number;
    };

export type ServiceTimeKind = ServiceTimeSpec['kind'];

export interface ReplicaShape {
  /** Sequences one replica runs at once (continuous batch slots; 1 = one server). */
  readonly maxBatchSequences: number;
  /** Tokens one step may process: decode tokens first, the rest prefill chunks (vLLM max_num_batched_tokens). */
  readonly stepTokenBudget: number;
  /** Tokens per paged KV block (vLLM's default 16). */
  readonly kvBlockTokens: number;
  /** KV blocks per replica; null = unlimited (queueing tests). */
  readonly kvCapacityBlocks: number | null;
  /** Weight load time of a new replica: weight bytes / storage bandwidth. */
  readonly coldStartSeconds: number;
}

export type RouterKind = 'least-outstanding-tokens' | 'round-robin' | 'kv-aware';

/** From this time on the fleet has `replicas` replicas: new ones start cold, surplus ones drain. */
export interface ReplicaPlanStep {
  readonly atSeconds: number;
  readonly replicas: number;
}

export interface SimulationConfig {
  readonly classes: readonly PriorityClassSpec[];
  readonly replica: ReplicaShape;
  /** Replicas warm at time 0. */
  readonly initialReplicas: number;
  readonly replicaPlan?: readonly ReplicaPlanStep[];
  readonly serviceTime: ServiceTimeSpec;
  readonly router: RouterKind;
  /** Seeds the service-time draws (exponential source). */
  readonly seed: number;
  /** Period of the queue / KV samples; default 60 s. */
  readonly sampleIntervalSeconds?: number;
  /** Tokens per prefix block of SimRequest.prefixBlockIds; default 512 (Mooncake's). */
  readonly prefixBlockTokens?: number;
}

/** Per-replica prefix caching of requests that carry prefixBlockIds. */
export interface PrefixCacheResult {
  /** Prefix blocks of admitted requests. */
  readonly lookedUpBlocks: number;
  /** Of those, the leading blocks the chosen replica already held. */
  readonly hitBlocks: number;
  readonly hitFraction: number;
}

export interface ClassResult {
  readonly name: string;
  readonly arrived: number;
  readonly completed: number;
  readonly rejected: Readonly<Record<RejectionReason, number>>;
  readonly preemptions: number;
  readonly ttft: LatencySummary | null;
  /** Requests with ≥ 2 output tokens. */
  readonly tpot: LatencySummary | null;
  readonly endToEnd: LatencySummary | null;
  /** Arrival (or last preemption) to admission on a replica. */
  readonly queueWait: LatencySummary | null;
  /** Completed requests that waited a positive time before admission. */
  readonly waitedFraction: number;
  /** Completed requests meeting both SLO targets over arrived requests (rejections count as misses). */
  readonly sloAttainmentFraction: number;
  readonly goodputRequestsPerSecond: number;
  readonly throughputRequestsPerSecond: number;
  readonly outputTokensPerSecond: number;
}

export interface TimeSeriesSamples {
  readonly timeSeconds: readonly number[];
  /** Queued requests per class at each sample. */
  readonly queuedRequestsByClass: readonly (readonly number[])[];
  readonly runningRequests: readonly number[];
  /** Used over total KV blocks of ready replicas; 0 with unlimited KV. */
  readonly kvUtilizationFraction: readonly number[];
  readonly readyReplicas: readonly number[];
}

export interface SimulationResult {
  /** Time of the last event other than a sample. */
  readonly durationSeconds: number;
  readonly events: number;
  readonly eventsByKind: Readonly<Record<EventKindName, number>>;
  readonly classes: readonly ClassResult[];
  /** Time averages over [0, durationSeconds] (exact, integrated at every event). */
  readonly meanRequestsInSystem: number;
  readonly meanQueuedRequests: number;
  /** Completed requests over durationSeconds. */
  readonly completedPerSecond: number;
  /** Mean arrival-to-finish time of completed requests. */
  readonly meanSojournSeconds: number;
  /** Busy step time over ready replica time. */
  readonly replicaBusyFraction: number;
  readonly replicaSecondsReady: number;
  readonly prefixCache: PrefixCacheResult;
  readonly samples: TimeSeriesSamples;
}

export type EventKindName =
  | 'arrival'
  | 'prefillChunkDone'
  | 'decodeStepDone'
  | 'finish'
  | 'replicaReady'
  | 'replicaDrained'
  | 'replicaPlan'
  | 'sample';
