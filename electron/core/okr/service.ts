/**
 * The OKR board's reads: team cards with their pace, a team's page, people's load, the library of
 * retrospectives. The tables are small (tens of teams, hundreds of members and KRs); each read
 * loads the rows it needs with one statement per table and computes pace in the engine.
 */
import type Database from 'better-sqlite3';
import type { OpenedDatabase } from '../../../db/open';
import { ApiError } from '../api/errors';
import type {
  CheckInRow, Department, KeyResultRow, MemberRow, ObjectiveRow, PersonLoad, PersonOption, RetrospectiveRow, TeamCard, TeamDetail, TimelineEvent,
} from '../api/okr';
import {
  assessTeam, daysLeft, isCalendarDay, isMemberOn, isOverloaded, krPace, krProgress, shanghaiToday, type KrDirection, type TeamAssessment,
  type TeamStatus,
} from './engine';

export interface TeamRecord {
  id: string;
  version: number;
  name: string;
  mission: string;
  category_id: string | null;
  sponsor_id: string;
  lead_id: string;
  status: TeamStatus;
  starts_on: string;
  ends_on: string;
  retrospective: string | null;
}

export interface MemberRecord {
  id: string;
  version: number;
  team_id: string;
  person_id: string;
  role: string;
  home_department: Department;
  joined_on: string;
  left_on: string | null;
}

export interface ObjectiveRecord {
  id: string;
  version: number;
  team_id: string;
  title: string;
  owner_id: string;
  parent_objective_id: string | null;
}

export interface KeyResultRecord {
  id: string;
  version: number;
  objective_id: string;
  team_id: string;
  title: string;
  unit: string;
  direction: KrDirection;
  start_value: number;
  target_value: number;
  current_value: number;
  owner_id: string;
}

interface CheckInRecord {
  id: string;
  version: number;
  key_result_id: string;
  value: number;
  confidence: number;
  note: string | null;
  author_id: string;
  checked_at: string;
}

interface PersonRecord {
  id: string;
  name: string;
  department: string;
  title: string;
}

const SQL = {
  teams: 'SELECT id, version, name, mission, category_id, sponsor_id, lead_id, status, starts_on, ends_on, retrospective FROM okr_teams ORDER BY id',
  team: 'SELECT id, version, name, mission, category_id, sponsor_id, lead_id, status, starts_on, ends_on, retrospective FROM okr_teams WHERE id = ?',
  members: 'SELECT id, version, team_id, person_id, role, home_department, joined_on, left_on FROM okr_members ORDER BY joined_on, id',
  member: 'SELECT id, version, team_id, person_id, role, home_department, joined_on, left_on FROM okr_members WHERE id = ?',
  objectives: 'SELECT id, version, team_id, title, owner_id, parent_objective_id FROM objectives ORDER BY id',
  objective: 'SELECT id, version, team_id, title, owner_id, parent_objective_id FROM objectives WHERE id = ?',
  keyResults: `SELECT kr.id, kr.version, kr.objective_id, o.team_id, kr.title, kr.unit, kr.direction, kr.start_value, kr.target_value,
      kr.current_value, kr.owner_id
    FROM key_results kr JOIN objectives o ON o.id = kr.objective_id ORDER BY kr.id`,
  keyResult: `SELECT kr.id, kr.version, kr.objective_id, o.team_id, kr.title, kr.unit, kr.direction, kr.start_value, kr.target_value,
      kr.current_value, kr.owner_id
    FROM key_results kr JOIN objectives o ON o.id = kr.objective_id WHERE kr.id = ?`,
  checkInsOfTeam: `SELECT c.id, c.version, c.key_result_id, c.value, c.confidence, c.note, c.author_id, c.checked_at
    FROM check_ins c JOIN key_results kr ON kr.id = c.key_result_id JOIN objectives o ON o.id = kr.objective_id
    WHERE o.team_id = ? ORDER BY c.checked_at, c.id`,
  people: 'SELECT id, name, department, title FROM people ORDER BY id',
  person: 'SELECT id, name, department, title FROM people WHERE id = ?',
  categories: 'SELECT id, name FROM categories WHERE level = 1',
  category: 'SELECT name FROM categories WHERE id = ?',
  /** Unacknowledged commands per team, on the team itself or on any of its records. */
  unsyncedTeams: `WITH unacked AS (SELECT resource, entity_id FROM outbox_commands WHERE state IN ('pending', 'sent', 'conflict'))
    SELECT team_id AS id, count(*) AS n FROM (
      SELECT u.entity_id AS team_id FROM unacked u WHERE u.resource = 'okr_teams'
      UNION ALL SELECT m.team_id FROM unacked u JOIN okr_members m ON m.id = u.entity_id WHERE u.resource = 'okr_members'
      UNION ALL SELECT o.team_id FROM unacked u JOIN objectives o ON o.id = u.entity_id WHERE u.resource = 'objectives'
      UNION ALL SELECT o.team_id FROM unacked u JOIN key_results kr ON kr.id = u.entity_id JOIN objectives o ON o.id = kr.objective_id
        WHERE u.resource = 'key_results'
      UNION ALL SELECT o.team_id FROM unacked u JOIN check_ins c ON c.id = u.entity_id JOIN key_results kr ON kr.id = c.key_result_id
        JOIN objectives o ON o.id = kr.objective_id WHERE u.resource = 'check_ins'
    ) GROUP BY team_id`,
} as const;

/** Everything the team reads need, loaded once per call. */
interface Snapshot {
  day: string;
  teams: TeamRecord[];
  members: MemberRecord[];
  objectives: ObjectiveRecord[];
  keyResults: KeyResultRecord[];
  people: Map<string, PersonRecord>;
  categories: Map<string, string>;
  unsynced: Map<string, number>;
  teamStatus: Map<string, string>;
  /** person id → active teams they are on that day. */
  loads: Map<string, number>;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(row);
  }
  return groups;
}

export class OkrService {
  private readonly sqlite: Database.Database;

  constructor(
    opened: Pick<OpenedDatabase, 'sqlite'>,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.sqlite = opened.sqlite;
  }

  /** D: the day asked for, else today in Asia/Shanghai. */
  dayOf(asOf: string | undefined): string {
    if (asOf === undefined) return shanghaiToday(this.now());
    if (!isCalendarDay(asOf)) throw new ApiError('invalid_input', `asOf is not a calendar day: ${asOf}`);
    return asOf;
  }

  teams({ asOf }: { asOf?: string }): TeamCard[] {
    const snapshot = this.snapshot(this.dayOf(asOf));
    const krsByTeam = groupBy(snapshot.keyResults, (kr) => kr.team_id);
    const membersByTeam = groupBy(snapshot.members, (m) => m.team_id);
    return snapshot.teams.map((team) => this.card(snapshot, team, krsByTeam.get(team.id) ?? [], membersByTeam.get(team.id) ?? []));
  }

  team({ id, asOf }: { id: string; asOf?: string }): TeamDetail {
    const snapshot = this.snapshot(this.dayOf(asOf));
    const team = snapshot.teams.find((t) => t.id === id);
    if (!team) throw new ApiError('not_found', `No team ${id}`);
    const keyResults = snapshot.keyResults.filter((kr) => kr.team_id === id);
    const members = snapshot.members.filter((m) => m.team_id === id);
    const card = this.card(snapshot, team, keyResults, members);
    const checkIns = groupBy(this.sqlite.prepare(SQL.checkInsOfTeam).all(id) as CheckInRecord[], (c) => c.key_result_id);
    const name = (personId: string) => snapshot.people.get(personId)?.name ?? null;
    const krRows = keyResults.map((kr): KeyResultRow => {
      const progress = krProgress({ direction: kr.direction, startValue: kr.start_value, targetValue: kr.target_value, currentValue: kr.current_value });
      return {
        id: kr.id, version: kr.version, objectiveId: kr.objective_id, title: kr.title, unit: kr.unit, direction: kr.direction,
        startValue: kr.start_value, targetValue: kr.target_value, currentValue: kr.current_value, ownerId: kr.owner_id, ownerName: name(kr.owner_id),
        progress, pace: krPace(progress, card.expected),
        checkIns: (checkIns.get(kr.id) ?? []).map((c): CheckInRow => ({
          id: c.id, value: c.value, confidence: c.confidence, note: c.note, authorId: c.author_id, authorName: name(c.author_id),
          checkedAt: c.checked_at, local: c.version === 0,
        })),
      };
    });
    return {
      team: card,
      objectives: this.objectiveTree(snapshot, id, groupBy(krRows, (kr) => kr.objectiveId)),
      members: members.map((m): MemberRow => ({
        id: m.id, personId: m.person_id, name: name(m.person_id), role: m.role, homeDepartment: m.home_department, joinedOn: m.joined_on,
        leftOn: m.left_on, current: isMemberOn({ joinedOn: m.joined_on, leftOn: m.left_on }, snapshot.day), load: snapshot.loads.get(m.person_id) ?? 0,
      })),
      timeline: this.timeline(team, members, krRows, name),
    };
  }

  /** Everyone, most loaded first: the active teams each person is on that day. */
  people({ asOf }: { asOf?: string }): PersonLoad[] {
    const snapshot = this.snapshot(this.dayOf(asOf));
    const teamsById = new Map(snapshot.teams.map((t) => [t.id, t]));
    const activeByPerson = groupBy(
      snapshot.members.filter((m) => snapshot.teamStatus.get(m.team_id) === 'active' && isMemberOn({ joinedOn: m.joined_on, leftOn: m.left_on }, snapshot.day)),
      (m) => m.person_id,
    );
    const rows = [...snapshot.people.values()].map((person): PersonLoad => {
      const seen = new Set<string>();
      const teams: PersonLoad['teams'] = [];
      for (const m of activeByPerson.get(person.id) ?? []) {
        if (seen.has(m.team_id)) continue;
        seen.add(m.team_id);
        teams.push({ teamId: m.team_id, name: teamsById.get(m.team_id)?.name ?? m.team_id, role: m.role });
      }
      return { personId: person.id, name: person.name, department: person.department, title: person.title, load: teams.length, overloaded: isOverloaded(teams.length), teams };
    });
    return rows.sort((a, b) => b.load - a.load || (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
  }

  directory(): PersonOption[] {
    return (this.sqlite.prepare(SQL.people).all() as PersonRecord[]).map((p) => ({ id: p.id, name: p.name, department: p.department, title: p.title }));
  }

  /**
   * Closed teams with a retrospective, newest end first; `search` matches the name, mission or
   * retrospective (case-insensitive, literal text).
   */
  retrospectives({ search }: { search?: string }): RetrospectiveRow[] {
    const cards = this.teams({}).filter((t) => t.status === 'closed' && t.retrospective);
    const needle = search?.trim().toLowerCase();
    return cards
      .filter((t) => !needle || [t.name, t.mission, t.retrospective ?? ''].some((text) => text.toLowerCase().includes(needle)))
      .sort((a, b) => (a.endsOn < b.endsOn ? 1 : a.endsOn > b.endsOn ? -1 : a.id < b.id ? -1 : 1))
      .map((t) => ({
        teamId: t.id, name: t.name, mission: t.mission, categoryName: t.categoryName, startsOn: t.startsOn, endsOn: t.endsOn,
        retrospective: t.retrospective ?? '', score: t.score, keyResultCount: t.keyResultCount,
      }));
  }

  // ---- records, for the actions ----

  teamRecord(id: string): TeamRecord | undefined {
    return this.sqlite.prepare(SQL.team).get(id) as TeamRecord | undefined;
  }

  memberRecord(id: string): MemberRecord | undefined {
    return this.sqlite.prepare(SQL.member).get(id) as MemberRecord | undefined;
  }

  membersOf(teamId: string): MemberRecord[] {
    return (this.sqlite.prepare(SQL.members).all() as MemberRecord[]).filter((m) => m.team_id === teamId);
  }

  objectiveRecord(id: string): ObjectiveRecord | undefined {
    return this.sqlite.prepare(SQL.objective).get(id) as ObjectiveRecord | undefined;
  }

  keyResultRecord(id: string): KeyResultRecord | undefined {
    return this.sqlite.prepare(SQL.keyResult).get(id) as KeyResultRecord | undefined;
  }

  person(id: string): PersonRecord | undefined {
    return this.sqlite.prepare(SQL.person).get(id) as PersonRecord | undefined;
  }

  categoryName(id: string): string | undefined {
    return (this.sqlite.prepare(SQL.category).get(id) as { name: string } | undefined)?.name;
  }

  /** The team's assessment on `day` (its score is what closing it would keep). */
  assess(teamId: string, day: string): TeamAssessment | null {
    const team = this.teamRecord(teamId);
    if (!team) return null;
    const krs = (this.sqlite.prepare(SQL.keyResults).all() as KeyResultRecord[]).filter((kr) => kr.team_id === teamId);
    return assessTeam({ status: team.status, startsOn: team.starts_on, endsOn: team.ends_on }, krs.map(toKeyResultInput), day);
  }

  // ---- helpers ----

  private snapshot(day: string): Snapshot {
    const teams = this.sqlite.prepare(SQL.teams).all() as TeamRecord[];
    const members = this.sqlite.prepare(SQL.members).all() as MemberRecord[];
    const teamStatus = new Map(teams.map((t) => [t.id, t.status as string]));
    const loads = new Map<string, number>();
    const counted = new Set<string>();
    for (const m of members) {
      const key = `${m.person_id}\u0000${m.team_id}`;
      if (teamStatus.get(m.team_id) !== 'active' || counted.has(key) || !isMemberOn({ joinedOn: m.joined_on, leftOn: m.left_on }, day)) continue;
      counted.add(key);
      loads.set(m.person_id, (loads.get(m.person_id) ?? 0) + 1);
    }
    return {
      day,
      teams,
      members,
      objectives: this.sqlite.prepare(SQL.objectives).all() as ObjectiveRecord[],
      keyResults: this.sqlite.prepare(SQL.keyResults).all() as KeyResultRecord[],
      people: new Map((this.sqlite.prepare(SQL.people).all() as PersonRecord[]).map((p) => [p.id, p])),
      categories: new Map((this.sqlite.prepare(SQL.categories).all() as { id: string; name: string }[]).map((c) => [c.id, c.name])),
      unsynced: new Map((this.sqlite.prepare(SQL.unsyncedTeams).all() as { id: string; n: number }[]).map((r) => [r.id, r.n])),
      teamStatus,
      loads,
    };
  }

  private card(snapshot: Snapshot, team: TeamRecord, keyResults: readonly KeyResultRecord[], members: readonly MemberRecord[]): TeamCard {
    const assessment = assessTeam({ status: team.status, startsOn: team.starts_on, endsOn: team.ends_on }, keyResults.map(toKeyResultInput), snapshot.day);
    const current = members.filter((m) => isMemberOn({ joinedOn: m.joined_on, leftOn: m.left_on }, snapshot.day));
    const departments = new Map<Department, number>();
    for (const m of current) departments.set(m.home_department, (departments.get(m.home_department) ?? 0) + 1);
    // Every KR of a team shares its expected share, so the worst KR is the least advanced one.
    let worst: (typeof assessment.keyResults)[number] | null = null;
    for (const kr of assessment.keyResults) if (worst === null || kr.progress < worst.progress) worst = kr;
    const worstRecord = worst ? keyResults.find((kr) => kr.id === worst.id) : undefined;
    return {
      id: team.id,
      version: team.version,
      name: team.name,
      mission: team.mission,
      status: team.status,
      pace: assessment.pace,
      expected: assessment.expected,
      score: assessment.score,
      shortfall: worst ? assessment.expected - worst.progress : null,
      startsOn: team.starts_on,
      endsOn: team.ends_on,
      daysLeft: team.status === 'closed' ? 0 : daysLeft(team.ends_on, snapshot.day),
      categoryId: team.category_id,
      categoryName: team.category_id ? (snapshot.categories.get(team.category_id) ?? this.categoryName(team.category_id) ?? null) : null,
      leadId: team.lead_id,
      leadName: snapshot.people.get(team.lead_id)?.name ?? null,
      sponsorId: team.sponsor_id,
      sponsorName: snapshot.people.get(team.sponsor_id)?.name ?? null,
      retrospective: team.retrospective,
      memberCount: new Set(current.map((m) => m.person_id)).size,
      departments: [...departments].map(([department, n]) => ({ department, members: n })).sort((a, b) => b.members - a.members || (a.department < b.department ? -1 : 1)),
      overloadedMembers: new Set(current.filter((m) => isOverloaded(snapshot.loads.get(m.person_id) ?? 0)).map((m) => m.person_id)).size,
      keyResultCount: keyResults.length,
      worstKeyResult: worst && worstRecord
        ? { id: worst.id, title: worstRecord.title, unit: worstRecord.unit, progress: worst.progress, pace: worst.pace, currentValue: worstRecord.current_value, targetValue: worstRecord.target_value }
        : null,
      unsyncedCommands: snapshot.unsynced.get(team.id) ?? 0,
    };
  }

  /** The team's objectives depth-first: each root (no parent in this team), then what aligns to it. */
  private objectiveTree(snapshot: Snapshot, teamId: string, krsByObjective: Map<string, KeyResultRow[]>): ObjectiveRow[] {
    const all = new Map(snapshot.objectives.map((o) => [o.id, o]));
    const own = snapshot.objectives.filter((o) => o.team_id === teamId);
    const ownIds = new Set(own.map((o) => o.id));
    const children = groupBy(own.filter((o) => o.parent_objective_id && ownIds.has(o.parent_objective_id)), (o) => o.parent_objective_id ?? '');
    const out: ObjectiveRow[] = [];
    const visit = (o: ObjectiveRecord) => {
      if (out.some((row) => row.id === o.id)) return; // a cycle in the data: show each objective once
      const parent = o.parent_objective_id ? all.get(o.parent_objective_id) : undefined;
      const foreign = parent && parent.team_id !== teamId ? parent : undefined;
      out.push({
        id: o.id, version: o.version, title: o.title, ownerId: o.owner_id, ownerName: snapshot.people.get(o.owner_id)?.name ?? null,
        parentObjectiveId: o.parent_objective_id, parentTitle: foreign?.title ?? null, parentTeamId: foreign?.team_id ?? null,
        keyResults: krsByObjective.get(o.id) ?? [],
      });
      for (const child of children.get(o.id) ?? []) visit(child);
    };
    for (const o of own) if (!o.parent_objective_id || !ownIds.has(o.parent_objective_id)) visit(o);
    for (const o of own) visit(o); // objectives caught in an alignment cycle have no root
    return out;
  }

  private timeline(team: TeamRecord, members: readonly MemberRecord[], krs: readonly KeyResultRow[], name: (id: string) => string | null): TimelineEvent[] {
    const blank = { personName: null, keyResultTitle: null, value: null, unit: null };
    const events: TimelineEvent[] = [
      { at: team.starts_on, kind: 'started', ...blank },
      { at: team.ends_on, kind: 'ends', ...blank },
    ];
    for (const m of members) {
      events.push({ at: m.joined_on, kind: 'joined', ...blank, personName: name(m.person_id) ?? m.person_id });
      if (m.left_on) events.push({ at: m.left_on, kind: 'left', ...blank, personName: name(m.person_id) ?? m.person_id });
    }
    for (const kr of krs) {
      for (const c of kr.checkIns) {
        events.push({ at: c.checkedAt, kind: 'check_in', personName: c.authorName ?? c.authorId, keyResultTitle: kr.title, value: c.value, unit: kr.unit });
      }
    }
    return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }
}

function toKeyResultInput(kr: KeyResultRecord) {
  return { id: kr.id, direction: kr.direction, startValue: kr.start_value, targetValue: kr.target_value, currentValue: kr.current_value };
}
