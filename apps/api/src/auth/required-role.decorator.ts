import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ANONYMOUS_OPEN, type Principal, type RequestWithPrincipal } from './principal.js';
import type { Role } from './roles.js';

export const REQUIRED_ROLE = 'capsim:requiredRole';
export const PUBLIC_ROUTE = 'capsim:public';

/** The least role a route needs, when the per-method default (GET viewer, writes analyst) is not enough. */
export const RequiredRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** No key needed, even when keys are required (liveness and readiness probes, the index). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);

/** The caller as the auth guard established it. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  return context.switchToHttp().getRequest<RequestWithPrincipal>().principal ?? ANONYMOUS_OPEN;
});
