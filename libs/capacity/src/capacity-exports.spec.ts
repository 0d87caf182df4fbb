import * as capacity from './index.js';

// The contract's function list (types.ts, last comment), plus the prepared fast paths.
describe('libs/capacity public API', () => {
  it.each([
    'kvBytesPerToken',
    'weightBytesByComponent',
    'memoryPerReplica',
    'minimumGpusForWeights',
    'distinctExpertsTouched',
    'decodeStepTime',
    'prefillStepTime',
    'replicaThroughput',
    'replicasForDemand',
    'prepareDeployment',
    'decodeStepTimePrepared',
    'decodeStepSecondsPrepared',
    'prefillStepTimePrepared',
    'replicaThroughputPrepared',
    'communicationCost',
    'kvReplicationFactor',
  ])('exports %s', (name) => {
    expect(typeof (capacity as Record<string, unknown>)[name]).toBe('function');
  });

  it('exports DEFAULT_EFFICIENCY', () => {
    expect(capacity.DEFAULT_EFFICIENCY.provenance).toBe('default');
  });
});
