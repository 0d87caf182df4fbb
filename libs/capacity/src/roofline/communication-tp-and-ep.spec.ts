import { GPU_CATALOG, MODEL_CATALOG } from '../../../catalog/src/index.js';
import { deploymentFixture } from '../testing/deployment-fixture.js';
import { communicationCost } from './communication.js';
import { decodeStepTime } from './decode-step.js';

// Mixtral-8x7B: 32 layers (all MoE), hidden 4096 → 8 192 bytes of BF16 activations per token.
// H100 NVLink 450 GB/s one way × η 0.7 = 315 GB/s. 10 µs per collective (aiconfigurator).
const linkBytesPerSecond = 450e9 * 0.7;
const messageBytes = 4096 * 2;

describe('Mixtral-8x7B collectives on H100 NVLink', () => {
  const model = MODEL_CATALOG['mixtral-8x7b'];
  const gpu = GPU_CATALOG['h100-sxm'];

  it('TP1 has none', () => {
    const cost = communicationCost(deploymentFixture({ gpu, model }));
    expect(cost.latencySecondsPerStep).toBe(0);
    expect(cost.secondsPerToken).toBe(0);
  });

  it('TP2: 64 ring all-reduces, each moving 2 × 1/2 of 8 192 bytes per token', () => {
    const cost = communicationCost(deploymentFixture({ gpu, model, tensorParallelSize: 2 }));
    expect(cost.collectivesPerStep).toBe(64);
    expect(cost.latencySecondsPerStep).toBeCloseTo(64 * 10e-6, 12);
    expect(cost.secondsPerToken).toBeCloseTo((64 * messageBytes) / linkBytesPerSecond, 15); // 1.664 µs
  });

  it('TP4: all-reduce moves 2 × 3/4 of the message', () => {
    const cost = communicationCost(deploymentFixture({ gpu, model, tensorParallelSize: 4 }));
    expect(cost.secondsPerToken).toBeCloseTo((64 * 1.5 * messageBytes) / linkBytesPerSecond, 15); // 2.497 µs
  });

  it('EP4: per MoE layer one all-reduce plus dispatch and combine of 2 copies × 3/4 off-GPU over 4 ranks', () => {
    const cost = communicationCost(deploymentFixture({ gpu, model, tensorParallelSize: 4, expertParallel: true }));
    const allReduce = (1.5 * messageBytes) / linkBytesPerSecond;
    const allToAll = (2 * messageBytes * 0.75) / 4 / linkBytesPerSecond;
    expect(cost.collectivesPerStep).toBe(96);
    expect(cost.secondsPerToken).toBeCloseTo(32 * (allReduce + 2 * allToAll), 15); // 1.873 µs
  });

  it('a replica wider than a node runs at the 50 GB/s network rate', () => {
    const cost = communicationCost(deploymentFixture({ gpu, model, tensorParallelSize: 16 }));
    expect(cost.linkBytesPerSecond).toBe(50e9);
    expect(cost.secondsPerToken).toBeCloseTo((64 * 2 * (15 / 16) * messageBytes) / (50e9 * 0.7), 15);
  });

  it('a TP2 decode step adds 0.64 ms + B × 1.664 µs to the roofline', () => {
    const step = decodeStepTime(deploymentFixture({ gpu, model, tensorParallelSize: 2 }), 64, 2000);
    expect(step.communicationSeconds).toBeCloseTo(64 * 10e-6 + (64 * 64 * messageBytes) / linkBytesPerSecond, 12);
    expect(step.stepSeconds).toBeCloseTo(
      Math.max(step.computeSeconds, step.memorySeconds) + step.communicationSeconds + 0.002,
      12,
    );
  });
});
