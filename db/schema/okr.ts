import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedRecordColumns } from './columns';

export const okrTeams = sqliteTable('okr_teams', {
  ...syncedRecordColumns(),
  name: text('name').notNull(),
  mission: text('mission').notNull(),
  categoryId: text('category_id'),
  sponsorId: text('sponsor_id').notNull(),
  leadId: text('lead_id').notNull(),
  status: text('status').notNull(),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  retrospective: text('retrospective'),
});

export const okrMembers = sqliteTable(
  'okr_members',
  {
    ...syncedRecordColumns(),
    teamId: text('team_id').notNull(),
    personId: text('person_id').notNull(),
    role: text('role').notNull(),
    homeDepartment: text('home_department').notNull(),
    joinedOn: text('joined_on').notNull(),
    leftOn: text('left_on'),
  },
  (t) => [index('okr_members_by_team').on(t.teamId)],
);

export const objectives = sqliteTable(
  'objectives',
  {
    ...syncedRecordColumns(),
    teamId: text('team_id').notNull(),
    title: text('title').notNull(),
    ownerId: text('owner_id').notNull(),
    parentObjectiveId: text('parent_objective_id'),
  },
  (t) => [index('objectives_by_team').on(t.teamId)],
);

export const keyResults = sqliteTable(
  'key_results',
  {
    ...syncedRecordColumns(),
    objectiveId: text('objective_id').notNull(),
    title: text('title').notNull(),
    unit: text('unit').notNull(),
    direction: text('direction').notNull(),
    startValue: real('start_value').notNull(),
    targetValue: real('target_value').notNull(),
    currentValue: real('current_value').notNull(),
    ownerId: text('owner_id').notNull(),
  },
  (t) => [index('key_results_by_objective').on(t.objectiveId)],
);

export const checkIns = sqliteTable(
  'check_ins',
  {
    ...syncedRecordColumns(),
    keyResultId: text('key_result_id').notNull(),
    value: real('value').notNull(),
    confidence: real('confidence').notNull(),
    note: text('note'),
    authorId: text('author_id').notNull(),
    checkedAt: text('checked_at').notNull(),
  },
  (t) => [index('check_ins_by_key_result').on(t.keyResultId, t.checkedAt)],
);
