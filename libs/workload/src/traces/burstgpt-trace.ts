import {
  cleanLine,
  csvFields,
  nonNegativeIntegerField,
  nonNegativeNumberField,
  requireHeader,
  requireNotEarlier,
  traceLineError,
} from './line-error.js';
import type { TraceLineParser, TraceRecord } from './types.js';

const HEADER = ['Timestamp', 'Model', 'Request tokens', 'Response tokens', 'Total tokens', 'Log Type'] as const;

/**
 * BurstGPT (HPMLL/BurstGPT, CSV: Timestamp in seconds from the start of the log, Model,
 * Request tokens, Response tokens, Total tokens, Log Type). Failed requests carry 0 response
 * tokens and are kept (the caller decides); Total must equal Request + Response.
 */
export function burstGptTraceParser(): TraceLineParser {
  let firstSeconds: number | null = null;
  let previousSeconds = 0;
  let sawHeader = false;
  return {
    parse(rawLine: string, lineNumber: number): TraceRecord | null {
      const line = cleanLine(rawLine);
      if (!sawHeader) {
        requireHeader(line, lineNumber, HEADER);
        sawHeader = true;
        return null;
      }
      if (line.trim() === '') return null;
      const [timestamp, model, request, response, total] = csvFields(line, lineNumber, 6) as [string, string, string, string, string, string];
      const seconds = nonNegativeNumberField(timestamp, lineNumber, 'Timestamp');
      const promptTokens = nonNegativeIntegerField(request, lineNumber, 'Request tokens');
      const outputTokens = nonNegativeIntegerField(response, lineNumber, 'Response tokens');
      const totalTokens = nonNegativeIntegerField(total, lineNumber, 'Total tokens');
      if (totalTokens !== promptTokens + outputTokens) {
        throw traceLineError(lineNumber, 'Total tokens', `not Request tokens + Response tokens (${promptTokens + outputTokens})`, total);
      }
      firstSeconds ??= seconds;
      const arrivalSeconds = seconds - firstSeconds;
      requireNotEarlier(arrivalSeconds, previousSeconds, lineNumber, 'Timestamp');
      previousSeconds = arrivalSeconds;
      return { lineNumber, arrivalSeconds, promptTokens, outputTokens, cachedPrefixTokens: 0, model: model.trim() };
    },
  };
}
