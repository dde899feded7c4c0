/**
 * Review-meeting notes and action items (双周复盘), kept locally and offline; an action item can
 * become an OKR check-in note or an alert comment (an outbox command). Part of the overview domain.
 * Imports only zod, so that the renderer can import it too.
 */
import { z } from 'zod';
import { mutation, query } from './method';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD')
  .refine((text) => {
    const ms = Date.parse(`${text}T00:00:00Z`);
    return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === text;
  }, 'a real calendar day');
const id = z.string().min(1).max(100);

export const meetingNoteSchema = z.object({
  id: z.string(),
  meetingOn: z.string(),
  title: z.string(),
  body: z.string(),
  updatedAt: z.string(),
});
export type MeetingNote = z.infer<typeof meetingNoteSchema>;

export const meetingActionSchema = z.object({
  id: z.string(),
  noteId: z.string().nullable(),
  title: z.string(),
  owner: z.string(),
  dueOn: z.string().nullable(),
  status: z.enum(['open', 'done']),
  convertedTo: z.object({ kind: z.enum(['okr_checkin', 'alert_comment']), targetId: z.string(), commandId: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type MeetingAction = z.infer<typeof meetingActionSchema>;

export const meetingListSchema = z.object({ notes: z.array(meetingNoteSchema), actions: z.array(meetingActionSchema) });
export type MeetingList = z.infer<typeof meetingListSchema>;

export const meetingsMethods = {
  /** Notes of meetings held between from and to, the actions of those notes, and every open action. */
  'meetings.list': query(z.object({ from: day, to: day }).strict(), meetingListSchema),
  'meetings.saveNote': mutation(
    z.object({ id: id.optional(), meetingOn: day, title: z.string().trim().min(1).max(200), body: z.string().max(20_000) }).strict(),
    meetingNoteSchema,
  ),
  /** Deletes the note; its action items stay, no longer tied to it. */
  'meetings.deleteNote': mutation(z.object({ id }).strict(), z.object({ deleted: z.boolean() })),
  'meetings.saveAction': mutation(
    z
      .object({
        id: id.optional(),
        noteId: id.nullable().optional(),
        title: z.string().trim().min(1).max(500),
        owner: z.string().trim().min(1).max(100),
        dueOn: day.nullable().optional(),
        status: z.enum(['open', 'done']).optional(),
      })
      .strict(),
    meetingActionSchema,
  ),
  'meetings.deleteAction': mutation(z.object({ id }).strict(), z.object({ deleted: z.boolean() })),
  /** Turns an action item into an OKR check-in note (the KR's value and confidence unchanged unless given) or an alert comment. */
  'meetings.convertAction': mutation(
    z.discriminatedUnion('kind', [
      z.object({ id, kind: z.literal('okr_checkin'), keyResultId: id, value: z.number().finite().optional(), confidence: z.number().min(0).max(1).optional() }).strict(),
      z.object({ id, kind: z.literal('alert_comment'), alertId: id }).strict(),
    ]),
    meetingActionSchema,
  ),
} as const;
