/**
 * Continuous batching over the MoE model: each step() packs the decode token of every running
 * sequence plus prefill chunks of admitted prompts into one batch under a token budget, samples
 * greedily, and retires finished sequences (their KV cache is released at once), so sequences of
 * different lengths join and leave the batch independently.
 */
import type { SequenceKvCache } from '../model/kv-cache.js';
import type { MoeModel, StepSegment } from '../model/moe-model.js';
import type { StepAccounting } from '../model/step-accounting.js';
import { argmaxRow } from './greedy.js';

export interface GenerationRequest {
  readonly id: string;
  readonly promptTokens: readonly number[];
  readonly maxNewTokens: number;
  /** Generation stops after this token is produced. */
  readonly stopTokenId?: number;
}

export interface SchedulerOptions {
  /** Tokens (decode + prefill) one step may process. */
  readonly maxTokensPerStep: number;
  /** Sequences admitted at once (each holds a KV cache). */
  readonly maxSequences: number;
  /** Largest prefill chunk of one sequence per step (default: the whole token budget). */
  readonly prefillChunkTokens?: number;
}

export interface EngineStepReport {
  readonly decodeSequences: number;
  readonly prefillTokens: number;
  readonly tokensInStep: number;
  readonly stepSeconds: number;
  readonly finishedIds: readonly string[];
  readonly accounting: StepAccounting;
}

interface RunningSequence {
  readonly request: GenerationRequest;
  readonly cache: SequenceKvCache;
  prefilled: number;
  readonly generated: number[];
}

export class ContinuousBatchingEngine {
  private readonly waiting: GenerationRequest[] = [];
  private readonly running: RunningSequence[] = [];
  private readonly finished = new Map<string, number[]>();
  private readonly ids = new Set<string>();
  private readonly prefillChunkTokens: number;

  constructor(
    readonly model: MoeModel,
    readonly options: SchedulerOptions,
  ) {
    positiveInteger(options.maxTokensPerStep, 'scheduler.maxTokensPerStep');
    positiveInteger(options.maxSequences, 'scheduler.maxSequences');
    this.prefillChunkTokens = options.prefillChunkTokens ?? options.maxTokensPerStep;
    positiveInteger(this.prefillChunkTokens, 'scheduler.prefillChunkTokens');
  }

  submit(request: GenerationRequest): void {
    if (this.ids.has(request.id)) throw new RangeError(`request.id: "${request.id}" was already submitted`);
    if (request.promptTokens.length === 0) throw new RangeError('request.promptTokens: must hold at least one token');
    positiveInteger(request.maxNewTokens, 'request.maxNewTokens');
    this.ids.add(request.id);
    this.waiting.push(request);
  }

  get idle(): boolean {
    return this.waiting.length === 0 && this.running.length === 0;
  }

  get activeSequences(): number {
    return this.running.length;
  }

  /** Generated tokens of a finished request (undefined while it runs). */
  result(id: string): readonly number[] | undefined {
    return this.finished.get(id);
  }

  /** One batched iteration; null when there is nothing to do. */
  step(): EngineStepReport | null {
    while (this.waiting.length > 0 && this.running.length < this.options.maxSequences) {
      const request = this.waiting.shift()!;
      this.running.push({ request, cache: this.model.createCache(request.promptTokens.length + request.maxNewTokens), prefilled: 0, generated: [] });
    }
    if (this.running.length === 0) return null;

    let budget = this.options.maxTokensPerStep;
    const batch: { sequence: RunningSequence; segment: StepSegment }[] = [];
    // Decode first: a running sequence's next token is never delayed by a new prompt.
    for (const sequence of this.running) {
      if (budget === 0) break;
      if (sequence.prefilled < sequence.request.promptTokens.length) continue;
      batch.push({ sequence, segment: { cache: sequence.cache, tokens: [sequence.generated[sequence.generated.length - 1]!], logits: 'last' } });
      budget--;
    }
    const decodeSequences = batch.length;
    let prefillTokens = 0;
    for (const sequence of this.running) {
      if (budget === 0) break;
      const prompt = sequence.request.promptTokens;
      if (sequence.prefilled >= prompt.length) continue;
      const chunk = Math.min(prompt.length - sequence.prefilled, budget, this.prefillChunkTokens);
      const completes = sequence.prefilled + chunk === prompt.length;
      batch.push({ sequence, segment: { cache: sequence.cache, tokens: prompt.slice(sequence.prefilled, sequence.prefilled + chunk), logits: completes ? 'last' : 'none' } });
      budget -= chunk;
      prefillTokens += chunk;
    }

    const started = performance.now();
    const result = this.model.step(batch.map((entry) => entry.segment));
    const stepSeconds = (performance.now() - started) / 1000;

    const finishedIds: string[] = [];
    const vocabSize = this.model.shape.vocabSize;
    batch.forEach(({ sequence, segment }, index) => {
      if (segment.logits === 'none') {
        sequence.prefilled += segment.tokens.length;
        return;
      }
      if (sequence.prefilled < sequence.request.promptTokens.length) sequence.prefilled += segment.tokens.length;
      const token = argmaxRow(result.logits, result.logitRowOfSegment[index]!, vocabSize);
      sequence.generated.push(token);
      if (sequence.generated.length >= sequence.request.maxNewTokens || token === sequence.request.stopTokenId) finishedIds.push(sequence.request.id);
    });
    for (const id of finishedIds) {
      const at = this.running.findIndex((sequence) => sequence.request.id === id);
      const [sequence] = this.running.splice(at, 1);
      this.finished.set(id, sequence!.generated);
    }
    return { decodeSequences, prefillTokens, tokensInStep: decodeSequences + prefillTokens, stepSeconds, finishedIds, accounting: result.accounting };
  }

  /** Steps until every submitted request has finished; returns each request's generated tokens. */
  runToCompletion(): Map<string, readonly number[]> {
    while (this.step() !== null) {
      // each step() does the work
    }
    return new Map(this.finished);
  }
}

function positiveInteger(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${field}: must be a positive integer, got ${value}`);
}
