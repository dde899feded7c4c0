import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Local, never synced: the notes of review meetings (双周复盘), taken offline at the meeting and
 * printed in its pack.
 */
export const meetingNotes = sqliteTable(
  'meeting_notes',
  {
    id: text('id').primaryKey(),
    /** The meeting's day, YYYY-MM-DD (Asia/Shanghai). */
    meetingOn: text('meeting_on').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('meeting_notes_by_day').on(t.meetingOn)],
);

/**
 * What a meeting agreed: who does what by when. Once turned into an OKR check-in note or an alert
 * comment (an outbox command), it remembers which, so it is never sent twice.
 */
export const meetingActions = sqliteTable(
  'meeting_actions',
  {
    id: text('id').primaryKey(),
    noteId: text('note_id'),
    title: text('title').notNull(),
    /** A name as said in the meeting: the owner need not be a synced person. */
    owner: text('owner').notNull(),
    dueOn: text('due_on'),
    status: text('status', { enum: ['open', 'done'] }).notNull(),
    convertedKind: text('converted_kind', { enum: ['okr_checkin', 'alert_comment'] }),
    convertedTargetId: text('converted_target_id'),
    convertedCommandId: text('converted_command_id'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('meeting_actions_by_note').on(t.noteId), index('meeting_actions_by_status').on(t.status, t.dueOn)],
);
