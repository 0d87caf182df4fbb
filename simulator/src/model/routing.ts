/**
 * Softmax top-k gating as Mixtral does it: softmax over all E router logits, keep the k largest
 * probabilities (ties go to the lower expert index), renormalise them to sum to 1. Renormalised
 * softmax over the top k equals exp(l − max) / Σ_topk exp(l − max), so the full denominator is
 * never needed. Writes k experts and weights per token into the output arrays (no allocation).
 */
export function routeTopK(
  logits: Float32Array,
  tokenCount: number,
  expertCount: number,
  topK: number,
  chosenExperts: Int32Array,
  chosenWeights: Float32Array,
): void {
  for (let t = 0; t < tokenCount; t++) {
    const base = t * expertCount;
    const out = t * topK;
    let max = -Infinity;
    for (let e = 0; e < expertCount; e++) if (logits[base + e]! > max) max = logits[base + e]!;
    let sum = 0;
    for (let j = 0; j < topK; j++) {
      let best = -1;
      let bestLogit = -Infinity;
      for (let e = 0; e < expertCount; e++) {
        if (isChosen(chosenExperts, out, j, e)) continue;
        const l = logits[base + e]!;
        // `best < 0` keeps routing defined even when every logit is −∞ or NaN.
        if (best < 0 || l > bestLogit) {
          bestLogit = l;
          best = e;
        }
      }
      chosenExperts[out + j] = best;
      const weight = Number.isFinite(bestLogit - max) ? Math.exp(bestLogit - max) : 0;
      chosenWeights[out + j] = weight;
      sum += weight;
    }
    for (let j = 0; j < topK; j++) chosenWeights[out + j] = sum > 0 ? chosenWeights[out + j]! / sum : 1 / topK;
  }
}

function isChosen(chosen: Int32Array, start: number, count: number, expert: number): boolean {
  for (let j = 0; j < count; j++) if (chosen[start + j] === expert) return true;
  return false;
}
