import { decodeStepSecondsPrepared, prefillStepTimePrepared, type PreparedDeployment } from '../../../capacity/src/index.js';
import { resolveScenario } from '../../../cost/src/index.js';

/** The source report's deployment: kimi-2024 on A100-80GB, INT8 W8A16 weights, BF16 KV, defaults (TP 4). */
export function kimi2024OnA100Int8(): PreparedDeployment {
  return resolveScenario({ model: 'kimi-2024', gpu: 'a100-80gb', quantization: { weights: 'int8-w8a16', kvCache: 'bf16' } }).prepared;
}

/** Step-time oracles for tests: what an idle replica takes for one request's prefill and decode. */
export function prefillSeconds(p: PreparedDeployment, tokens: number, earlier: number): number {
  return prefillStepTimePrepared(p, tokens, earlier).stepSeconds;
}
export function decodeSeconds(p: PreparedDeployment, batch: number, meanContext: number): number {
  return decodeStepSecondsPrepared(p, batch, meanContext);
}
