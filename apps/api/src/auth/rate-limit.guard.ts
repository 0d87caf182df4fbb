import { type CanActivate, type ExecutionContext, HttpStatus, Injectable, SetMetadata } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiError, ErrorCode } from '../common/api-error.js';
import type { RequestWithPrincipal } from './principal.js';
import { FixedWindowCounter } from './fixed-window-counter.js';

export const SKIP_RATE_LIMIT = 'capsim:skipRateLimit';
/** Probes and scrapes: an orchestrator polling them must never be refused. */
export const SkipRateLimit = () => SetMetadata(SKIP_RATE_LIMIT, true);

/**
 * Our own, not @nestjs/throttler: that package is CommonJS and require()s @nestjs/common, which
 * is ESM-only since Nest 12, and Jest's module loader cannot do that on Node 20 (STACK-NOTES
 * gotcha 1). A fixed window per caller is all the API needs.
 *
 * Per key when a key was presented (so many users behind one NAT do not share a budget), per
 * client address otherwise. Registered after AuthGuard, so the principal is known here.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly counter: FixedWindowCounter;
  private readonly limit: number;
  private readonly windowSeconds: number;

  constructor(
    private readonly reflector: Reflector,
    config: ConfigService,
  ) {
    this.limit = config.getOrThrow<number>('CAPSIM_RATE_LIMIT_REQUESTS');
    this.windowSeconds = config.getOrThrow<number>('CAPSIM_RATE_LIMIT_WINDOW_SECONDS');
    this.counter = new FixedWindowCounter(this.limit, this.windowSeconds * 1000);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP_RATE_LIMIT, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const keyId = request.principal?.keyId;
    const tracker = keyId ? `key:${keyId}` : `ip:${request.ip ?? request.socket.remoteAddress ?? 'unknown'}`;
    const { allowed, count, retryAfterSeconds } = this.counter.hit(tracker, Date.now());
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('RateLimit-Limit', String(this.limit));
    response.setHeader('RateLimit-Remaining', String(Math.max(0, this.limit - count)));
    if (allowed) return true;
    response.setHeader('Retry-After', String(retryAfterSeconds));
    const who = keyId ? 'API key' : 'client address';
    throw new ApiError(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RateLimited, `rate limit exceeded: at most ${this.limit} requests per ${this.windowSeconds} s per ${who}; retry in ${retryAfterSeconds} s`, [
      { field: 'rateLimit', reason: `limit ${this.limit} per ${this.windowSeconds} s, got ${count}` },
    ]);
  }
}
