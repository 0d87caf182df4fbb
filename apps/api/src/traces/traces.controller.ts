import { Controller, Get, Headers, HttpStatus, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOperation, ApiPayloadTooLargeResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { Principal } from '../auth/principal.js';
import { CurrentPrincipal } from '../auth/required-role.decorator.js';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { TRACE_UPLOAD_MAX_BYTES, TracesService, tooLarge, type TraceResponse } from './traces.service.js';

const uuid = (field: string) => new ParseUUIDPipe({ exceptionFactory: () => ApiError.invalidField(field, 'must be a UUID') });

@ApiTags('traces')
@Controller('v1/traces')
export class TracesController {
  constructor(private readonly traces: TracesService) {}

  @Post()
  @ApiOperation({ summary: 'Upload a serving trace (Azure LLM CSV, Mooncake JSONL, BurstGPT CSV) as the raw body; streamed, validated line by line, stored whole or not at all' })
  @ApiConsumes('text/csv', 'application/x-ndjson', 'text/plain', 'application/octet-stream')
  @ApiQuery({ name: 'format', enum: ['azure', 'mooncake', 'burstgpt'] })
  @ApiQuery({ name: 'name', required: false })
  @ApiBadRequestResponse({ description: 'A malformed line: the message and details name its number and field; nothing is stored' })
  @ApiPayloadTooLargeResponse({ description: `Body over ${TRACE_UPLOAD_MAX_BYTES} bytes` })
  async upload(
    @Query('format') format: string | undefined,
    @Query('name') name: string | undefined,
    @Headers('content-length') contentLength: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
    @CurrentPrincipal() caller: Principal,
  ): Promise<TraceResponse> {
    // A JSON body would already have been parsed (and buffered) by the JSON parser: refuse it.
    if (request.readableEnded || (request.body !== undefined && Object.keys(request.body as object).length > 0)) {
      throw new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.UnsupportedMediaType, 'send the trace as text/csv, application/x-ndjson or text/plain, not application/json', [
        { field: 'content-type', reason: 'must not be application/json' },
      ]);
    }
    if (contentLength !== undefined && Number(contentLength) > TRACE_UPLOAD_MAX_BYTES) {
      response.setHeader('Connection', 'close');
      request.resume();
      throw tooLarge(TRACE_UPLOAD_MAX_BYTES);
    }
    const trace = await this.traces.upload(format, (name ?? '').slice(0, 200), request, caller);
    response.setHeader('Location', trace.links.self!);
    return trace;
  }

  @Get(':id')
  @ApiOperation({ summary: 'A stored trace: format, request count, duration, mean sizes, prefix-cache hit fraction' })
  get(@Param('id', uuid('id')) id: string, @CurrentPrincipal() caller: Principal): Promise<TraceResponse> {
    return this.traces.get(id, caller);
  }
}
