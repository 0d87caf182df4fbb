import { azureLlmTraceParser } from './azure-llm-trace.js';
import { burstGptTraceParser } from './burstgpt-trace.js';
import { mooncakeTraceParser } from './mooncake-trace.js';
import type { TraceFormat, TraceLineParser, TraceRecord } from './types.js';

/** One parser factory per public format (house rule 6: strategies in a typed registry). */
export const TRACE_FORMATS = {
  'azure-llm-2023': azureLlmTraceParser,
  mooncake: mooncakeTraceParser,
  burstgpt: burstGptTraceParser,
} as const satisfies Record<TraceFormat, () => TraceLineParser>;

export function isTraceFormat(value: string): value is TraceFormat {
  return Object.prototype.hasOwnProperty.call(TRACE_FORMATS, value);
}

/**
 * Streams the requests of a trace given its lines (without their newlines; the app layer reads
 * the file). Lines are numbered from 1. Memory per line is constant (Mooncake also keeps the set
 * of prefix blocks seen).
 *
 * @throws RangeError "trace line N: Field: reason" at the first malformed line; a trace with no
 *   request (or no header) throws "trace: no requests".
 */
export function* readTrace(format: TraceFormat, lines: Iterable<string>): Generator<TraceRecord> {
  const parser = TRACE_FORMATS[format]();
  let lineNumber = 0;
  let records = 0;
  for (const line of lines) {
    const record = parser.parse(line, ++lineNumber);
    if (record !== null) {
      records++;
      yield record;
    }
  }
  if (records === 0) throw new RangeError('trace: no requests');
}

/** readTrace over an async source of lines (e.g. node:readline in the app layer). */
export async function* readTraceAsync(format: TraceFormat, lines: AsyncIterable<string>): AsyncGenerator<TraceRecord> {
  const parser = TRACE_FORMATS[format]();
  let lineNumber = 0;
  let records = 0;
  for await (const line of lines) {
    const record = parser.parse(line, ++lineNumber);
    if (record !== null) {
      records++;
      yield record;
    }
  }
  if (records === 0) throw new RangeError('trace: no requests');
}
