/** The OKR strike-teams part of the contract: teams, objectives, key results, check-ins, people's load. Imports only zod. */
import { z } from 'zod';
import { mutation, query } from './method';

export const TEAM_STATUSES = ['forming', 'active', 'closed'] as const;
export const KR_DIRECTIONS = ['increase', 'decrease'] as const;
export const KR_PACES = ['on_track', 'at_risk', 'off_track'] as const;
/** Team paces, worst first after the running ones: the order the board groups cards in. */
export const TEAM_PACES = ['off_track', 'at_risk', 'on_track', 'no_key_results', 'not_started', 'closed'] as const;
export const DEPARTMENTS = [
  'operations', 'procurement', 'logistics', 'technology', 'marketing', 'customer_service', 'legal', 'finance',
] as const;
/** Above this many active teams a person is overloaded (issue 14: warn above two). */
export const MAX_ACTIVE_TEAMS = 2;

export const teamStatusSchema = z.enum(TEAM_STATUSES);
export const krDirectionSchema = z.enum(KR_DIRECTIONS);
export const krPaceSchema = z.enum(KR_PACES);
export const teamPaceSchema = z.enum(TEAM_PACES);
export const departmentSchema = z.enum(DEPARTMENTS);
export type TeamStatus = z.infer<typeof teamStatusSchema>;
export type KrPaceName = z.infer<typeof krPaceSchema>;
export type TeamPaceName = z.infer<typeof teamPaceSchema>;
export type Department = z.infer<typeof departmentSchema>;

/** A calendar day, YYYY-MM-DD (the handlers also refuse impossible days such as 2026-02-30). */
export const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const idSchema = z.string().min(1).max(200);
const textSchema = z.string().max(10_000);

export const departmentShareSchema = z.object({ department: departmentSchema, members: z.number().int().nonnegative() });

export const keyResultSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  unit: z.string(),
  progress: z.number(),
  pace: krPaceSchema,
  currentValue: z.number(),
  targetValue: z.number(),
});

/** One team card: the record, its pace on the day, and what the board shows on the card. */
export const teamCardSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  name: z.string(),
  mission: z.string(),
  status: teamStatusSchema,
  pace: teamPaceSchema,
  expected: z.number(),
  /** Mean KR progress; null without KRs. */
  score: z.number().nullable(),
  /** expected − the worst KR's progress (how far behind the slowest KR is); null without KRs. */
  shortfall: z.number().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  daysLeft: z.number().int().nonnegative(),
  categoryId: z.string().nullable(),
  categoryName: z.string().nullable(),
  leadId: z.string(),
  leadName: z.string().nullable(),
  sponsorId: z.string(),
  sponsorName: z.string().nullable(),
  retrospective: z.string().nullable(),
  /** Members on the day. */
  memberCount: z.number().int().nonnegative(),
  departments: z.array(departmentShareSchema),
  /** Members on the day who are on more than two active teams. */
  overloadedMembers: z.number().int().nonnegative(),
  keyResultCount: z.number().int().nonnegative(),
  worstKeyResult: keyResultSummarySchema.nullable(),
  /** Local changes to the team or its members, objectives, KRs and check-ins the platform has not acknowledged. */
  unsyncedCommands: z.number().int().nonnegative(),
});
export type TeamCard = z.infer<typeof teamCardSchema>;

export const checkInRowSchema = z.object({
  id: z.string(),
  value: z.number(),
  confidence: z.number(),
  note: z.string().nullable(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  checkedAt: z.string(),
  /** Not yet known to the platform. */
  local: z.boolean(),
});
export type CheckInRow = z.infer<typeof checkInRowSchema>;

export const keyResultRowSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  objectiveId: z.string(),
  title: z.string(),
  unit: z.string(),
  direction: krDirectionSchema,
  startValue: z.number(),
  targetValue: z.number(),
  currentValue: z.number(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  progress: z.number(),
  pace: krPaceSchema,
  /** Oldest first. */
  checkIns: z.array(checkInRowSchema),
});
export type KeyResultRow = z.infer<typeof keyResultRowSchema>;

export const objectiveRowSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  ownerId: z.string(),
  ownerName: z.string().nullable(),
  parentObjectiveId: z.string().nullable(),
  /** The parent's title when it belongs to another team (cross-team alignment). */
  parentTitle: z.string().nullable(),
  parentTeamId: z.string().nullable(),
  keyResults: z.array(keyResultRowSchema),
});
export type ObjectiveRow = z.infer<typeof objectiveRowSchema>;

export const memberRowSchema = z.object({
  id: z.string(),
  personId: z.string(),
  name: z.string().nullable(),
  role: z.string(),
  homeDepartment: departmentSchema,
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  /** A member on the day. */
  current: z.boolean(),
  /** Active teams the person is on that day. */
  load: z.number().int().nonnegative(),
});
export type MemberRow = z.infer<typeof memberRowSchema>;

export const TIMELINE_KINDS = ['started', 'joined', 'left', 'check_in', 'ends'] as const;
export const timelineEventSchema = z.object({
  /** A day or an RFC 3339 timestamp; sorted by it. */
  at: z.string(),
  kind: z.enum(TIMELINE_KINDS),
  personName: z.string().nullable(),
  keyResultTitle: z.string().nullable(),
  value: z.number().nullable(),
  unit: z.string().nullable(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const teamDetailSchema = z.object({
  team: teamCardSchema,
  /** This team's objectives; a child follows the objective it aligns to. */
  objectives: z.array(objectiveRowSchema),
  members: z.array(memberRowSchema),
  timeline: z.array(timelineEventSchema),
});
export type TeamDetail = z.infer<typeof teamDetailSchema>;

export const personLoadSchema = z.object({
  personId: z.string(),
  name: z.string(),
  department: z.string(),
  title: z.string(),
  load: z.number().int().nonnegative(),
  overloaded: z.boolean(),
  teams: z.array(z.object({ teamId: z.string(), name: z.string(), role: z.string() })),
});
export type PersonLoad = z.infer<typeof personLoadSchema>;

export const retrospectiveRowSchema = z.object({
  teamId: z.string(),
  name: z.string(),
  mission: z.string(),
  categoryName: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  retrospective: z.string(),
  score: z.number().nullable(),
  keyResultCount: z.number().int().nonnegative(),
});
export type RetrospectiveRow = z.infer<typeof retrospectiveRowSchema>;

export const templateSchema = z.object({
  id: z.string(),
  name: z.string(),
  mission: z.string(),
  durationDays: z.number().int().positive(),
  objectives: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      parentKey: z.string().nullable(),
      keyResults: z.array(
        z.object({ key: z.string(), title: z.string(), unit: z.string(), direction: krDirectionSchema, startValue: z.number(), targetValue: z.number() }),
      ),
    }),
  ),
});
export type TeamTemplateInfo = z.infer<typeof templateSchema>;

export const personOptionSchema = z.object({ id: z.string(), name: z.string(), department: z.string(), title: z.string() });
export type PersonOption = z.infer<typeof personOptionSchema>;

const asOf = { asOf: daySchema.optional() };
const issued = z.object({ id: z.string(), commandId: z.string() });

export const okrMethods = {
  'okr.teams': query(z.object(asOf).strict(), z.array(teamCardSchema), { synced: true }),
  'okr.team': query(z.object({ id: idSchema, ...asOf }).strict(), teamDetailSchema, { synced: true }),
  'okr.people': query(z.object(asOf).strict(), z.array(personLoadSchema), { synced: true }),
  'okr.directory': query(z.object({}).strict(), z.array(personOptionSchema), { synced: true }),
  'okr.retrospectives': query(z.object({ search: z.string().max(200).optional() }).strict(), z.array(retrospectiveRowSchema), { synced: true }),
  'okr.templates': query(z.object({}).strict(), z.array(templateSchema)),
  'okr.team.createFromTemplate': mutation(
    z.object({
      templateId: z.string().optional(),
      product: z.string().trim().min(1).max(100),
      name: z.string().trim().min(1).max(200).optional(),
      leadId: idSchema,
      sponsorId: idSchema,
      categoryId: idSchema.nullable().optional(),
      startsOn: daySchema,
    }).strict(),
    z.object({ teamId: z.string(), commandIds: z.array(z.string()) }),
  ),
  'okr.team.update': mutation(
    z.object({
      id: idSchema,
      name: z.string().trim().min(1).max(200).optional(),
      mission: textSchema.optional(),
      leadId: idSchema.optional(),
      sponsorId: idSchema.optional(),
      categoryId: idSchema.nullable().optional(),
      status: z.enum(['forming', 'active']).optional(),
      startsOn: daySchema.optional(),
      endsOn: daySchema.optional(),
    }).strict(),
    z.object({ commandId: z.string() }),
  ),
  'okr.team.close': mutation(
    z.object({ id: idSchema, retrospective: textSchema.trim().min(1) }).strict(),
    z.object({ commandId: z.string(), score: z.number().nullable() }),
  ),
  'okr.member.add': mutation(
    z.object({ teamId: idSchema, personId: idSchema, role: z.string().trim().min(1).max(100), homeDepartment: departmentSchema.optional() }).strict(),
    issued,
  ),
  'okr.member.leave': mutation(z.object({ id: idSchema, leftOn: daySchema.optional() }).strict(), z.object({ commandId: z.string() })),
  'okr.objective.upsert': mutation(
    z.object({
      id: idSchema.optional(),
      teamId: idSchema,
      title: z.string().trim().min(1).max(500),
      ownerId: idSchema.optional(),
      parentObjectiveId: idSchema.nullable().optional(),
    }).strict(),
    issued,
  ),
  'okr.keyResult.upsert': mutation(
    z.object({
      id: idSchema.optional(),
      objectiveId: idSchema,
      title: z.string().trim().min(1).max(500),
      unit: z.string().max(50),
      direction: krDirectionSchema,
      startValue: z.number().finite(),
      targetValue: z.number().finite(),
      ownerId: idSchema.optional(),
    }).strict(),
    issued,
  ),
  'okr.checkIn': mutation(
    z.object({ keyResultId: idSchema, value: z.number().finite(), confidence: z.number().min(0).max(1), note: textSchema.optional() }).strict(),
    issued,
  ),
};
