import { cleanLine, requireHeader, requireNotEarlier } from './line-error.js';
import type { TraceLineParser } from './types.js';

/** What one CSV trace format reads from a data line; the rest is shared. */
export interface CsvTraceRow {
  /** Absolute time in the trace's own clock, seconds. */
  readonly timestampSeconds: number;
  readonly promptTokens: number;
  readonly outputTokens: number;
  readonly model: string | null;
}

/**
 * What every CSV trace reader does the same way: check the header line, skip blank lines, and
 * turn absolute timestamps into arrival seconds since the first request, refusing a row that goes
 * back in time. A format supplies its header, the name of its timestamp column (for errors) and
 * the reading of one data line. CSV traces carry no prefix information: cachedPrefixTokens is 0.
 */
export function csvTraceParser(
  header: readonly string[],
  timestampField: string,
  parseRow: (line: string, lineNumber: number) => CsvTraceRow,
): TraceLineParser {
  let firstSeconds: number | null = null;
  let previousSeconds = 0;
  let sawHeader = false;
  return {
    parse(rawLine, lineNumber) {
      const line = cleanLine(rawLine);
      if (!sawHeader) {
        requireHeader(line, lineNumber, header);
        sawHeader = true;
        return null;
      }
      if (line.trim() === '') return null;
      const row = parseRow(line, lineNumber);
      firstSeconds ??= row.timestampSeconds;
      const arrivalSeconds = row.timestampSeconds - firstSeconds;
      requireNotEarlier(arrivalSeconds, previousSeconds, lineNumber, timestampField);
      previousSeconds = arrivalSeconds;
      return { lineNumber, arrivalSeconds, promptTokens: row.promptTokens, outputTokens: row.outputTokens, cachedPrefixTokens: 0, model: row.model };
    },
  };
}
