/** Each role can do everything the roles before it can. */
export const ROLES = ['viewer', 'analyst', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

/** Reads are for viewers; anything that writes or starts work needs an analyst, unless a route says more. */
export function defaultRoleFor(httpMethod: string): Role {
  return ['GET', 'HEAD', 'OPTIONS'].includes(httpMethod.toUpperCase()) ? 'viewer' : 'analyst';
}
