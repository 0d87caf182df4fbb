import { Agent, request } from 'node:http';

/**
 * An open-loop load generator: requests leave on a fixed schedule (one every 1/rate seconds),
 * whether or not earlier ones have answered, and each latency is measured from the moment the
 * request was *due*, not from when it was sent. That is how users arrive, and it avoids the
 * coordinated omission of closed-loop tools, which slow down when the server does and so hide
 * its queueing. (autocannon's overallRate releases each second's quota in bursts, which measures
 * the bursts instead.)
 */
export interface OpenLoopResult {
  readonly requestsSent: number;
  readonly responsesOk: number;
  readonly failures: number;
  readonly achievedRequestsPerSecond: number;
  readonly latenciesMs: readonly number[];
}

export interface OpenLoopOptions {
  readonly url: string;
  readonly body: string;
  readonly requestsPerSecond: number;
  readonly seconds: number;
  readonly maxSockets?: number;
}

export async function runOpenLoop(o: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(o.url);
  const agent = new Agent({ keepAlive: true, maxSockets: o.maxSockets ?? 64 });
  const total = Math.round(o.requestsPerSecond * o.seconds);
  const intervalMs = 1000 / o.requestsPerSecond;
  const latenciesMs: number[] = [];
  let ok = 0;
  let failures = 0;
  const start = performance.now();
  const inFlight: Promise<void>[] = [];

  const fire = (dueMs: number): Promise<void> =>
    new Promise((resolve) => {
      const req = request(
        { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(o.body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            latenciesMs.push(performance.now() - dueMs);
            if (res.statusCode === 200) ok++;
            else failures++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        failures++;
        resolve();
      });
      req.end(o.body);
    });

  for (let i = 0; i < total; i++) {
    const dueMs = start + i * intervalMs;
    const waitMs = dueMs - performance.now();
    // No busy-wait: it would take a core from the server on this 2-core machine. A timer that
    // fires late only makes the measured latency worse (it counts from the due time).
    if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    inFlight.push(fire(dueMs));
  }
  await Promise.all(inFlight);
  const elapsedSeconds = (performance.now() - start) / 1000;
  agent.destroy();
  return { requestsSent: total, responsesOk: ok, failures, achievedRequestsPerSecond: ok / elapsedSeconds, latenciesMs };
}
