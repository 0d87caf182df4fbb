/** One request of a serving trace, in the simulator's units (seconds from the trace's first request, tokens). */
export interface TraceRecord {
  /** 1-based line of the source text (the header is line 1 for CSV). */
  readonly lineNumber: number;
  /** Seconds since the first request of the trace (so traces start at 0 whatever their clock). */
  readonly arrivalSeconds: number;
  readonly promptTokens: number;
  /** May be 0: BurstGPT logs failed requests with no response tokens. */
  readonly outputTokens: number;
  /** Leading prompt tokens already seen earlier in the trace (Mooncake hash_ids); 0 where the format has none. */
  readonly cachedPrefixTokens: number;
  /** Model name where the format carries one (BurstGPT), else null. */
  readonly model: string | null;
  /** The prompt's prefix block hashes where the format has them (Mooncake hash_ids), for per-replica prefix caching. */
  readonly prefixBlockIds?: readonly number[];
}

export type TraceFormat = 'azure-llm-2023' | 'mooncake' | 'burstgpt';

/**
 * Parses one trace, line by line. Stateful (first timestamp, previous timestamp, prefix blocks
 * seen), so create one per trace with the format's factory.
 */
export interface TraceLineParser {
  /** null for the header and blank lines. @throws RangeError "trace line N: Field: reason". */
  parse(line: string, lineNumber: number): TraceRecord | null;
}
