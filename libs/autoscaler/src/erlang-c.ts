/**
 * Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ
 * (c servers, a < c). Computed with the Erlang B recursion B(k) = a·B(k−1) / (k + a·B(k−1)),
 * C = c·B / (c − a(1 − B)), which stays finite for hundreds of servers.
 */
export function erlangCWaitProbability(servers: number, offeredLoad: number): number {
  if (offeredLoad <= 0) return 0;
  if (offeredLoad >= servers) return 1;
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

/** Fewest servers whose waiting probability is at most maxWaitProbability (and a < c). */
export function erlangCServers(offeredLoad: number, maxWaitProbability: number): number {
  let c = Math.max(1, Math.floor(offeredLoad) + 1);
  while (erlangCWaitProbability(c, offeredLoad) > maxWaitProbability) c++;
  return c;
}
