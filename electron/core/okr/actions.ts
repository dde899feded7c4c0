/**
 * What the operator does to teams: each action checks what it can against the local records, then
 * goes through the outbox as a SPEC command (so it works offline) with its local effect
 * (commands.ts). Ids of new records are made here (UUIDv7), so the board can open them at once.
 */
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import { ApiError } from '../api/errors';
import type { okrMethods } from '../api/okr';
import type { SyncHandle } from '../sync';
import { addDays, isCalendarDay, shanghaiToday } from './engine';
import type { OkrService } from './service';
import { TEAM_TEMPLATES, fillTemplateText } from './template';

type Input<K extends keyof typeof okrMethods> = z.output<(typeof okrMethods)[K]['input']>;
type CommandType = 'okr.team.upsert' | 'okr.team.close' | 'okr.member.add' | 'okr.member.leave' | 'okr.objective.upsert' | 'okr.key_result.upsert' | 'okr.check_in';

const LEAD_ROLE = '负责人';

function invalid(message: string): never {
  throw new ApiError('invalid_input', message);
}

function notFound(message: string): never {
  throw new ApiError('not_found', message);
}

function requireDay(day: string, field: string): string {
  if (!isCalendarDay(day)) invalid(`${field} is not a calendar day: ${day}`);
  return day;
}

/** Only the fields that were given: an upsert leaves the others as they are. */
function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

export class OkrActions {
  constructor(
    private readonly service: OkrService,
    private readonly sqlite: Database.Database,
    private readonly engine: () => SyncHandle,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private issue(type: CommandType, entityId: string, baseVersion: number | null, payload: Record<string, unknown>): string {
    return this.engine().issueCommand({ type, entityId, baseVersion, payload });
  }

  private requirePerson(id: string, field: string) {
    return this.service.person(id) ?? notFound(`${field}: no person ${id}`);
  }

  private openTeam(id: string) {
    const team = this.service.teamRecord(id) ?? notFound(`No team ${id}`);
    if (team.status === 'closed') invalid(`Team ${id} is closed`);
    return team;
  }

  /**
   * A new team from a template: the team (forming), its lead as first member, the template's
   * objectives (aligned as the template says) and key results, owned by the lead. One transaction:
   * all of it is queued, or none.
   */
  createFromTemplate(input: Input<'okr.team.createFromTemplate'>): { teamId: string; commandIds: string[] } {
    const template = TEAM_TEMPLATES.find((t) => t.id === (input.templateId ?? TEAM_TEMPLATES[0]?.id)) ?? notFound(`No template ${input.templateId}`);
    const startsOn = requireDay(input.startsOn, 'startsOn');
    const lead = this.requirePerson(input.leadId, 'leadId');
    this.requirePerson(input.sponsorId, 'sponsorId');
    if (input.categoryId && this.service.categoryName(input.categoryId) === undefined) notFound(`categoryId: no category ${input.categoryId}`);
    const teamId = uuidv7();
    const commandIds: string[] = [];
    this.sqlite.transaction(() => {
      commandIds.push(
        this.issue('okr.team.upsert', teamId, null, {
          name: input.name ?? `${input.product}${template.name}`,
          mission: fillTemplateText(template.mission, input.product),
          category_id: input.categoryId ?? null,
          sponsor_id: input.sponsorId,
          lead_id: input.leadId,
          status: 'forming',
          starts_on: startsOn,
          ends_on: addDays(startsOn, template.durationDays),
        }),
      );
      commandIds.push(
        this.issue('okr.member.add', uuidv7(), null, { team_id: teamId, person_id: lead.id, role: LEAD_ROLE, home_department: lead.department }),
      );
      const objectiveIds = new Map<string, string>();
      for (const objective of template.objectives) {
        const objectiveId = uuidv7();
        objectiveIds.set(objective.key, objectiveId);
        commandIds.push(
          this.issue('okr.objective.upsert', objectiveId, null, {
            team_id: teamId,
            title: fillTemplateText(objective.title, input.product),
            owner_id: lead.id,
            parent_objective_id: objective.parentKey ? (objectiveIds.get(objective.parentKey) ?? null) : null,
          }),
        );
        for (const kr of objective.keyResults) {
          commandIds.push(
            this.issue('okr.key_result.upsert', uuidv7(), null, {
              objective_id: objectiveId, title: kr.title, unit: kr.unit, direction: kr.direction,
              start_value: kr.startValue, target_value: kr.targetValue, owner_id: lead.id,
            }),
          );
        }
      }
    })();
    return { teamId, commandIds };
  }

  updateTeam(input: Input<'okr.team.update'>): { commandId: string } {
    const team = this.openTeam(input.id);
    const startsOn = input.startsOn ? requireDay(input.startsOn, 'startsOn') : team.starts_on;
    const endsOn = input.endsOn ? requireDay(input.endsOn, 'endsOn') : team.ends_on;
    if (endsOn < startsOn) invalid('endsOn is before startsOn');
    if (input.leadId) this.requirePerson(input.leadId, 'leadId');
    if (input.sponsorId) this.requirePerson(input.sponsorId, 'sponsorId');
    if (input.status === 'forming' && team.status === 'active') invalid(`Team ${input.id} is already active`);
    const payload = defined({
      name: input.name, mission: input.mission, category_id: input.categoryId, sponsor_id: input.sponsorId, lead_id: input.leadId,
      status: input.status, starts_on: input.startsOn, ends_on: input.endsOn,
    });
    if (Object.keys(payload).length === 0) invalid('Nothing to change');
    return { commandId: this.issue('okr.team.upsert', team.id, team.version, payload) };
  }

  /** Closes the team with its retrospective; answers the score it closes with (mean KR progress). */
  closeTeam(input: Input<'okr.team.close'>): { commandId: string; score: number | null } {
    const team = this.openTeam(input.id);
    const score = this.service.assess(team.id, shanghaiToday(this.now()))?.score ?? null;
    return { commandId: this.issue('okr.team.close', team.id, team.version, { retrospective: input.retrospective }), score };
  }

  addMember(input: Input<'okr.member.add'>): { id: string; commandId: string } {
    const team = this.openTeam(input.teamId);
    const person = this.requirePerson(input.personId, 'personId');
    const today = shanghaiToday(this.now());
    if (this.service.membersOf(team.id).some((m) => m.person_id === person.id && (m.left_on === null || m.left_on > today))) {
      invalid(`${person.name} is already a member of this team`);
    }
    const id = uuidv7();
    const homeDepartment = input.homeDepartment ?? person.department;
    const commandId = this.issue('okr.member.add', id, null, { team_id: team.id, person_id: person.id, role: input.role, home_department: homeDepartment });
    return { id, commandId };
  }

  leaveMember(input: Input<'okr.member.leave'>): { commandId: string } {
    const member = this.service.memberRecord(input.id) ?? notFound(`No member ${input.id}`);
    if (member.left_on) invalid(`Member ${input.id} already left on ${member.left_on}`);
    const leftOn = input.leftOn ? requireDay(input.leftOn, 'leftOn') : shanghaiToday(this.now());
    if (leftOn < member.joined_on) invalid('leftOn is before the day the member joined');
    return { commandId: this.issue('okr.member.leave', member.id, member.version, { left_on: leftOn }) };
  }

  upsertObjective(input: Input<'okr.objective.upsert'>): { id: string; commandId: string } {
    const team = this.openTeam(input.teamId);
    const existing = input.id ? this.service.objectiveRecord(input.id) : undefined;
    if (existing && existing.team_id !== team.id) invalid(`Objective ${input.id} belongs to another team`);
    if (input.ownerId) this.requirePerson(input.ownerId, 'ownerId');
    const id = input.id ?? uuidv7();
    if (input.parentObjectiveId) {
      if (input.parentObjectiveId === id) invalid('An objective cannot align to itself');
      if (!this.service.objectiveRecord(input.parentObjectiveId)) notFound(`parentObjectiveId: no objective ${input.parentObjectiveId}`);
    }
    const payload = defined({
      team_id: team.id, title: input.title, owner_id: input.ownerId ?? (existing ? undefined : team.lead_id), parent_objective_id: input.parentObjectiveId,
    });
    return { id, commandId: this.issue('okr.objective.upsert', id, existing?.version ?? null, payload) };
  }

  upsertKeyResult(input: Input<'okr.keyResult.upsert'>): { id: string; commandId: string } {
    const objective = this.service.objectiveRecord(input.objectiveId) ?? notFound(`No objective ${input.objectiveId}`);
    const team = this.openTeam(objective.team_id);
    const existing = input.id ? this.service.keyResultRecord(input.id) : undefined;
    if (input.ownerId) this.requirePerson(input.ownerId, 'ownerId');
    const id = input.id ?? uuidv7();
    const payload = defined({
      objective_id: objective.id, title: input.title, unit: input.unit, direction: input.direction, start_value: input.startValue,
      target_value: input.targetValue, owner_id: input.ownerId ?? (existing ? undefined : team.lead_id),
    });
    return { id, commandId: this.issue('okr.key_result.upsert', id, existing?.version ?? null, payload) };
  }

  /** A check-in: a new record, and the KR's current value moves to it at once (commands.ts). */
  checkIn(input: Input<'okr.checkIn'>): { id: string; commandId: string } {
    const kr = this.service.keyResultRecord(input.keyResultId) ?? notFound(`No key result ${input.keyResultId}`);
    this.openTeam(kr.team_id);
    const id = uuidv7();
    const payload = { key_result_id: kr.id, value: input.value, confidence: input.confidence, note: input.note ?? '' };
    return { id, commandId: this.issue('okr.check_in', id, null, payload) };
  }
}
