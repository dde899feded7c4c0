/**
 * The OKR commands (SPEC "Commands") with their optimistic local effects: a team, objective or key
 * result shows at once as the platform would store it (same defaults, same merge of the fields
 * given), a check-in moves its key result's current value at once. Local records keep the server's
 * version (0 for one the platform has not seen yet), so the platform's answer replaces them cleanly.
 * On the Sync screen each command is named by what it addresses: the team's name, the objective's
 * or key result's title (a check-in: its key result's), a membership by its team and person.
 */
import { z } from 'zod';
import { DEPARTMENTS, KR_DIRECTIONS, TEAM_STATUSES } from '../../../platform/contract';
import { defineCommand, localDayOf, writeLocalRecord, type EffectContext, type SubjectContext } from '../sync';
import type { ResourceName } from '../../../platform/contract';

type TextOf = SubjectContext['text'];

/** A membership in words: "team · person", or whichever of the two names the cockpit holds. */
function teamAndPerson(text: TextOf, teamId: unknown, personId: unknown): string | null {
  const names = [text('okr_teams', teamId, 'name'), text('people', personId, 'name')].filter((name) => name !== null);
  return names.length > 0 ? names.join(' · ') : null;
}

/** The local name or title (an upsert's effect wrote it), else the payload's (a rejected create is rolled back). */
function upsertSubject(local: string | null, given: string | undefined): string | null {
  return local ?? (given || null);
}

const id = z.string().min(1);
const day = z.iso.date();
const nonEmpty = z.string().min(1);

/**
 * An upsert as the platform applies it: the fields given over the current record, or over the
 * defaults for a new one. Fields left undefined are not sent and change nothing.
 */
function upsertLocal(ctx: EffectContext<Record<string, unknown>>, resource: ResourceName, defaults: Record<string, unknown>): void {
  const given = Object.fromEntries(Object.entries(ctx.payload).filter(([, value]) => value !== undefined));
  const current = ctx.records.readRecord(resource, ctx.entityId);
  const base = current ?? { ...defaults, id: ctx.entityId, version: 0 };
  writeLocalRecord(ctx, resource, { ...base, ...given, id: ctx.entityId, version: base.version, updated_at: ctx.at });
}

export const teamUpsertPayload = z.object({
  name: nonEmpty.optional(),
  mission: z.string().optional(),
  category_id: id.nullable().optional(),
  sponsor_id: id.optional(),
  lead_id: id.optional(),
  status: z.enum(TEAM_STATUSES).optional(),
  starts_on: day.optional(),
  ends_on: day.optional(),
});

export const objectiveUpsertPayload = z.object({
  team_id: id.optional(),
  title: nonEmpty.optional(),
  owner_id: id.optional(),
  parent_objective_id: id.nullable().optional(),
});

/** current_value is not part of it: only check-ins move it (SPEC). */
export const keyResultUpsertPayload = z.object({
  objective_id: id.optional(),
  title: nonEmpty.optional(),
  unit: z.string().optional(),
  direction: z.enum(KR_DIRECTIONS).optional(),
  start_value: z.number().optional(),
  target_value: z.number().optional(),
  owner_id: id.optional(),
});

export const checkInPayload = z.object({
  key_result_id: id,
  value: z.number(),
  confidence: z.number().min(0).max(1),
  note: z.string(),
});

export const okrCommands = [
  defineCommand({
    type: 'okr.team.upsert',
    resource: 'okr_teams',
    payload: teamUpsertPayload,
    subject: (ctx) => upsertSubject(ctx.text('okr_teams', ctx.entityId, 'name'), ctx.payload.name),
    effect: (ctx) => upsertLocal(ctx, 'okr_teams', { mission: '', category_id: null, status: 'forming', retrospective: null }),
  }),
  defineCommand({
    type: 'okr.team.close',
    resource: 'okr_teams',
    payload: z.object({ retrospective: nonEmpty }),
    subject: (ctx) => ctx.text('okr_teams', ctx.entityId, 'name'),
    effect: (ctx) => {
      const team = ctx.records.readRecord('okr_teams', ctx.entityId);
      if (!team || team.status === 'closed') return; // the platform's answer says what happened
      writeLocalRecord(ctx, 'okr_teams', { ...team, updated_at: ctx.at, status: 'closed', retrospective: ctx.payload.retrospective });
    },
  }),
  defineCommand({
    type: 'okr.member.add',
    resource: 'okr_members',
    payload: z.object({ team_id: id, person_id: id, role: nonEmpty, home_department: z.enum(DEPARTMENTS) }),
    subject: (ctx) => teamAndPerson(ctx.text, ctx.payload.team_id, ctx.payload.person_id),
    effect: (ctx) => {
      if (ctx.records.readRecord('okr_members', ctx.entityId)) return;
      const p = ctx.payload;
      writeLocalRecord(ctx, 'okr_members', {
        id: ctx.entityId, version: 0, updated_at: ctx.at,
        team_id: p.team_id, person_id: p.person_id, role: p.role, home_department: p.home_department, joined_on: localDayOf(ctx.at), left_on: null,
      });
    },
  }),
  defineCommand({
    type: 'okr.member.leave',
    resource: 'okr_members',
    payload: z.object({ left_on: day }),
    subject: (ctx) => teamAndPerson(ctx.text, ctx.text('okr_members', ctx.entityId, 'team_id'), ctx.text('okr_members', ctx.entityId, 'person_id')),
    effect: (ctx) => {
      const member = ctx.records.readRecord('okr_members', ctx.entityId);
      if (!member || member.left_on) return;
      writeLocalRecord(ctx, 'okr_members', { ...member, updated_at: ctx.at, left_on: ctx.payload.left_on });
    },
  }),
  defineCommand({
    type: 'okr.objective.upsert',
    resource: 'objectives',
    payload: objectiveUpsertPayload,
    subject: (ctx) => upsertSubject(ctx.text('objectives', ctx.entityId, 'title'), ctx.payload.title),
    effect: (ctx) => upsertLocal(ctx, 'objectives', { parent_objective_id: null }),
  }),
  defineCommand({
    type: 'okr.key_result.upsert',
    resource: 'key_results',
    payload: keyResultUpsertPayload,
    subject: (ctx) => upsertSubject(ctx.text('key_results', ctx.entityId, 'title'), ctx.payload.title),
    effect: (ctx) => {
      const current = ctx.records.readRecord('key_results', ctx.entityId);
      // A new KR starts at its start value, as on the platform.
      upsertLocal(ctx, 'key_results', current ? {} : { current_value: ctx.payload.start_value });
    },
  }),
  defineCommand({
    type: 'okr.check_in',
    resource: 'check_ins',
    payload: checkInPayload,
    subject: (ctx) => ctx.text('key_results', ctx.payload.key_result_id, 'title'),
    effect: (ctx) => {
      if (ctx.records.readRecord('check_ins', ctx.entityId)) return;
      const p = ctx.payload;
      writeLocalRecord(ctx, 'check_ins', {
        id: ctx.entityId, version: 0, updated_at: ctx.at,
        key_result_id: p.key_result_id, value: p.value, confidence: p.confidence, note: p.note, author_id: ctx.operatorId ?? 'me', checked_at: ctx.at,
      });
      const kr = ctx.records.readRecord('key_results', p.key_result_id);
      if (kr) writeLocalRecord(ctx, 'key_results', { ...kr, current_value: p.value });
    },
  }),
] as const;
