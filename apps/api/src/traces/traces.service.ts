import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { createInterface } from 'node:readline';
import { Transform, type Readable } from 'node:stream';
import type { DataSource, Repository } from 'typeorm';
import type { TraceColumns } from '../../../../libs/autoscaler/src/index.js';
import type { Principal } from '../auth/principal.js';
import { teamOf, teamWhere } from '../auth/team-scope.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { columnsFromLines, UPLOAD_FORMATS } from './trace-columns.js';
import { TraceEntity } from './trace.entity.js';

/** Largest trace body accepted (bytes): Azure's one-hour code trace is about 0.6 MB, Mooncake's 23 608 lines about 9 MB. */
export const TRACE_UPLOAD_MAX_BYTES = 32 * 1024 * 1024;

export interface TraceResponse {
  readonly id: string;
  readonly name: string;
  readonly format: string;
  readonly requestCount: number;
  readonly durationSeconds: number;
  readonly sizeBytes: number;
  readonly meanPromptTokens: number;
  readonly meanOutputTokens: number;
  /** Prompt tokens the trace marks as cached prefix (Mooncake hash_ids), over all prompt tokens. */
  readonly prefixCacheHitFraction: number;
  readonly createdAt: string;
  readonly links: Record<string, string>;
}

export function tooLarge(limit: number): ApiError {
  return new ApiError(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.PayloadTooLarge, `trace body is larger than the limit of ${limit} bytes`, [
    { field: 'body', reason: `larger than ${limit} bytes` },
  ]);
}

/** Counts bytes as they pass and fails past the limit, so a body without Content-Length is still bounded. */
function byteLimit(limit: number, seen: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen.bytes += chunk.length;
      if (seen.bytes > limit) callback(tooLarge(limit));
      else callback(null, chunk);
    },
  });
}

@Injectable()
export class TracesService {
  constructor(
    @InjectRepository(TraceEntity) private readonly traces: Repository<TraceEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Reads the body as a stream, line by line through the format's reader (a malformed line → 400
   * naming it), then stores the trace in one transaction: either every request is stored or none.
   */
  async upload(formatParam: string | undefined, name: string, body: Readable, caller: Principal, limit = TRACE_UPLOAD_MAX_BYTES): Promise<TraceResponse> {
    const format = formatParam === undefined ? undefined : UPLOAD_FORMATS[formatParam];
    if (format === undefined) throw ApiError.invalidField('format', `must be one of ${Object.keys(UPLOAD_FORMATS).join(', ')}`);
    const seen = { bytes: 0 };
    const limited = body.pipe(byteLimit(limit, seen));
    let failure: unknown = null;
    body.on('error', (e) => (failure ??= e));
    limited.on('error', (e) => (failure ??= e));
    const lines = createInterface({ input: limited, crlfDelay: Infinity });
    let columns: TraceColumns;
    try {
      columns = await columnsFromLines(format, lines);
    } catch (error) {
      throw failure ?? error;
    } finally {
      lines.close();
      // Drain whatever the client still sends, so it reads our answer instead of a reset.
      body.unpipe(limited);
      body.resume();
    }
    if (failure !== null) throw failure;
    const n = columns.arrivalSeconds.length;
    const saved = await this.dataSource.transaction((manager) =>
      manager.save(
        manager.create(TraceEntity, {
          name,
          format,
          requestCount: n,
          durationSeconds: columns.arrivalSeconds[n - 1]!,
          sizeBytes: String(seen.bytes),
          requests: columns as unknown as Record<string, number[]>,
          team: teamOf(caller),
        }),
      ),
    );
    return this.response(saved);
  }

  private response(row: TraceEntity): TraceResponse {
    const c = row.requests as unknown as TraceColumns;
    const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    const prompt = sum(c.promptTokens);
    const n = row.requestCount;
    return {
      id: row.id,
      name: row.name,
      format: row.format,
      requestCount: n,
      durationSeconds: row.durationSeconds,
      sizeBytes: Number(row.sizeBytes),
      meanPromptTokens: n > 0 ? prompt / n : 0,
      meanOutputTokens: n > 0 ? sum(c.outputTokens) / n : 0,
      prefixCacheHitFraction: prompt > 0 ? sum(c.cachedPrefixTokens) / prompt : 0,
      createdAt: row.createdAt instanceof Date ? row.createdAt.toISOString() : String(row.createdAt),
      links: { self: `/v1/traces/${row.id}` },
    };
  }

  /** Team-scoped (auth/team-scope.ts): another team's trace is "not found". */
  async get(id: string, caller: Principal): Promise<TraceResponse> {
    const row = await this.traces.findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('trace', id);
    return this.response(row);
  }

  /** The stored requests of a trace (for a simulation or a plan). */
  async columns(id: string, caller: Principal): Promise<TraceColumns> {
    const row = await this.traces.findOneBy({ id, ...teamWhere(caller) });
    if (!row) throw ApiError.notFound('trace', id);
    return row.requests as unknown as TraceColumns;
  }
}
