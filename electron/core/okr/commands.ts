/**
 * The OKR commands (SPEC "Commands"). Upserts carry the record's fields; without a local effect
 * declared here a change shows when the platform has applied it.
 */
import { z } from 'zod';
import { DEPARTMENTS } from '../../../platform/contract';
import { defineCommand } from '../sync';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const okrCommands = [
  defineCommand({ type: 'okr.team.upsert', resource: 'okr_teams', payload: z.looseObject({}) }),
  defineCommand({ type: 'okr.team.close', resource: 'okr_teams', payload: z.object({ retrospective: z.string() }) }),
  defineCommand({
    type: 'okr.member.add',
    resource: 'okr_members',
    payload: z.object({ team_id: z.string().min(1), person_id: z.string().min(1), role: z.string().min(1), home_department: z.enum(DEPARTMENTS) }),
  }),
  defineCommand({ type: 'okr.member.leave', resource: 'okr_members', payload: z.object({ left_on: date }) }),
  defineCommand({ type: 'okr.objective.upsert', resource: 'objectives', payload: z.looseObject({}) }),
  defineCommand({ type: 'okr.key_result.upsert', resource: 'key_results', payload: z.looseObject({}) }),
  defineCommand({
    type: 'okr.check_in',
    resource: 'check_ins',
    payload: z.object({ key_result_id: z.string().min(1), value: z.number(), confidence: z.number().min(0).max(1), note: z.string().nullable().optional() }),
  }),
] as const;
