import { HttpStatus } from '@nestjs/common';
import type { TraceColumns } from '../../../../libs/autoscaler/src/index.js';
import { readTrace, readTraceAsync, type TraceFormat, type TraceRecord } from '../../../../libs/workload/src/index.js';
import { ApiError, ErrorCode } from '../common/api-error.js';

export const UPLOAD_FORMATS: Record<string, TraceFormat> = { azure: 'azure-llm-2023', mooncake: 'mooncake', burstgpt: 'burstgpt' };

/** Most requests one stored trace may hold (the simulation caps apply again when it is used). */
export const MAX_TRACE_REQUESTS = 2_000_000;

interface MutableColumns {
  arrivalSeconds: number[];
  promptTokens: number[];
  outputTokens: number[];
  cachedPrefixTokens: number[];
  prefixBlockIds?: (readonly number[])[];
}

function empty(): MutableColumns {
  return { arrivalSeconds: [], promptTokens: [], outputTokens: [], cachedPrefixTokens: [] };
}

function push(columns: MutableColumns, r: TraceRecord): void {
  if (columns.arrivalSeconds.length >= MAX_TRACE_REQUESTS) {
    throw new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.LimitExceeded, `trace: more than ${MAX_TRACE_REQUESTS} requests (the limit per trace)`, [
      { field: 'body', reason: `over ${MAX_TRACE_REQUESTS} requests` },
    ]);
  }
  columns.arrivalSeconds.push(r.arrivalSeconds);
  columns.promptTokens.push(r.promptTokens);
  columns.outputTokens.push(r.outputTokens);
  columns.cachedPrefixTokens.push(r.cachedPrefixTokens);
  if (r.prefixBlockIds !== undefined) (columns.prefixBlockIds ??= []).push(r.prefixBlockIds);
}

/** The readers' "trace line N: field: reason" as a 400 naming the line and the field. */
export function traceError(error: unknown): unknown {
  if (!(error instanceof RangeError)) return error;
  const m = /^trace line (\d+): ([^:]+): (.+)$/s.exec(error.message);
  if (m) return new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, error.message, [{ field: `line[${m[1]}].${m[2]}`, reason: `line ${m[1]}: ${m[3]}` }]);
  return new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.ValidationFailed, error.message, [{ field: 'body', reason: error.message }]);
}

export async function columnsFromLines(format: TraceFormat, lines: AsyncIterable<string>): Promise<TraceColumns> {
  const columns = empty();
  try {
    for await (const r of readTraceAsync(format, lines)) push(columns, r);
  } catch (error) {
    throw traceError(error);
  }
  return columns;
}

export function columnsFromText(format: TraceFormat, text: string): TraceColumns {
  const columns = empty();
  try {
    for (const r of readTrace(format, text.split('\n'))) push(columns, r);
  } catch (error) {
    throw traceError(error);
  }
  return columns;
}
