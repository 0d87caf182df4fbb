import type { Principal } from './principal.js';

/**
 * The one rule for every stored resource (scenarios, jobs and what jobs produce, calibration
 * profiles, forecasts, traces, simulations, autoscaling plans): a row carries the team of the key
 * that created it (null when created without a key, in open mode). A keyed caller sees its own
 * team's rows only, rows without a team included out; the anonymous caller of open mode (team
 * null) sees every row. Another team's id is answered exactly like a missing id (404, never 403),
 * references to it included, so ids reveal nothing.
 */
export function teamWhere(caller: Principal): { team?: string } {
  return visibleToTeam(caller.team);
}

/** teamWhere for code that holds only the caller's team (the job store): null = every team. */
export function visibleToTeam(team: string | null): { team?: string } {
  return team === null ? {} : { team };
}

/** The team a row created by this caller belongs to. */
export function teamOf(caller: Principal): string | null {
  return caller.team;
}
