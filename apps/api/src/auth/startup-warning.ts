import type { Logger } from '@nestjs/common';
import type { AuthMode } from '../config/environment.js';
import { isLoopbackHost } from '../config/environment.js';

/** Says at start, where operators look, that anyone who can connect has the whole API. */
export function warnIfOpen(logger: Logger, mode: AuthMode, host: string): void {
  if (mode === 'required') {
    logger.log('API keys required on every route except /health/*; bootstrap admin key from CAPSIM_ADMIN_KEY');
    return;
  }
  const reach = isLoopbackHost(host) ? `only processes on this machine can connect (HOST=${host})` : `HOST=${host} is NOT loopback: anyone who can reach this port has admin rights`;
  logger.warn(`API keys are OFF (open mode): every request acts as admin; ${reach}. Set CAPSIM_AUTH=required and CAPSIM_ADMIN_KEY to require keys`);
}
