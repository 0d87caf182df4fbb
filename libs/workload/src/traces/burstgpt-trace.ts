import { csvTraceParser } from './csv-trace-parser.js';
import { csvFields, nonNegativeIntegerField, nonNegativeNumberField, traceLineError } from './line-error.js';
import type { TraceLineParser } from './types.js';

const HEADER = ['Timestamp', 'Model', 'Request tokens', 'Response tokens', 'Total tokens', 'Log Type'] as const;

/**
 * BurstGPT (HPMLL/BurstGPT, CSV: Timestamp in seconds from the start of the log, Model,
 * Request tokens, Response tokens, Total tokens, Log Type). Failed requests carry 0 response
 * tokens and are kept (the caller decides); Total must equal Request + Response.
 */
export function burstGptTraceParser(): TraceLineParser {
  return csvTraceParser(HEADER, 'Timestamp', (line, lineNumber) => {
    const [timestamp, model, request, response, total] = csvFields(line, lineNumber, 6) as [string, string, string, string, string, string];
    const timestampSeconds = nonNegativeNumberField(timestamp, lineNumber, 'Timestamp');
    const promptTokens = nonNegativeIntegerField(request, lineNumber, 'Request tokens');
    const outputTokens = nonNegativeIntegerField(response, lineNumber, 'Response tokens');
    const totalTokens = nonNegativeIntegerField(total, lineNumber, 'Total tokens');
    if (totalTokens !== promptTokens + outputTokens) {
      throw traceLineError(lineNumber, 'Total tokens', `not Request tokens + Response tokens (${promptTokens + outputTokens})`, total);
    }
    return { timestampSeconds, promptTokens, outputTokens, model: model.trim() };
  });
}
