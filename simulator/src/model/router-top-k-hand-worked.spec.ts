import { routeTopK } from './routing.js';

describe('router: softmax top-k gating renormalised over the chosen experts (Mixtral)', () => {
  it('picks experts 2 and 0 for logits [1, 0, ln 3 + 1, −1] and weights them 3/4, 1/4', () => {
    // exp(l − max) with max = ln 3 + 1: expert 2 → 1, expert 0 → e^(−ln 3) = 1/3, expert 1 → e^(−1)/3, expert 3 → less.
    // Top-2 = {2, 0}; renormalised: 1 / (1 + 1/3) = 0.75 and (1/3) / (4/3) = 0.25.
    const experts = new Int32Array(2);
    const weights = new Float32Array(2);
    routeTopK(Float32Array.of(1, 0, Math.log(3) + 1, -1), 1, 4, 2, experts, weights);
    expect(Array.from(experts)).toEqual([2, 0]);
    expect(weights[0]).toBeCloseTo(0.75, 6);
    expect(weights[1]).toBeCloseTo(0.25, 6);
  });

  it('routes each token of a batch on its own row and breaks ties toward the lower index', () => {
    // Token 0: all equal → experts 0 and 1, half each. Token 1: [0, 5, 5, 0] → 1 and 2 (tie → lower first).
    const experts = new Int32Array(4);
    const weights = new Float32Array(4);
    routeTopK(Float32Array.of(2, 2, 2, 2, 0, 5, 5, 0), 2, 4, 2, experts, weights);
    expect(Array.from(experts)).toEqual([0, 1, 1, 2]);
    expect(Array.from(weights)).toEqual([0.5, 0.5, 0.5, 0.5]);
  });

  it('top-1 of 8 gives the argmax with weight 1', () => {
    const experts = new Int32Array(1);
    const weights = new Float32Array(1);
    routeTopK(Float32Array.of(0.1, -3, 0.4, 0.39, 0, 0, 0, 0.2), 1, 8, 1, experts, weights);
    expect(experts[0]).toBe(2);
    expect(weights[0]).toBe(1);
  });
});
