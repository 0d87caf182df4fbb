import { csvTraceParser } from './csv-trace-parser.js';
import { csvFields, nonNegativeIntegerField, traceLineError } from './line-error.js';
import type { TraceLineParser } from './types.js';

const HEADER = ['TIMESTAMP', 'ContextTokens', 'GeneratedTokens'] as const;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(\.\d+)?$/;

/**
 * Seconds since the Unix epoch of an Azure trace timestamp ("2023-11-16 18:17:03.9799600", UTC,
 * 7 fractional digits). Parsed by hand: Date's string parsing of this form is implementation-defined.
 */
export function azureTimestampSeconds(text: string, lineNumber: number): number {
  const m = TIMESTAMP.exec(text.trim());
  if (m === null) throw traceLineError(lineNumber, 'TIMESTAMP', 'not "YYYY-MM-DD hh:mm:ss[.fraction]"', text);
  const [, y, mo, d, h, mi, s, fraction] = m;
  const wholeMilliseconds = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!Number.isFinite(wholeMilliseconds) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) {
    throw traceLineError(lineNumber, 'TIMESTAMP', 'not a valid date and time', text);
  }
  return wholeMilliseconds / 1000 + (fraction === undefined ? 0 : Number(fraction));
}

/**
 * Azure LLM inference trace 2023 (Azure/AzurePublicDataset, CSV: TIMESTAMP, ContextTokens,
 * GeneratedTokens). No prefix information: cachedPrefixTokens is 0.
 */
export function azureLlmTraceParser(): TraceLineParser {
  return csvTraceParser(HEADER, 'TIMESTAMP', (line, lineNumber) => {
    const [timestamp, context, generated] = csvFields(line, lineNumber, 3) as [string, string, string];
    return {
      timestampSeconds: azureTimestampSeconds(timestamp, lineNumber),
      promptTokens: nonNegativeIntegerField(context, lineNumber, 'ContextTokens'),
      outputTokens: nonNegativeIntegerField(generated, lineNumber, 'GeneratedTokens'),
      model: null,
    };
  });
}
