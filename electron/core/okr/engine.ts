/**
 * OKR pace, pure: no database, no clock of its own. Issue 14 writes these formulas; they are a
 * contract checked exactly, so each one is a small function named after the word.
 *
 * Dates are calendar days (`YYYY-MM-DD`, business days in Asia/Shanghai); a day difference is a
 * whole number of days.
 */

import { shanghaiDay } from '../time';

export type KrDirection = 'increase' | 'decrease';
export type TeamStatus = 'forming' | 'active' | 'closed';
export type KrPace = 'on_track' | 'at_risk' | 'off_track';
export type TeamPace = 'not_started' | 'closed' | 'no_key_results' | KrPace;

/** The pace bands below the expected share: on track within 0.10, at risk within 0.25. */
export const ON_TRACK_MARGIN = 0.1;
export const AT_RISK_MARGIN = 0.25;
/** A person on more active teams than this is overloaded. */
export const MAX_ACTIVE_TEAMS_PER_PERSON = 2;

/**
 * Progress and expected share are quotients of measured values, so `0.7 - 0.1` and `6 / 10` can
 * land one ulp either side of each other. A boundary the issue writes as `≥` must hold when the
 * two sides are equal on paper; this tolerance is far below any difference a user could see.
 */
const BOUNDARY_TOLERANCE = 1e-9;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a calendar day, or null when the text is not a real `YYYY-MM-DD` day. */
export function dayNumber(day: string): number | null {
  const match = DAY_PATTERN.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, date);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March 2nd: an impossible day does not survive the round trip.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== date) return null;
  return ms / DAY_MS;
}

/** Whether `day` is a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(day: string): boolean {
  return dayNumber(day) !== null;
}

function requireDay(day: string, what: string): number {
  const n = dayNumber(day);
  if (n === null) throw new RangeError(`${what} is not a calendar day (YYYY-MM-DD): ${day}`);
  return n;
}

/** Today's date in Asia/Shanghai (UTC+8, no daylight saving), the default D. */
export function shanghaiToday(now: Date = new Date()): string {
  return shanghaiDay(now.getTime());
}

/** The calendar day `days` after `day` (negative = before). */
export function addDays(day: string, days: number): string {
  return new Date((requireDay(day, 'day') + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return requireDay(to, 'day') - requireDay(from, 'day');
}

/** Clamps to [0, 1]; `<= 0` also turns −0 (0 ÷ a negative span) into 0. */
export function clamp01(value: number): number {
  return value <= 0 ? 0 : value > 1 ? 1 : value;
}

/**
 * `expected` = clamp((D − starts_on) ÷ (ends_on − starts_on), 0, 1) in days.
 * A one-day cycle (ends_on = starts_on) has no length to divide by: its share is the limit of the
 * formula, 0 before that day and 1 from that day on (the whole cycle is due on its only day).
 */
export function expectedShare(startsOn: string, endsOn: string, asOf: string): number {
  const start = requireDay(startsOn, 'starts_on');
  const length = requireDay(endsOn, 'ends_on') - start;
  const elapsed = requireDay(asOf, 'the date') - start;
  if (length <= 0) return elapsed >= 0 ? 1 : 0;
  return clamp01(elapsed / length);
}

export interface KeyResultValues {
  direction: KrDirection | string;
  startValue: number;
  targetValue: number;
  currentValue: number;
}

/**
 * `progress` = clamp((current − start) ÷ (target − start), 0, 1); the sign of target − start carries
 * the direction, so a `decrease` KR from 48 to 24 at 36 is halfway like an `increase` one. Where
 * target = start there is nothing to divide: 1 once current has reached the target in the KR's
 * direction (≥ for increase, ≤ for decrease), else 0.
 */
export function krProgress({ direction, startValue, targetValue, currentValue }: KeyResultValues): number {
  const span = targetValue - startValue;
  if (span === 0) {
    const reached = direction === 'decrease' ? currentValue <= targetValue : currentValue >= targetValue;
    return reached ? 1 : 0;
  }
  return clamp01((currentValue - startValue) / span);
}

/** `on_track` if progress ≥ expected − 0.10, `at_risk` if progress ≥ expected − 0.25, else `off_track`. */
export function krPace(progress: number, expected: number): KrPace {
  if (progress + BOUNDARY_TOLERANCE >= expected - ON_TRACK_MARGIN) return 'on_track';
  if (progress + BOUNDARY_TOLERANCE >= expected - AT_RISK_MARGIN) return 'at_risk';
  return 'off_track';
}

const PACE_RANK: Record<KrPace, number> = { off_track: 0, at_risk: 1, on_track: 2 };

/** The worst of some KR paces (off_track < at_risk < on_track), or null for none. */
export function worstPace(paces: readonly KrPace[]): KrPace | null {
  let worst: KrPace | null = null;
  for (const pace of paces) if (worst === null || PACE_RANK[pace] < PACE_RANK[worst]) worst = pace;
  return worst;
}

/** A team's pace, in this order: not_started if forming, closed if closed, no_key_results if none, else its worst KR's. */
export function teamPace(status: TeamStatus | string, krPaces: readonly KrPace[]): TeamPace {
  if (status === 'forming') return 'not_started';
  if (status === 'closed') return 'closed';
  return worstPace(krPaces) ?? 'no_key_results';
}

/**
 * The mean KR progress (0–1): the score a team closes with. For a team still running it is the
 * same mean now (what it would close with today); null when the team has no key results.
 */
export function teamScore(progresses: readonly number[]): number | null {
  if (progresses.length === 0) return null;
  let sum = 0;
  for (const p of progresses) sum += p;
  return sum / progresses.length;
}

export interface TeamInput {
  status: TeamStatus | string;
  startsOn: string;
  endsOn: string;
}

export interface KeyResultInput extends KeyResultValues {
  id: string;
}

export interface KeyResultPace {
  id: string;
  progress: number;
  pace: KrPace;
}

export interface TeamAssessment {
  pace: TeamPace;
  expected: number;
  score: number | null;
  /** Sorted by id. */
  keyResults: KeyResultPace[];
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Everything the report says about one team on day `asOf`. */
export function assessTeam(team: TeamInput, keyResults: readonly KeyResultInput[], asOf: string): TeamAssessment {
  const expected = expectedShare(team.startsOn, team.endsOn, asOf);
  const paced = [...keyResults].sort(byId).map((kr) => {
    const progress = krProgress(kr);
    return { id: kr.id, progress, pace: krPace(progress, expected) };
  });
  return {
    pace: teamPace(team.status, paced.map((kr) => kr.pace)),
    expected,
    score: teamScore(paced.map((kr) => kr.progress)),
    keyResults: paced,
  };
}

export interface Membership {
  personId: string;
  teamId: string;
  joinedOn: string;
  leftOn: string | null;
}

/**
 * Whether a membership holds on `day`: from joined_on, up to but not including left_on (a member
 * who leaves on a day is back at their post that day).
 */
export function isMemberOn(member: Pick<Membership, 'joinedOn' | 'leftOn'>, day: string): boolean {
  return member.joinedOn <= day && (member.leftOn === null || member.leftOn > day);
}

/**
 * A person's load: the number of distinct active teams they are a member of on `day`. Statuses are
 * the teams' current ones (the platform keeps no status history).
 */
export function personLoad(memberships: readonly Membership[], teamStatus: ReadonlyMap<string, string>, personId: string, day: string): number {
  const teams = new Set<string>();
  for (const m of memberships) {
    if (m.personId === personId && teamStatus.get(m.teamId) === 'active' && isMemberOn(m, day)) teams.add(m.teamId);
  }
  return teams.size;
}

/** More active teams than a person can carry (above two). */
export function isOverloaded(load: number): boolean {
  return load > MAX_ACTIVE_TEAMS_PER_PERSON;
}

/** Days left in the cycle on `day`: 0 once ends_on has passed, the whole cycle before it starts. */
export function daysLeft(endsOn: string, day: string): number {
  return Math.max(0, daysBetween(day, endsOn));
}

/**
 * The ideal line of a KR's burn-up on `day`: start + (target − start) × expected share, the value
 * the KR would have if it moved evenly over the cycle.
 */
export function idealValue(kr: Pick<KeyResultValues, 'startValue' | 'targetValue'>, startsOn: string, endsOn: string, day: string): number {
  return kr.startValue + (kr.targetValue - kr.startValue) * expectedShare(startsOn, endsOn, day);
}
