import { POLICY_KINDS, RUN_SPEC_DEFAULTS, type PolicyKind, type ScalingBounds, type ScenarioRunSpec, type TraceColumns } from '../../../../libs/autoscaler/src/index.js';
import { fieldPosition, InputError, type JsonFile } from '../input-file.js';
import { toScenario } from '../scenario-file.js';

/** The same defaults as POST /v1/autoscaling/plans, from the library both read. */
const DEFAULTS = RUN_SPEC_DEFAULTS;

const PLAN_FIELDS = new Set(['name', '$comment', 'scenario', 'workload', 'classes', 'intervalSeconds', 'router', 'seed', 'storageBytesPerSecond', 'coldStartSeconds', 'targetAttainmentFraction', 'bounds', 'policies']);
const WORKLOAD_FIELDS = new Set(['kind', 'dailyActiveUsers', 'arrival', 'durationSeconds', 'startHour', 'requests']);

export interface PlanFile {
  readonly spec: ScenarioRunSpec;
  readonly policies: readonly PolicyKind[];
  readonly bounds: ScalingBounds;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Bad input at a field: "file:line:column: field: reason", the position found by the field's path in the file. */
function fail(file: JsonFile, field: string, reason: string): InputError {
  const where = fieldPosition(file.text, field);
  return new InputError(`${file.path}${where ? `:${where.line}:${where.column}` : ''}: ${field}: ${reason}`);
}

function onlyKnown(file: JsonFile, value: Record<string, unknown>, known: Set<string>, prefix: string): void {
  for (const key of Object.keys(value)) if (!known.has(key)) throw fail(file, `${prefix}${key}`, `unknown field (expected one of ${[...known].filter((k) => k !== '$comment').join(', ')})`);
}

/**
 * A plan request as POST /v1/autoscaling/plans takes it (scenario, workload, classes, bounds,
 * policies, …), with the API's defaults. A trace workload is given as columns
 * (`workload.requests: {arrivalSeconds, promptTokens, outputTokens, cachedPrefixTokens}`), the
 * form libs/autoscaler reads; numeric ranges are left to the library, which names the field.
 */
export function toPlanFile(file: JsonFile): PlanFile {
  const { value, path } = file;
  if (!isObject(value)) throw new InputError(`${path}: the file: must be a JSON object`);
  onlyKnown(file, value, PLAN_FIELDS, '');
  const w = value['workload'];
  if (!isObject(w)) throw fail(file, 'workload', 'is required ({ "kind": "synthetic" } or { "kind": "trace", "requests": … })');
  onlyKnown(file, w, WORKLOAD_FIELDS, 'workload.');
  const scenario = toScenario(value['scenario'], path, 'scenario.');
  const withDau = w['dailyActiveUsers'] === undefined ? scenario : { ...scenario, workload: { ...(scenario.workload ?? {}), dailyActiveUsers: w['dailyActiveUsers'] as number } };
  let workload: ScenarioRunSpec['workload'];
  if (w['kind'] === 'synthetic') {
    workload = { kind: 'synthetic', arrival: (w['arrival'] as 'poisson' | 'bursty' | undefined) ?? DEFAULTS.arrival, durationSeconds: (w['durationSeconds'] as number | undefined) ?? DEFAULTS.durationSeconds, startHour: (w['startHour'] as number | undefined) ?? DEFAULTS.startHour };
    if (workload.arrival !== 'poisson' && workload.arrival !== 'bursty') throw fail(file, 'workload.arrival', `must be poisson or bursty, got ${JSON.stringify(workload.arrival)}`);
  } else if (w['kind'] === 'trace') {
    const r = w['requests'];
    if (!isObject(r) || !Array.isArray(r['arrivalSeconds'])) throw fail(file, 'workload.requests', `a trace needs columns { arrivalSeconds, promptTokens, outputTokens, cachedPrefixTokens } (the API's stored or inline traces are not read here)`);
    workload = { kind: 'trace', requests: r as unknown as TraceColumns };
  } else throw fail(file, 'workload.kind', `must be "synthetic" or "trace", got ${JSON.stringify(w['kind'])}`);
  const classes = value['classes'] ?? DEFAULTS.classes;
  if (!Array.isArray(classes) || classes.length === 0) throw fail(file, 'classes', `must be a non-empty array of { name, ttftSeconds, tpotSeconds, overloadPolicy?, weight? }`);
  classes.forEach((c: unknown, i: number) => {
    if (!isObject(c)) throw fail(file, `classes[${i}]`, 'must be an object { name, ttftSeconds, tpotSeconds, overloadPolicy?, weight? }');
    if (typeof c['name'] !== 'string' || c['name'] === '') throw fail(file, `classes[${i}].name`, 'must be a non-empty string');
    for (const key of ['ttftSeconds', 'tpotSeconds'] as const) {
      if (typeof c[key] !== 'number' || !(c[key] > 0)) throw fail(file, `classes[${i}].${key}`, `must be a number > 0, got ${JSON.stringify(c[key])}`);
    }
  });
  const policies = (value['policies'] ?? POLICY_KINDS) as unknown;
  if (!Array.isArray(policies) || policies.length === 0) throw fail(file, 'policies', `must be a non-empty array of ${POLICY_KINDS.join(', ')}`);
  policies.forEach((p, i) => {
    if (!POLICY_KINDS.includes(p as PolicyKind)) throw fail(file, `policies[${i}]`, `must be one of ${POLICY_KINDS.join(', ')}, got ${JSON.stringify(p)}`);
  });
  const b = value['bounds'];
  if (b !== undefined && !isObject(b)) throw fail(file, 'bounds', `must be an object { minReplicas?, maxReplicas?, reservedReplicas? }`);
  const bounds = { ...DEFAULTS.bounds, ...(b ?? {}) } as ScalingBounds;
  const spec: ScenarioRunSpec = {
    scenario: withDau,
    classes: classes.map((c: Record<string, unknown>) => ({ name: c['name'], ttftSeconds: c['ttftSeconds'], tpotSeconds: c['tpotSeconds'], overloadPolicy: c['overloadPolicy'] ?? DEFAULTS.overloadPolicy, weight: c['weight'] ?? DEFAULTS.classWeight })) as unknown as ScenarioRunSpec['classes'],
    workload,
    intervalSeconds: (value['intervalSeconds'] as number | undefined) ?? DEFAULTS.intervalSeconds,
    router: (value['router'] as ScenarioRunSpec['router'] | undefined) ?? DEFAULTS.router,
    seed: (value['seed'] as number | undefined) ?? DEFAULTS.seed,
    storageBytesPerSecond: (value['storageBytesPerSecond'] as number | undefined) ?? DEFAULTS.storageBytesPerSecond,
    coldStartSeconds: (value['coldStartSeconds'] as number | undefined) ?? null,
    targetAttainmentFraction: (value['targetAttainmentFraction'] as number | undefined) ?? DEFAULTS.targetAttainmentFraction,
  };
  return { spec, policies: [...new Set(policies as PolicyKind[])], bounds };
}
