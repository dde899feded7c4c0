/**
 * The OKR report: every team's pace on one day, as `cockpit okr report` prints it and as the board
 * reads it. Reads the synced tables with plain statements, so it works on a read-only connection.
 */
import type Database from 'better-sqlite3';
import { assessTeam, isCalendarDay, type KeyResultInput, type KrPace, type TeamPace } from './engine';

/** One line of the report; keys in this order (the CLI's JSONL contract). */
export interface OkrReportLine {
  teamId: string;
  status: string;
  pace: TeamPace;
  expected: number;
  /** Mean KR progress (the score at close; for a running team, what it would close with today); null without KRs. */
  score: number | null;
  keyResults: { id: string; progress: number; pace: KrPace }[];
}

interface TeamRow {
  id: string;
  status: string;
  starts_on: string;
  ends_on: string;
}

interface KeyResultRow {
  id: string;
  team_id: string;
  direction: string;
  start_value: number;
  target_value: number;
  current_value: number;
}

const TEAMS_SQL = 'SELECT id, status, starts_on, ends_on FROM okr_teams ORDER BY id';
/** A KR belongs to its objective's team; a KR whose objective is not synced has no team yet. */
const KEY_RESULTS_SQL = `
  SELECT kr.id, o.team_id, kr.direction, kr.start_value, kr.target_value, kr.current_value
  FROM key_results kr JOIN objectives o ON o.id = kr.objective_id
  ORDER BY o.team_id, kr.id`;

/** Thrown for a day that is not a real `YYYY-MM-DD` calendar day. */
export class InvalidDayError extends Error {
  constructor(day: string) {
    super(`invalid date ${JSON.stringify(day)}: expected a calendar day YYYY-MM-DD`);
    this.name = 'InvalidDayError';
  }
}

export function requireCalendarDay(day: string): string {
  if (!isCalendarDay(day)) throw new InvalidDayError(day);
  return day;
}

/** Key results by team id, each team's list sorted by id. */
export function keyResultsByTeam(sqlite: Database.Database): Map<string, KeyResultInput[]> {
  const byTeam = new Map<string, KeyResultInput[]>();
  for (const row of sqlite.prepare(KEY_RESULTS_SQL).all() as KeyResultRow[]) {
    let list = byTeam.get(row.team_id);
    if (!list) byTeam.set(row.team_id, (list = []));
    list.push({ id: row.id, direction: row.direction, startValue: row.start_value, targetValue: row.target_value, currentValue: row.current_value });
  }
  return byTeam;
}

/** Every team sorted by id, assessed on `asOf` (a calendar day; InvalidDayError otherwise). */
export function okrReport(sqlite: Database.Database, asOf: string): OkrReportLine[] {
  requireCalendarDay(asOf);
  const keyResults = keyResultsByTeam(sqlite);
  return (sqlite.prepare(TEAMS_SQL).all() as TeamRow[]).map((team) => {
    const assessment = assessTeam({ status: team.status, startsOn: team.starts_on, endsOn: team.ends_on }, keyResults.get(team.id) ?? [], asOf);
    return {
      teamId: team.id,
      status: team.status,
      pace: assessment.pace,
      expected: assessment.expected,
      score: assessment.score,
      keyResults: assessment.keyResults,
    };
  });
}
