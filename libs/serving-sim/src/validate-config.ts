import { OVERLOAD_POLICIES } from './overload-policy.js';
import { ROUTERS } from './router.js';
import type { SimRequest, SimulationConfig } from './types.js';

function positiveInteger(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${field}: must be a positive integer, got ${String(value)}`);
}
function nonNegativeInteger(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${field}: must be a non-negative integer, got ${String(value)}`);
}
function positiveFinite(value: number, field: string): void {
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${field}: must be a finite number > 0, got ${String(value)}`);
}
function nonNegativeFinite(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0) throw new RangeError(`${field}: must be a finite number ≥ 0, got ${String(value)}`);
}

/** @throws RangeError naming the first field out of range. */
export function validateSimulationConfig(config: SimulationConfig): void {
  if (!Array.isArray(config.classes) || config.classes.length === 0) throw new RangeError('classes: must list at least one priority class');
  config.classes.forEach((c, i) => {
    if (typeof c.name !== 'string' || c.name === '') throw new RangeError(`classes[${i}].name: must be a non-empty string`);
    positiveFinite(c.slo?.ttftSeconds, `classes[${i}].slo.ttftSeconds`);
    positiveFinite(c.slo?.tpotSeconds, `classes[${i}].slo.tpotSeconds`);
    if (!Object.prototype.hasOwnProperty.call(OVERLOAD_POLICIES, c.overloadPolicy)) {
      throw new RangeError(`classes[${i}].overloadPolicy: must be one of ${Object.keys(OVERLOAD_POLICIES).join(', ')}, got ${String(c.overloadPolicy)}`);
    }
    if (c.maxQueueLength !== undefined) nonNegativeInteger(c.maxQueueLength, `classes[${i}].maxQueueLength`);
  });
  const r = config.replica;
  positiveInteger(r.maxBatchSequences, 'replica.maxBatchSequences');
  positiveInteger(r.stepTokenBudget, 'replica.stepTokenBudget');
  if (config.serviceTime.kind === 'roofline' && r.stepTokenBudget <= r.maxBatchSequences) {
    // Every step must fit one decode token per sequence and still leave room for prefill.
    throw new RangeError(`replica.stepTokenBudget: must exceed maxBatchSequences (${r.maxBatchSequences}), got ${r.stepTokenBudget}`);
  }
  positiveInteger(r.kvBlockTokens, 'replica.kvBlockTokens');
  if (r.kvCapacityBlocks !== null) positiveInteger(r.kvCapacityBlocks, 'replica.kvCapacityBlocks');
  nonNegativeFinite(r.coldStartSeconds, 'replica.coldStartSeconds');
  nonNegativeInteger(config.initialReplicas, 'initialReplicas');
  let previous = 0;
  (config.replicaPlan ?? []).forEach((step, i) => {
    nonNegativeFinite(step.atSeconds, `replicaPlan[${i}].atSeconds`);
    nonNegativeInteger(step.replicas, `replicaPlan[${i}].replicas`);
    if (step.atSeconds < previous) throw new RangeError(`replicaPlan[${i}].atSeconds: must not be earlier than the step before`);
    previous = step.atSeconds;
  });
  if (config.prefixBlockTokens !== undefined && (!Number.isSafeInteger(config.prefixBlockTokens) || config.prefixBlockTokens < 1)) {
    throw new RangeError(`prefixBlockTokens: must be a positive integer, got ${String(config.prefixBlockTokens)}`);
  }
  if (!Object.prototype.hasOwnProperty.call(ROUTERS, config.router)) {
    throw new RangeError(`router: must be one of ${Object.keys(ROUTERS).join(', ')}, got ${String(config.router)}`);
  }
  if (config.sampleIntervalSeconds !== undefined) positiveFinite(config.sampleIntervalSeconds, 'sampleIntervalSeconds');
}

/** @throws RangeError "arrivals[i].field: reason". Checks cheaply first: it runs once per simulated request. */
export function validateSimRequest(request: SimRequest, index: number, previousArrivalSeconds: number, classCount: number): void {
  const { arrivalSeconds, promptTokens, outputTokens, cachedPrefixTokens, classIndex } = request;
  if (
    arrivalSeconds >= previousArrivalSeconds &&
    arrivalSeconds < Number.POSITIVE_INFINITY &&
    Number.isSafeInteger(promptTokens) &&
    promptTokens >= 1 &&
    Number.isSafeInteger(outputTokens) &&
    outputTokens >= 1 &&
    Number.isSafeInteger(cachedPrefixTokens) &&
    cachedPrefixTokens >= 0 &&
    cachedPrefixTokens <= promptTokens &&
    Number.isSafeInteger(classIndex) &&
    classIndex >= 0 &&
    classIndex < classCount
  ) {
    return;
  }
  const at = `arrivals[${index}]`;
  nonNegativeFinite(arrivalSeconds, `${at}.arrivalSeconds`);
  if (arrivalSeconds < previousArrivalSeconds) {
    throw new RangeError(`${at}.arrivalSeconds: must not be earlier than the request before (${previousArrivalSeconds}), got ${arrivalSeconds}`);
  }
  positiveInteger(promptTokens, `${at}.promptTokens`);
  positiveInteger(outputTokens, `${at}.outputTokens`);
  nonNegativeInteger(cachedPrefixTokens, `${at}.cachedPrefixTokens`);
  if (cachedPrefixTokens > promptTokens) {
    throw new RangeError(`${at}.cachedPrefixTokens: must not exceed promptTokens (${promptTokens}), got ${cachedPrefixTokens}`);
  }
  throw new RangeError(`${at}.classIndex: must be an integer from 0 to ${classCount - 1}, got ${String(classIndex)}`);
}
