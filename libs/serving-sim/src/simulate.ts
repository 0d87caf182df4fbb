import { mulberry32 } from '../../cost/src/index.js';
import { Deque } from './deque.js';
import { EventQueue } from './event-queue.js';
import { OVERLOAD_POLICIES, type OverloadPolicy } from './overload-policy.js';
import { SampleBuffer, summarizeLatencies } from './percentile.js';
import { createRouter, type FleetView, type Router } from './router.js';
import { createServiceModel, type ServiceModel } from './service-time.js';
import type {
  ClassResult,
  EventKindName,
  RejectionReason,
  SimRequest,
  SimulationConfig,
  SimulationResult,
} from './types.js';
import { validateSimRequest, validateSimulationConfig } from './validate-config.js';

// Event kinds, and their priorities at equal times: work finishing frees capacity before
// fleet changes, fleet changes before new arrivals are routed, samples see the settled state.
const EV_ARRIVAL = 0;
const EV_STEP_DONE = 1;
const EV_FINISH = 2;
const EV_READY = 3;
const EV_DRAINED = 4;
const EV_PLAN = 5;
const EV_SAMPLE = 6;
const PRIORITY = [3, 0, 0, 1, 1, 2, 4] as const;

const COLD = 0;
const READY = 1;
const DRAINING = 2;
const DRAINED = 3;

const DEFAULT_SAMPLE_INTERVAL_SECONDS = 60;
/** Mooncake hashes 512-token blocks. */
const DEFAULT_PREFIX_BLOCK_TOKENS = 512;

/** A request in flight; pooled, so millions of requests reuse a few thousand objects. */
class Req {
  classIndex = 0;
  arrivalSeconds = 0;
  promptTokens = 0;
  outputTokens = 0;
  prefillTokens = 0;
  kvBlocks = 0;
  queuedSinceSeconds = 0;
  firstAdmittedSeconds = -1;
  firstTokenSeconds = -1;
  prefillRemaining = 0;
  finishStep = 0;
  pendingFinishSeconds = -1;
  replica = -1;
  runIndex = -1;
  heapIndex = -1;
  epoch = 0;
  admissionOrder = 0;
  prefixBlockIds: readonly number[] | null = null;
  constructor(readonly slot: number) {}
}

class Replica {
  state = COLD;
  usedBlocks = 0;
  outstandingTokens = 0;
  running: Req[] = [];
  prefillQueue: Req[] = [];
  /** Decoding requests, min-heap on (finishStep, admissionOrder). */
  decodeHeap: Req[] = [];
  decodeContextSum = 0;
  stepIndex = 0;
  busy = false;
  pieceReq: Req[] = [];
  pieceTokens: number[] = [];
  pieceEpoch: number[] = [];
  pieceCount = 0;
  blocksByClass: number[];
  countByClass: number[];
  /** Prefix block ids computed here, least recently used first (Map keeps insertion order). */
  prefixCache = new Map<number, true>();
  constructor(readonly index: number, classCount: number) {
    this.blocksByClass = new Array<number>(classCount).fill(0);
    this.countByClass = new Array<number>(classCount).fill(0);
  }
}

function heapLess(a: Req, b: Req): boolean {
  return a.finishStep < b.finishStep || (a.finishStep === b.finishStep && a.admissionOrder < b.admissionOrder);
}
function heapSwap(heap: Req[], i: number, j: number): void {
  const a = heap[i]!;
  const b = heap[j]!;
  heap[i] = b;
  heap[j] = a;
  b.heapIndex = i;
  a.heapIndex = j;
}
function heapUp(heap: Req[], i: number): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!heapLess(heap[i]!, heap[parent]!)) break;
    heapSwap(heap, i, parent);
    i = parent;
  }
}
function heapDown(heap: Req[], i: number): void {
  const n = heap.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) return;
    let c = l;
    if (l + 1 < n && heapLess(heap[l + 1]!, heap[l]!)) c = l + 1;
    if (!heapLess(heap[c]!, heap[i]!)) return;
    heapSwap(heap, i, c);
    i = c;
  }
}
function heapPush(heap: Req[], req: Req): void {
  req.heapIndex = heap.length;
  heap.push(req);
  heapUp(heap, heap.length - 1);
}
function heapRemoveAt(heap: Req[], i: number): Req {
  const req = heap[i]!;
  const last = heap.pop()!;
  if (last !== req) {
    heap[i] = last;
    last.heapIndex = i;
    heapDown(heap, i);
    heapUp(heap, last.heapIndex);
  }
  req.heapIndex = -1;
  return req;
}

class ClassStats {
  arrived = 0;
  completed = 0;
  metSlo = 0;
  waited = 0;
  preemptions = 0;
  outputTokens = 0;
  rejected: Record<RejectionReason, number> = { 'queue-full': 0, 'no-capacity': 0, 'exceeds-replica-kv': 0 };
  ttft = new SampleBuffer();
  tpot = new SampleBuffer();
  endToEnd = new SampleBuffer();
  queueWait = new SampleBuffer();
}

const EVENT_NAMES: readonly EventKindName[] = [
  'arrival',
  'prefillChunkDone',
  'decodeStepDone',
  'finish',
  'replicaReady',
  'replicaDrained',
  'replicaPlan',
  'sample',
];

/**
 * Runs the discrete-event simulation of a serving fleet until every arrival has finished or been
 * rejected. Pure and deterministic: the same config, seed and arrivals give the same result.
 *
 * Admission is global: requests wait in one queue per priority class and are placed on a replica
 * (by the router) only when it has a batch slot and KV blocks for prompt + output (reserved at
 * admission, so a running request never runs out of KV). Classes are served strictly in order:
 * while the head of a higher class cannot be placed, lower classes wait too. A replica runs
 * continuous batching: each step carries one token per decoding sequence and fills the rest of its
 * token budget with prefill chunks (higher classes first, then admission order).
 *
 * @throws RangeError naming the offending config field or arrival.
 */
export function simulate(config: SimulationConfig, arrivals: Iterable<SimRequest>): SimulationResult {
  validateSimulationConfig(config);
  return new Simulation(config, arrivals).run();
}

class Simulation implements FleetView {
  private readonly events = new EventQueue(4096);
  private readonly model: ServiceModel;
  private readonly router: Router;
  private readonly policies: OverloadPolicy[];
  private readonly maxQueueLength: number[];
  private readonly classCount: number;
  private readonly queues: Deque<Req>[];
  private readonly stats: ClassStats[];
  private readonly replicas: Replica[] = [];
  private readonly slots: Req[] = [];
  private readonly freeSlots: number[] = [];
  private readonly kicked: Replica[] = [];
  private readonly iterator: Iterator<SimRequest>;
  private readonly maxBatch: number;
  private readonly stepTokenBudget: number;
  private readonly blockTokens: number;
  private readonly capacityBlocks: number;
  private readonly unlimitedKv: boolean;
  private readonly sampleIntervalSeconds: number;
  private readonly anyPreemptible: boolean;

  private pending: SimRequest | null = null;
  private arrivalIndex = 0;
  private lastArrivalSeconds = 0;
  private queuedTotal = 0;
  private inSystem = 0;
  private lastEventSeconds = 0;
  private lastWorkSeconds = 0;
  private areaReadyAtLastWork = 0;
  private areaInSystem = 0;
  private areaQueued = 0;
  private areaReady = 0;
  private readyCount = 0;
  private busySeconds = 0;
  private sojournSum = 0;
  private completed = 0;
  private admissions = 0;
  private readonly eventCounts = new Array<number>(EVENT_NAMES.length).fill(0);
  private readonly sampleTimes: number[] = [];
  private readonly sampleQueued: number[][];
  private readonly sampleRunning: number[] = [];
  private readonly sampleKv: number[] = [];
  private readonly sampleReady: number[] = [];
  private samplingScheduled = false;
  readonly prefixBlockTokens: number;
  private readonly prefixCacheCapacityBlocks: number;
  private prefixLookedUp = 0;
  private prefixHits = 0;

  constructor(private readonly config: SimulationConfig, arrivals: Iterable<SimRequest>) {
    this.model = createServiceModel(config.serviceTime, mulberry32(config.seed));
    this.router = createRouter(config.router);
    this.classCount = config.classes.length;
    this.policies = config.classes.map((c) => OVERLOAD_POLICIES[c.overloadPolicy]);
    this.maxQueueLength = config.classes.map((c, i) => c.maxQueueLength ?? this.policies[i]!.defaultMaxQueueLength);
    this.anyPreemptible = this.policies.some((p) => p.preemptible);
    this.queues = config.classes.map(() => new Deque<Req>());
    this.stats = config.classes.map(() => new ClassStats());
    this.sampleQueued = config.classes.map(() => []);
    this.maxBatch = config.replica.maxBatchSequences;
    this.stepTokenBudget = config.replica.stepTokenBudget;
    this.blockTokens = config.replica.kvBlockTokens;
    this.unlimitedKv = config.replica.kvCapacityBlocks === null;
    this.capacityBlocks = config.replica.kvCapacityBlocks ?? Number.MAX_SAFE_INTEGER;
    this.sampleIntervalSeconds = config.sampleIntervalSeconds ?? DEFAULT_SAMPLE_INTERVAL_SECONDS;
    this.prefixBlockTokens = config.prefixBlockTokens ?? DEFAULT_PREFIX_BLOCK_TOKENS;
    // A replica can keep as many prefix blocks as its KV cache holds tokens (freed blocks stay reusable until overwritten, as in vLLM).
    this.prefixCacheCapacityBlocks = this.unlimitedKv ? Infinity : Math.floor((this.capacityBlocks * this.blockTokens) / this.prefixBlockTokens);
    this.iterator = arrivals[Symbol.iterator]();
  }

  // FleetView for the router.
  get replicaCount(): number {
    return this.replicas.length;
  }
  canAdmit(i: number, kvBlocks: number): boolean {
    const r = this.replicas[i]!;
    return r.state === READY && r.running.length < this.maxBatch && r.usedBlocks + kvBlocks <= this.capacityBlocks;
  }
  outstandingTokens(i: number): number {
    return this.replicas[i]!.outstandingTokens;
  }
  prefixOverlapBlocks(i: number, ids: readonly number[]): number {
    const cache = this.replicas[i]!.prefixCache;
    let n = 0;
    while (n < ids.length && cache.has(ids[n]!)) n++;
    return n;
  }

  run(): SimulationResult {
    for (let i = 0; i < this.config.initialReplicas; i++) {
      const r = this.addReplica();
      r.state = READY;
      this.readyCount++;
    }
    (this.config.replicaPlan ?? []).forEach((step, i) => this.events.push(step.atSeconds, PRIORITY[EV_PLAN], EV_PLAN, i));
    this.pullArrival();
    this.scheduleSample(0);

    const events = this.events;
    let processed = 0;
    while (events.pop()) {
      const now = events.time;
      const dt = now - this.lastEventSeconds;
      if (dt > 0) {
        this.areaInSystem += this.inSystem * dt;
        this.areaQueued += this.queuedTotal * dt;
        this.areaReady += this.readyCount * dt;
        this.lastEventSeconds = now;
      }
      processed++;
      if (events.kind !== EV_SAMPLE) {
        // Samples scheduled before the last request left must not stretch the run.
        this.lastWorkSeconds = now;
        this.areaReadyAtLastWork = this.areaReady;
      }
      switch (events.kind) {
        case EV_STEP_DONE:
          this.onStepDone(this.replicas[events.target]!, now);
          break;
        case EV_ARRIVAL:
          this.onArrival(now);
          break;
        case EV_FINISH:
          this.onRequestFinish(this.slots[events.target]!, now);
          break;
        case EV_READY:
          this.onReady(this.replicas[events.target]!, now);
          break;
        case EV_DRAINED:
          this.onDrained(this.replicas[events.target]!);
          break;
        case EV_PLAN:
          this.onPlan(events.target, now);
          break;
        default:
          this.onSample(now);
      }
    }
    return this.result(processed);
  }

  private addReplica(): Replica {
    const r = new Replica(this.replicas.length, this.classCount);
    this.replicas.push(r);
    return r;
  }

  private pullArrival(): void {
    const next = this.iterator.next();
    if (next.done === true) {
      this.pending = null;
      return;
    }
    const request = next.value;
    validateSimRequest(request, this.arrivalIndex, this.lastArrivalSeconds, this.classCount);
    this.arrivalIndex++;
    this.lastArrivalSeconds = request.arrivalSeconds;
    this.pending = request;
    this.events.push(request.arrivalSeconds, PRIORITY[EV_ARRIVAL], EV_ARRIVAL, 0);
  }

  private allocate(request: SimRequest): Req {
    const slot = this.freeSlots.pop();
    let req: Req;
    if (slot === undefined) {
      req = new Req(this.slots.length);
      this.slots.push(req);
    } else {
      req = this.slots[slot]!;
    }
    req.classIndex = request.classIndex;
    req.prefixBlockIds = request.prefixBlockIds ?? null;
    req.arrivalSeconds = request.arrivalSeconds;
    req.promptTokens = request.promptTokens;
    req.outputTokens = request.outputTokens;
    // A full prefix hit still recomputes the last prompt token to get its logits.
    req.prefillTokens = Math.max(1, request.promptTokens - request.cachedPrefixTokens);
    req.kvBlocks = Math.ceil((request.promptTokens + request.outputTokens) / this.blockTokens);
    req.queuedSinceSeconds = request.arrivalSeconds;
    req.firstAdmittedSeconds = -1;
    req.firstTokenSeconds = -1;
    req.prefillRemaining = req.prefillTokens;
    req.pendingFinishSeconds = -1;
    req.replica = -1;
    req.runIndex = -1;
    req.heapIndex = -1;
    return req;
  }

  private release(req: Req): void {
    req.epoch++;
    this.freeSlots.push(req.slot);
  }

  private onArrival(now: number): void {
    const request = this.pending!;
    this.pullArrival();
    const stats = this.stats[request.classIndex]!;
    stats.arrived++;
    const req = this.allocate(request);
    if (!this.unlimitedKv && req.kvBlocks > this.capacityBlocks) {
      stats.rejected['exceeds-replica-kv']++;
      this.release(req);
      return;
    }
    this.inSystem++;
    this.queues[req.classIndex]!.pushBack(req);
    this.queuedTotal++;
    this.dispatch(now);
    const queue = this.queues[req.classIndex]!;
    const limit = this.maxQueueLength[req.classIndex]!;
    while (queue.length > limit) {
      const dropped = queue.popBack()!;
      this.queuedTotal--;
      this.inSystem--;
      stats.rejected[this.policies[dropped.classIndex]!.overflowReason]++;
      this.release(dropped);
    }
    if (!this.samplingScheduled) this.scheduleSample(now);
  }

  /** Places queued requests, higher classes first, until the head of a class cannot be placed. */
  private dispatch(now: number): void {
    if (this.queuedTotal > 0) {
      for (let c = 0; c < this.classCount; c++) {
        const queue = this.queues[c]!;
        while (queue.length > 0) {
          const req = queue.peekFront()!;
          let r = this.router.pick(this, req.kvBlocks, req.prefixBlockIds);
          if (r < 0 && this.anyPreemptible) r = this.preemptFor(req, now);
          if (r < 0) {
            c = this.classCount;
            break;
          }
          queue.popFront();
          this.queuedTotal--;
          this.admit(req, this.replicas[r]!, now);
        }
      }
    }
    const kicked = this.kicked;
    while (kicked.length > 0) {
      const r = kicked.pop()!;
      if (!r.busy) this.startStep(r, now);
    }
  }

  private admit(req: Req, r: Replica, now: number): void {
    req.replica = r.index;
    req.admissionOrder = this.admissions++;
    if (req.firstAdmittedSeconds < 0) req.firstAdmittedSeconds = now;
    req.runIndex = r.running.length;
    r.running.push(req);
    r.usedBlocks += req.kvBlocks;
    r.blocksByClass[req.classIndex]! += req.kvBlocks;
    r.countByClass[req.classIndex]!++;
    if (req.prefixBlockIds !== null) this.usePrefixCache(req, r);
    r.outstandingTokens += req.prefillRemaining + req.outputTokens;
    if (this.model.granularity === 'request') {
      const serviceSeconds = this.model.requestSeconds();
      const finishAt = now + serviceSeconds;
      // One of maxBatch servers is busy for the service time.
      this.busySeconds += serviceSeconds / this.maxBatch;
      req.pendingFinishSeconds = finishAt;
      this.events.push(finishAt, PRIORITY[EV_FINISH], EV_FINISH, req.slot);
      return;
    }
    // Prefill order: higher classes first, admission order within a class.
    const queue = r.prefillQueue;
    let i = queue.length;
    while (i > 0 && queue[i - 1]!.classIndex > req.classIndex) i--;
    if (i === queue.length) queue.push(req);
    else queue.splice(i, 0, req);
    if (!r.busy) this.kicked.push(r);
  }

  /** The replica's cached leading blocks skip prefill; then every block of the prompt is cached there (least recently used evicted). */
  private usePrefixCache(req: Req, r: Replica): void {
    const ids = req.prefixBlockIds!;
    const hit = this.prefixOverlapBlocks(r.index, ids);
    this.prefixLookedUp += ids.length;
    this.prefixHits += hit;
    req.prefillTokens = Math.max(1, req.promptTokens - Math.min(req.promptTokens, hit * this.prefixBlockTokens));
    req.prefillRemaining = req.prefillTokens;
    const cache = r.prefixCache;
    for (const id of ids) {
      cache.delete(id);
      cache.set(id, true);
    }
    while (cache.size > this.prefixCacheCapacityBlocks) cache.delete(cache.keys().next().value!);
  }

  /**
   * Frees room for `req` by evicting running requests of lower, preemptible classes (most recently
   * admitted first, as vLLM does) on the replica where that is possible and the fewest tokens are
   * outstanding. Returns that replica, or −1.
   */
  private preemptFor(req: Req, now: number): number {
    let best = -1;
    let bestTokens = Infinity;
    for (let i = 0; i < this.replicas.length; i++) {
      const r = this.replicas[i]!;
      if (r.state !== READY) continue;
      let freeableBlocks = 0;
      let freeableSlots = 0;
      for (let c = req.classIndex + 1; c < this.classCount; c++) {
        if (!this.policies[c]!.preemptible) continue;
        freeableBlocks += r.blocksByClass[c]!;
        freeableSlots += r.countByClass[c]!;
      }
      if (freeableSlots === 0) continue;
      const fits =
        r.running.length - freeableSlots < this.maxBatch && r.usedBlocks - freeableBlocks + req.kvBlocks <= this.capacityBlocks;
      if (fits && r.outstandingTokens < bestTokens) {
        best = i;
        bestTokens = r.outstandingTokens;
      }
    }
    if (best < 0) return -1;
    const r = this.replicas[best]!;
    while (!this.canAdmit(best, req.kvBlocks)) {
      let victim: Req | null = null;
      for (const candidate of r.running) {
        if (candidate.classIndex <= req.classIndex || !this.policies[candidate.classIndex]!.preemptible) continue;
        if (victim === null || candidate.admissionOrder > victim.admissionOrder) victim = candidate;
      }
      this.evict(victim!, r, now);
    }
    return best;
  }

  /** Recompute preemption: the request loses its progress and KV and goes back to the head of its queue. */
  private evict(req: Req, r: Replica, now: number): void {
    this.stats[req.classIndex]!.preemptions++;
    this.detach(req, r);
    if (req.heapIndex >= 0) {
      const generated = req.outputTokens - (req.finishStep - r.stepIndex);
      r.decodeContextSum -= req.promptTokens + generated;
      r.outstandingTokens -= req.finishStep - r.stepIndex;
      heapRemoveAt(r.decodeHeap, req.heapIndex);
    } else {
      const at = r.prefillQueue.indexOf(req);
      if (at >= 0) r.prefillQueue.splice(at, 1);
      r.outstandingTokens -= req.prefillRemaining + req.outputTokens;
    }
    req.epoch++;
    req.prefillRemaining = req.prefillTokens;
    req.pendingFinishSeconds = -1;
    req.replica = -1;
    req.queuedSinceSeconds = now;
    this.queues[req.classIndex]!.pushFront(req);
    this.queuedTotal++;
  }

  /** Takes a request off its replica's running set and KV blocks. */
  private detach(req: Req, r: Replica): void {
    const running = r.running;
    const last = running.pop()!;
    if (last !== req) {
      running[req.runIndex] = last;
      last.runIndex = req.runIndex;
    }
    req.runIndex = -1;
    r.usedBlocks -= req.kvBlocks;
    r.blocksByClass[req.classIndex]! -= req.kvBlocks;
    r.countByClass[req.classIndex]!--;
  }

  private startStep(r: Replica, now: number): void {
    const model = this.model;
    const decode = r.decodeHeap.length;
    const queue = r.prefillQueue;
    if (decode === 0 && queue.length === 0) {
      r.busy = false;
      if (r.state === DRAINING && r.running.length === 0) this.events.push(now, PRIORITY[EV_DRAINED], EV_DRAINED, r.index);
      return;
    }
    let seconds = 0;
    let parts = 0;
    if (decode > 0) {
      seconds += model.decodeSeconds(decode, r.decodeContextSum / decode);
      parts++;
    }
    let budget = this.stepTokenBudget - decode;
    let pieces = 0;
    for (let i = 0; i < queue.length && budget > 0; i++) {
      const req = queue[i]!;
      const tokens = req.prefillRemaining < budget ? req.prefillRemaining : budget;
      seconds += model.prefillPieceSeconds(tokens, req.promptTokens - req.prefillRemaining);
      parts++;
      r.pieceReq[pieces] = req;
      r.pieceTokens[pieces] = tokens;
      r.pieceEpoch[pieces] = req.epoch;
      pieces++;
      budget -= tokens;
    }
    r.pieceCount = pieces;
    seconds -= model.fixedSecondsPerStep * (parts - 1);
    r.busy = true;
    this.busySeconds += seconds;
    this.events.push(now + seconds, PRIORITY[EV_STEP_DONE], EV_STEP_DONE, r.index);
  }

  private onStepDone(r: Replica, now: number): void {
    r.busy = false;
    r.stepIndex++;
    const heap = r.decodeHeap;
    const decoded = heap.length;
    r.decodeContextSum += decoded;
    r.outstandingTokens -= decoded;
    while (heap.length > 0 && heap[0]!.finishStep <= r.stepIndex) {
      const req = heapRemoveAt(heap, 0);
      r.decodeContextSum -= req.promptTokens + req.outputTokens;
      this.finish(req, r, now);
    }
    const pieces = r.pieceCount;
    for (let k = 0; k < pieces; k++) {
      const req = r.pieceReq[k]!;
      if (req.epoch !== r.pieceEpoch[k]) continue;
      const tokens = r.pieceTokens[k]!;
      req.prefillRemaining -= tokens;
      r.outstandingTokens -= tokens;
      if (req.prefillRemaining > 0) continue;
      const queue = r.prefillQueue;
      queue.splice(queue.indexOf(req), 1);
      if (req.firstTokenSeconds < 0) req.firstTokenSeconds = now;
      r.outstandingTokens -= 1;
      if (req.outputTokens === 1) {
        this.finish(req, r, now);
      } else {
        req.finishStep = r.stepIndex + req.outputTokens - 1;
        r.decodeContextSum += req.promptTokens + 1;
        heapPush(heap, req);
      }
    }
    r.pieceCount = 0;
    this.eventCounts[pieces > 0 ? 1 : 2]!++;
    this.dispatch(now);
    if (!r.busy) this.startStep(r, now);
  }

  private onRequestFinish(req: Req, now: number): void {
    this.eventCounts[3]!++;
    if (req.pendingFinishSeconds !== now) return; // evicted since this finish was scheduled
    const r = this.replicas[req.replica]!;
    req.firstTokenSeconds = now;
    r.outstandingTokens -= req.prefillRemaining + req.outputTokens;
    this.finish(req, r, now);
    this.dispatch(now);
    if (r.state === DRAINING && r.running.length === 0) this.events.push(now, PRIORITY[EV_DRAINED], EV_DRAINED, r.index);
  }

  private finish(req: Req, r: Replica, now: number): void {
    this.detach(req, r);
    const c = this.config.classes[req.classIndex]!;
    const stats = this.stats[req.classIndex]!;
    const ttft = req.firstTokenSeconds - req.arrivalSeconds;
    const endToEnd = now - req.arrivalSeconds;
    const wait = req.firstAdmittedSeconds - req.arrivalSeconds;
    stats.completed++;
    stats.outputTokens += req.outputTokens;
    stats.ttft.push(ttft);
    stats.endToEnd.push(endToEnd);
    stats.queueWait.push(wait);
    if (wait > 0) stats.waited++;
    let met = ttft <= c.slo.ttftSeconds;
    if (req.outputTokens > 1) {
      const tpot = (now - req.firstTokenSeconds) / (req.outputTokens - 1);
      stats.tpot.push(tpot);
      met = met && tpot <= c.slo.tpotSeconds;
    }
    if (met) stats.metSlo++;
    this.sojournSum += endToEnd;
    this.completed++;
    this.inSystem--;
    this.release(req);
  }

  private onReady(r: Replica, now: number): void {
    this.eventCounts[4]!++;
    if (r.state !== COLD) return; // cancelled while loading
    r.state = READY;
    this.readyCount++;
    this.dispatch(now);
  }

  private onDrained(r: Replica): void {
    this.eventCounts[5]!++;
    if (r.state !== DRAINING || r.running.length > 0) return; // revived, or admitted again
    r.state = DRAINED;
    this.readyCount--;
  }

  private onPlan(index: number, now: number): void {
    this.eventCounts[6]!++;
    const target = this.config.replicaPlan![index]!.replicas;
    const active = this.replicas.filter((r) => r.state === READY || r.state === COLD);
    if (target > active.length) {
      let missing = target - active.length;
      // A draining replica still holds its weights: taking it back is free.
      for (const r of this.replicas) {
        if (missing === 0) break;
        if (r.state === DRAINING) {
          r.state = READY;
          missing--;
        }
      }
      for (; missing > 0; missing--) {
        const r = this.addReplica();
        this.events.push(now + this.config.replica.coldStartSeconds, PRIORITY[EV_READY], EV_READY, r.index);
      }
      this.dispatch(now);
      return;
    }
    // Shrink: cancel replicas still loading (newest first), then drain ready ones with the least outstanding work.
    let surplus = active.length - target;
    for (let i = active.length - 1; i >= 0 && surplus > 0; i--) {
      if (active[i]!.state === COLD) {
        active[i]!.state = DRAINED;
        surplus--;
      }
    }
    const ready = active.filter((r) => r.state === READY).sort((a, b) => a.outstandingTokens - b.outstandingTokens || b.index - a.index);
    for (let i = 0; i < surplus; i++) {
      const r = ready[i]!;
      r.state = DRAINING;
      if (r.running.length === 0 && !r.busy) this.events.push(now, PRIORITY[EV_DRAINED], EV_DRAINED, r.index);
    }
  }

  private scheduleSample(now: number): void {
    this.samplingScheduled = true;
    this.events.push(now, PRIORITY[EV_SAMPLE], EV_SAMPLE, 0);
  }

  private onSample(now: number): void {
    this.eventCounts[7]!++;
    this.samplingScheduled = false;
    this.sampleTimes.push(now);
    for (let c = 0; c < this.classCount; c++) this.sampleQueued[c]!.push(this.queues[c]!.length);
    let running = 0;
    let usedBlocks = 0;
    let ready = 0;
    for (const r of this.replicas) {
      running += r.running.length;
      if (r.state === READY || r.state === DRAINING) {
        ready++;
        usedBlocks += r.usedBlocks;
      }
    }
    this.sampleRunning.push(running);
    this.sampleReady.push(ready);
    this.sampleKv.push(this.unlimitedKv || ready === 0 ? 0 : usedBlocks / (ready * this.capacityBlocks));
    // Keep sampling while there is anything left to happen.
    if (this.pending !== null || this.inSystem > 0) {
      this.samplingScheduled = true;
      this.events.push(now + this.sampleIntervalSeconds, PRIORITY[EV_SAMPLE], EV_SAMPLE, 0);
    }
  }

  private result(processed: number): SimulationResult {
    const duration = this.lastWorkSeconds;
    const perSecond = (count: number): number => (duration > 0 ? count / duration : 0);
    this.eventCounts[0] = this.arrivalIndex;
    const classes: ClassResult[] = this.config.classes.map((c, i) => {
      const s = this.stats[i]!;
      return {
        name: c.name,
        arrived: s.arrived,
        completed: s.completed,
        rejected: { ...s.rejected },
        preemptions: s.preemptions,
        ttft: summarizeLatencies(s.ttft.values()),
        tpot: summarizeLatencies(s.tpot.values()),
        endToEnd: summarizeLatencies(s.endToEnd.values()),
        queueWait: summarizeLatencies(s.queueWait.values()),
        waitedFraction: s.completed > 0 ? s.waited / s.completed : 0,
        sloAttainmentFraction: s.arrived > 0 ? s.metSlo / s.arrived : 0,
        goodputRequestsPerSecond: perSecond(s.metSlo),
        throughputRequestsPerSecond: perSecond(s.completed),
        outputTokensPerSecond: perSecond(s.outputTokens),
      };
    });
    const eventsByKind = Object.fromEntries(EVENT_NAMES.map((name, i) => [name, this.eventCounts[i]!])) as Record<EventKindName, number>;
    return {
      durationSeconds: duration,
      events: processed,
      eventsByKind,
      classes,
      meanRequestsInSystem: duration > 0 ? this.areaInSystem / duration : 0,
      meanQueuedRequests: duration > 0 ? this.areaQueued / duration : 0,
      completedPerSecond: perSecond(this.completed),
      meanSojournSeconds: this.completed > 0 ? this.sojournSum / this.completed : 0,
      replicaBusyFraction: this.areaReadyAtLastWork > 0 ? Math.min(1, this.busySeconds / this.areaReadyAtLastWork) : 0,
      replicaSecondsReady: this.areaReadyAtLastWork,
      prefixCache: {
        lookedUpBlocks: this.prefixLookedUp,
        hitBlocks: this.prefixHits,
        hitFraction: this.prefixLookedUp > 0 ? this.prefixHits / this.prefixLookedUp : 0,
      },
      samples: {
        timeSeconds: this.sampleTimes,
        queuedRequestsByClass: this.sampleQueued,
        runningRequests: this.sampleRunning,
        kvUtilizationFraction: this.sampleKv,
        readyReplicas: this.sampleReady,
      },
    };
  }
}
