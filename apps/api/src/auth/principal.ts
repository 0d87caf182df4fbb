import type { Role } from './roles.js';

/** Who is calling, as the auth guard established it; attached to the request for the handlers. */
export interface Principal {
  /** api_keys.id, 'bootstrap' for the CAPSIM_ADMIN_KEY, null for an anonymous caller in open mode. */
  readonly keyId: string | null;
  readonly role: Role;
  /** The team whose scenarios the caller sees; null = every team (anonymous in open mode only). */
  readonly team: string | null;
}

export const BOOTSTRAP_KEY_ID = 'bootstrap';

/** Open mode without a key: the whole API, as before keys existed. Only reachable from loopback by default. */
export const ANONYMOUS_OPEN: Principal = Object.freeze({ keyId: null, role: 'admin', team: null });

export interface RequestWithPrincipal {
  principal?: Principal;
}
