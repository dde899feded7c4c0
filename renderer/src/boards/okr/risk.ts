/** Which running team needs help first. Pure, so it is tested without a DOM. */
import type { TeamCard, TeamPaceName } from '../../../../electron/core/api/okr';

/** Risk order of the paces: off track first, then at risk, then on track. */
export const PACE_RISK: Record<TeamPaceName, number> = { off_track: 0, at_risk: 1, on_track: 2, no_key_results: 3, not_started: 4, closed: 5 };

/** Active teams, riskiest first: by pace, then by how far the slowest KR is behind the clock, then by id. */
export function riskOrder<T extends Pick<TeamCard, 'id' | 'status' | 'pace' | 'shortfall'>>(teams: readonly T[]): T[] {
  return teams
    .filter((team) => team.status === 'active')
    .sort((a, b) => PACE_RISK[a.pace] - PACE_RISK[b.pace] || (b.shortfall ?? -Infinity) - (a.shortfall ?? -Infinity) || (a.id < b.id ? -1 : 1));
}
