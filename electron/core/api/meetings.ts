/**
 * Review-meeting notes and action items (双周复盘), kept locally and offline; an action item can
 * become an OKR check-in note or an alert comment (an outbox command). Part of the overview domain.
 * Imports only zod, so that the renderer can import it too.
 */
import { z } from 'zod';
import { mutation, query } from './method';

/** A real calendar day, YYYY-MM-DD (2026-02-30 is refused). */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((text) => {
    const ms = Date.parse(`${text}T00:00:00Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
  }, 'a real calendar day');
const id = z.string().min(1).max(200);
const convertedKindSchema = z.enum(['okr_checkin', 'alert_comment']);
export type ConvertedKind = z.infer<typeof convertedKindSchema>;
export const MEETING_TITLE_MAX = 200;
export const MEETING_BODY_MAX = 20_000;
export const ACTION_TITLE_MAX = 500;
export const ACTION_OWNER_MAX = 100;

export const meetingNoteSchema = z.object({
  id: z.string(),
  /** The meeting's day, YYYY-MM-DD (Asia/Shanghai). */
  meetingOn: z.string(),
  title: z.string(),
  body: z.string(),
  /** RFC 3339, +08:00. */
  updatedAt: z.string(),
});
export type MeetingNote = z.infer<typeof meetingNoteSchema>;

export const meetingActionSchema = z.object({
  id: z.string(),
  /** The note it was agreed in; null = none (or that note was deleted). */
  noteId: z.string().nullable(),
  title: z.string(),
  /** A name as said in the meeting: the owner need not be a synced person. */
  owner: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'done']),
  /** What it became: the key result or alert it went to and the outbox command; null = not yet. */
  convertedTo: z.object({ kind: convertedKindSchema, targetId: z.string(), commandId: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type MeetingAction = z.infer<typeof meetingActionSchema>;

/** Notes, newest meeting first; actions open first (soonest due first), each naming its note. */
export const meetingListSchema = z.object({ notes: z.array(meetingNoteSchema), actions: z.array(meetingActionSchema) });
export type MeetingList = z.infer<typeof meetingListSchema>;

const deletedSchema = z.object({ deleted: z.boolean() });

/**
 * What a converted action says on the platform (the check-in's note, the comment's text): the
 * action, who owns it and by when. Here, so that the panel can show it before it is sent.
 */
export function conversionText(action: Pick<MeetingAction, 'title' | 'owner' | 'dueOn'>): string {
  return `【复盘行动项】${action.title} · 负责人 ${action.owner}${action.dueOn ? ` · 截止 ${action.dueOn}` : ''}`;
}

export const meetingsMethods = {
  /**
   * Notes of meetings held from `from` to `to` (inclusive; either bound may be left out), the
   * actions of those notes, every action still open, and the actions changed in the range.
   */
  'meetings.list': query(
    z
      .object({ from: day.optional(), to: day.optional() })
      .strict()
      .refine((range) => !range.from || !range.to || range.from <= range.to, { message: 'from is after to', path: ['to'] }),
    meetingListSchema,
  ),
  /** Creates a note (no id) or replaces one's day, title and body. */
  'meetings.saveNote': mutation(
    z
      .object({
        id: id.optional(),
        meetingOn: day,
        title: z.string().trim().min(1).max(MEETING_TITLE_MAX),
        body: z.string().max(MEETING_BODY_MAX),
      })
      .strict(),
    meetingNoteSchema,
  ),
  /** Deletes the note; its action items stay, no longer tied to it. */
  'meetings.deleteNote': mutation(z.object({ id }).strict(), deletedSchema),
  /** Creates an action item (no id) or updates one; a field left out of an update keeps its value. */
  'meetings.saveAction': mutation(
    z
      .object({
        id: id.optional(),
        noteId: id.nullable().optional(),
        title: z.string().trim().min(1).max(ACTION_TITLE_MAX),
        owner: z.string().trim().min(1).max(ACTION_OWNER_MAX),
        dueOn: day.nullable().optional(),
        status: z.enum(['open', 'done']).optional(),
      })
      .strict(),
    meetingActionSchema,
  ),
  'meetings.deleteAction': mutation(z.object({ id }).strict(), deletedSchema),
  /**
   * Turns an action item into an OKR check-in note (`okr.check_in`: the KR's current value and its
   * latest confidence, or 0.5, unless given) or an alert comment (`alert.comment`), once.
   */
  'meetings.convertAction': mutation(
    z.discriminatedUnion('kind', [
      z
        .object({
          id,
          kind: z.literal('okr_checkin'),
          keyResultId: id,
          value: z.number().finite().optional(),
          confidence: z.number().min(0).max(1).optional(),
        })
        .strict(),
      z.object({ id, kind: z.literal('alert_comment'), alertId: id }).strict(),
    ]),
    meetingActionSchema,
  ),
} as const;
