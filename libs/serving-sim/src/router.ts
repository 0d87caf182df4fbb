import type { RouterKind } from './types.js';

/** What a router may see of the fleet (read-only; the simulator owns the state). */
export interface FleetView {
  readonly replicaCount: number;
  /** The replica is ready, not draining, and has the batch slot and KV blocks for the request. */
  canAdmit(replica: number, kvBlocks: number): boolean;
  /** Prefill plus output tokens still to be processed by the replica's admitted requests. */
  outstandingTokens(replica: number): number;
  /** Tokens per prefix block. */
  readonly prefixBlockTokens: number;
  /** How many leading blocks of the prefix the replica holds in its prefix cache. */
  prefixOverlapBlocks(replica: number, prefixBlockIds: readonly number[]): number;
}

/** Picks the replica for a request among those that can admit it; −1 when none can. */
export interface Router {
  pick(fleet: FleetView, kvBlocks: number, prefixBlockIds?: readonly number[] | null): number;
}

/** The replica with the fewest outstanding tokens; ties go to the lowest index (reproducible). */
function leastOutstandingTokens(): Router {
  return {
    pick(fleet, kvBlocks) {
      let best = -1;
      let bestTokens = Infinity;
      for (let i = 0; i < fleet.replicaCount; i++) {
        if (!fleet.canAdmit(i, kvBlocks)) continue;
        const tokens = fleet.outstandingTokens(i);
        if (tokens < bestTokens) {
          best = i;
          bestTokens = tokens;
        }
      }
      return best;
    },
  };
}

/** The next replica after the previous pick that can admit the request. */
function roundRobin(): Router {
  let last = -1;
  return {
    pick(fleet, kvBlocks) {
      const n = fleet.replicaCount;
      for (let step = 1; step <= n; step++) {
        const i = (last + step) % n;
        if (fleet.canAdmit(i, kvBlocks)) {
          last = i;
          return i;
        }
      }
      return -1;
    },
  };
}

/**
 * KV-aware routing in the manner of NVIDIA Dynamo's KV router: each admissible replica costs the
 * tokens it still has to process plus the prefill this request would add there, i.e. outstanding
 * tokens − cached prefix tokens it already holds (the request's full prefill is the same
 * everywhere); the cheapest wins, ties to the lowest index. A cached prefix therefore attracts its
 * requests only while the replica's backlog is smaller than the prefill saved: load still decides.
 * Requests without prefix blocks go to the least outstanding tokens.
 */
function kvAware(): Router {
  const fallback = leastOutstandingTokens();
  return {
    pick(fleet, kvBlocks, prefixBlockIds) {
      if (!prefixBlockIds || prefixBlockIds.length === 0) return fallback.pick(fleet, kvBlocks);
      let best = -1;
      let bestCost = Infinity;
      for (let i = 0; i < fleet.replicaCount; i++) {
        if (!fleet.canAdmit(i, kvBlocks)) continue;
        const cost = fleet.outstandingTokens(i) - fleet.prefixOverlapBlocks(i, prefixBlockIds) * fleet.prefixBlockTokens;
        if (cost < bestCost) {
          best = i;
          bestCost = cost;
        }
      }
      return best;
    },
  };
}

export const ROUTERS = {
  'least-outstanding-tokens': leastOutstandingTokens,
  'round-robin': roundRobin,
  'kv-aware': kvAware,
} as const satisfies Record<RouterKind, () => Router>;

export function createRouter(kind: RouterKind): Router {
  const factory = (ROUTERS as Record<string, (() => Router) | undefined>)[kind];
  if (factory === undefined) throw new RangeError(`router: must be one of ${Object.keys(ROUTERS).join(', ')}, got ${String(kind)}`);
  return factory();
}
