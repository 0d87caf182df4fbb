import { type CanActivate, type ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { ApiError, ErrorCode } from '../common/api-error.js';
import { type AuthMode, authMode, type Environment } from '../config/environment.js';
import { ApiKeysService } from './api-keys.service.js';
import { presentedKey } from './key-material.js';
import { ANONYMOUS_OPEN, type RequestWithPrincipal } from './principal.js';
import { PUBLIC_ROUTE, REQUIRED_ROLE } from './required-role.decorator.js';
import { defaultRoleFor, type Role, roleAtLeast } from './roles.js';

/**
 * Global guard (APP_GUARD): every route of every module is covered without edits. A route needs
 * the role its @RequiredRole names, else viewer for reads and analyst for writes.
 * In open mode a request without a key is the anonymous admin; a key that is sent is still checked.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  readonly mode: AuthMode;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
    config: ConfigService,
  ) {
    this.mode = authMode({ CAPSIM_AUTH: config.get<Environment['CAPSIM_AUTH']>('CAPSIM_AUTH'), HOST: config.get<string>('HOST') ?? '127.0.0.1' });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & RequestWithPrincipal>();
    const key = presentedKey(request.headers);
    if (key === undefined) {
      if (this.mode === 'open') {
        request.principal = ANONYMOUS_OPEN;
        return true;
      }
      throw this.unauthenticated(context, 'an API key is required: send Authorization: Bearer <key> or X-API-Key: <key>');
    }
    const principal = key === '' ? null : await this.keys.authenticate(key);
    if (!principal) throw this.unauthenticated(context, 'the API key is not valid or has been revoked');
    request.principal = principal;
    // With a key, the key is the client for the per-client job limits (JOBS_MAX_ACTIVE_PER_CLIENT):
    // a caller must not escape them by sending a different X-Capsim-Client on each request.
    if (principal.keyId) request.headers['x-capsim-client'] = `key:${principal.keyId}`;
    const needed = this.reflector.getAllAndOverride<Role>(REQUIRED_ROLE, targets) ?? defaultRoleFor(request.method);
    if (!roleAtLeast(principal.role, needed)) {
      throw new ApiError(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, `${request.method} ${request.route?.path ?? request.path} needs the ${needed} role; this key has ${principal.role}`, [
        { field: 'role', reason: `needs ${needed}, has ${principal.role}` },
      ]);
    }
    return true;
  }

  private unauthenticated(context: ExecutionContext, message: string): ApiError {
    context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="capsim"');
    return new ApiError(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthenticated, message);
  }
}
