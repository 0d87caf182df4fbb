/** Greedy sampling: the index of the largest logit in row `row` (the first one on ties). */
export function argmaxRow(logits: Float32Array, row: number, vocabSize: number): number {
  const base = row * vocabSize;
  let best = 0;
  let bestValue = logits[base]!;
  for (let i = 1; i < vocabSize; i++) {
    const v = logits[base + i]!;
    if (v > bestValue) {
      bestValue = v;
      best = i;
    }
  }
  return best;
}
