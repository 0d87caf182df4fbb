import { cleanLine, nonNegativeIntegerField, requireNotEarlier, traceLineError } from './line-error.js';
import type { TraceLineParser, TraceRecord } from './types.js';

/** Mooncake hashes each 512-token block of a prompt together with everything before it (FAST'25 trace README). */
export const MOONCAKE_BLOCK_TOKENS = 512;

/**
 * Mooncake trace (kvcache-ai/Mooncake FAST25-release, JSONL: timestamp in ms, input_length,
 * output_length, hash_ids). A block id equal to one seen earlier means the same prefix up to the
 * end of that block, so the leading run of already-seen ids is a prefix-cache hit of
 * run × 512 tokens (capped at the prompt: the last block may be partial). This assumes one
 * unbounded cache shared by the fleet (an upper bound, see DEFAULT_WORKLOAD); the set of ids seen
 * grows with the distinct blocks of the trace, not with its lines.
 */
export function mooncakeTraceParser(): TraceLineParser {
  const seenBlocks = new Set<number>();
  let firstMilliseconds: number | null = null;
  let previousSeconds = 0;
  return {
    parse(rawLine: string, lineNumber: number): TraceRecord | null {
      const line = cleanLine(rawLine);
      if (line.trim() === '') return null;
      let row: unknown;
      try {
        row = JSON.parse(line);
      } catch {
        throw traceLineError(lineNumber, 'line', 'not valid JSON', line);
      }
      if (typeof row !== 'object' || row === null || Array.isArray(row)) {
        throw traceLineError(lineNumber, 'line', 'not a JSON object', line);
      }
      const r = row as Record<string, unknown>;
      const timestampMs = integerOf(r.timestamp, lineNumber, 'timestamp');
      const promptTokens = integerOf(r.input_length, lineNumber, 'input_length');
      const outputTokens = integerOf(r.output_length, lineNumber, 'output_length');
      const hashIds = r.hash_ids;
      if (!Array.isArray(hashIds)) throw traceLineError(lineNumber, 'hash_ids', 'not an array');
      let hitBlocks = 0;
      let leading = true;
      for (const id of hashIds) {
        if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
          throw traceLineError(lineNumber, 'hash_ids', 'not an array of non-negative integers', String(id));
        }
        if (leading && seenBlocks.has(id)) hitBlocks++;
        else leading = false;
      }
      for (const id of hashIds as number[]) seenBlocks.add(id);
      firstMilliseconds ??= timestampMs;
      const arrivalSeconds = (timestampMs - firstMilliseconds) / 1000;
      requireNotEarlier(arrivalSeconds, previousSeconds, lineNumber, 'timestamp');
      previousSeconds = arrivalSeconds;
      return {
        lineNumber,
        arrivalSeconds,
        promptTokens,
        outputTokens,
        cachedPrefixTokens: Math.min(hitBlocks * MOONCAKE_BLOCK_TOKENS, promptTokens),
        model: null,
        prefixBlockIds: hashIds as number[],
      };
    },
  };
}

function integerOf(value: unknown, lineNumber: number, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw traceLineError(lineNumber, field, 'not a non-negative integer', String(value));
    return value;
  }
  if (typeof value === 'string') return nonNegativeIntegerField(value, lineNumber, field);
  throw traceLineError(lineNumber, field, 'not a non-negative integer', value === undefined ? 'missing' : JSON.stringify(value));
}
