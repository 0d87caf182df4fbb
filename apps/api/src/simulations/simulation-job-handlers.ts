import {
  runScenarioPlans,
  runScenarioSimulation,
  type AutoscalingPlan,
  type FleetSpec,
  type PolicyKind,
  type ScalingBounds,
  type ScenarioRunSpec,
  type SimulationSummary,
} from '../../../../libs/autoscaler/src/index.js';
import type { JobHandler } from '../jobs/job-types.js';

export interface SimulationJobInputs {
  readonly spec: ScenarioRunSpec;
  readonly fleet: FleetSpec;
}

/** One simulation is one chunk: a discrete-event run is sequential by nature. */
export const simulationHandler: JobHandler<SimulationJobInputs, SimulationJobInputs, SimulationSummary, SimulationSummary> = {
  split: (inputs) => [inputs],
  runChunk: (inputs) => runScenarioSimulation(inputs.spec, inputs.fleet),
  combine: (_inputs, outputs) => outputs[0]!,
};

export interface PlanJobInputs {
  readonly spec: ScenarioRunSpec;
  readonly policies: readonly PolicyKind[];
  readonly bounds: ScalingBounds;
}
interface PlanChunk {
  readonly spec: ScenarioRunSpec;
  readonly policy: PolicyKind;
  readonly bounds: ScalingBounds;
}

/** One chunk per policy (each plans, prices and replays on its own), so progress counts policies done. */
export const autoscalingPlanHandler: JobHandler<PlanJobInputs, PlanChunk, AutoscalingPlan, { plans: AutoscalingPlan[] }> = {
  split: (inputs) => inputs.policies.map((policy) => ({ spec: inputs.spec, policy, bounds: inputs.bounds })),
  runChunk: (chunk) => runScenarioPlans(chunk.spec, [chunk.policy], chunk.bounds)[0]!,
  combine: (_inputs, outputs) => ({ plans: [...outputs] }),
};
