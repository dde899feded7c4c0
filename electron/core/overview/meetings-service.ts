/**
 * Review-meeting notes and action items in SQLite (local tables, never synced). Converting an
 * action issues the same outbox command the OKR or opinion board would (`okr.check_in`,
 * `alert.comment`), and marks the action in the command's own transaction: it is sent once.
 */
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../api/errors';
import type { MeetingAction, MeetingList, MeetingNote } from '../api/meetings';
import type { SyncHandle } from '../sync';

interface ActionRow {
  id: string; note_id: string | null; title: string; owner: string; due_on: string | null; status: 'open' | 'done';
  converted_kind: 'okr_checkin' | 'alert_comment' | null; converted_target_id: string | null; converted_command_id: string | null; updated_at: string;
}

export function actionFromRow(row: ActionRow): MeetingAction {
  return {
    id: row.id, noteId: row.note_id, title: row.title, owner: row.owner, dueOn: row.due_on, status: row.status, updatedAt: row.updated_at,
    convertedTo: row.converted_kind && row.converted_target_id && row.converted_command_id
      ? { kind: row.converted_kind, targetId: row.converted_target_id, commandId: row.converted_command_id }
      : null,
  };
}

/** What the check-in or comment says: the action, who owns it and by when. */
export function conversionText(action: Pick<MeetingAction, 'title' | 'owner' | 'dueOn'>): string {
  return `【复盘行动项】${action.title} · 负责人 ${action.owner}${action.dueOn ? ` · 截止 ${action.dueOn}` : ''}`;
}

const NOTE_COLUMNS = 'id, meeting_on AS meetingOn, title, body, updated_at AS updatedAt';
/** Open first, the soonest due first (no due date last), then the newest. */
const ACTION_ORDER = "ORDER BY status = 'done', due_on IS NULL, due_on, updated_at DESC, id";

export class MeetingsService {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly engine: () => SyncHandle,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(from: string, to: string): MeetingList {
    const notes = this.sqlite.prepare(`SELECT ${NOTE_COLUMNS} FROM meeting_notes WHERE meeting_on BETWEEN ? AND ? ORDER BY meeting_on DESC, updated_at DESC`).all(from, to) as MeetingNote[];
    const actions = this.sqlite
      .prepare(
        `SELECT * FROM meeting_actions WHERE status = 'open' OR note_id IN (SELECT id FROM meeting_notes WHERE meeting_on BETWEEN @from AND @to)
           OR substr(updated_at, 1, 10) BETWEEN @from AND @to ${ACTION_ORDER}`,
      )
      .all({ from, to }) as ActionRow[];
    return { notes, actions: actions.map(actionFromRow) };
  }

  saveNote(input: { id?: string; meetingOn: string; title: string; body: string }): MeetingNote {
    const at = this.now().toISOString();
    const id = input.id ?? uuidv7();
    if (input.id !== undefined && !this.noteExists(input.id)) throw new ApiError('not_found', `No meeting note ${input.id}`);
    this.sqlite
      .prepare(
        `INSERT INTO meeting_notes (id, meeting_on, title, body, created_at, updated_at) VALUES (@id, @meetingOn, @title, @body, @at, @at)
         ON CONFLICT (id) DO UPDATE SET meeting_on = excluded.meeting_on, title = excluded.title, body = excluded.body, updated_at = excluded.updated_at`,
      )
      .run({ id, meetingOn: input.meetingOn, title: input.title, body: input.body, at });
    return this.sqlite.prepare(`SELECT ${NOTE_COLUMNS} FROM meeting_notes WHERE id = ?`).get(id) as MeetingNote;
  }

  deleteNote(id: string): { deleted: boolean } {
    return this.sqlite.transaction(() => {
      this.sqlite.prepare('UPDATE meeting_actions SET note_id = NULL WHERE note_id = ?').run(id);
      return { deleted: this.sqlite.prepare('DELETE FROM meeting_notes WHERE id = ?').run(id).changes > 0 };
    })();
  }

  saveAction(input: { id?: string; noteId?: string | null; title: string; owner: string; dueOn?: string | null; status?: 'open' | 'done' }): MeetingAction {
    const at = this.now().toISOString();
    if (input.noteId && !this.noteExists(input.noteId)) throw new ApiError('not_found', `No meeting note ${input.noteId}`);
    if (input.id !== undefined) {
      const existing = this.action(input.id);
      this.sqlite
        .prepare('UPDATE meeting_actions SET note_id = ?, title = ?, owner = ?, due_on = ?, status = ?, updated_at = ? WHERE id = ?')
        .run(input.noteId === undefined ? existing.noteId : input.noteId, input.title, input.owner, input.dueOn === undefined ? existing.dueOn : input.dueOn, input.status ?? existing.status, at, input.id);
      return this.action(input.id);
    }
    const id = uuidv7();
    this.sqlite
      .prepare(`INSERT INTO meeting_actions (id, note_id, title, owner, due_on, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, input.noteId ?? null, input.title, input.owner, input.dueOn ?? null, input.status ?? 'open', at, at);
    return this.action(id);
  }

  deleteAction(id: string): { deleted: boolean } {
    return { deleted: this.sqlite.prepare('DELETE FROM meeting_actions WHERE id = ?').run(id).changes > 0 };
  }

  convertToCheckIn(id: string, keyResultId: string, given: { value?: number; confidence?: number }): MeetingAction {
    const action = this.convertible(id);
    const kr = this.sqlite.prepare('SELECT id, current_value AS value FROM key_results WHERE id = ?').get(keyResultId) as { id: string; value: number } | undefined;
    if (!kr) throw new ApiError('not_found', `No key result ${keyResultId}`);
    const latest = this.sqlite
      .prepare('SELECT confidence FROM check_ins WHERE key_result_id = ? ORDER BY checked_at DESC, id DESC LIMIT 1')
      .pluck()
      .get(keyResultId) as number | undefined;
    const payload = { key_result_id: kr.id, value: given.value ?? kr.value, confidence: given.confidence ?? latest ?? 0.5, note: conversionText(action) };
    return this.convert(action, 'okr_checkin', kr.id, { type: 'okr.check_in', entityId: uuidv7(), baseVersion: null, payload });
  }

  convertToAlertComment(id: string, alertId: string): MeetingAction {
    const action = this.convertible(id);
    const alert = this.sqlite.prepare('SELECT id FROM alerts WHERE id = ?').get(alertId) as { id: string } | undefined;
    if (!alert) throw new ApiError('not_found', `No alert ${alertId}`);
    return this.convert(action, 'alert_comment', alert.id, { type: 'alert.comment', entityId: alert.id, baseVersion: null, payload: { text: conversionText(action) } });
  }

  private convert(action: MeetingAction, kind: 'okr_checkin' | 'alert_comment', targetId: string, command: Parameters<SyncHandle['issueCommand']>[0]): MeetingAction {
    const at = this.now().toISOString();
    // One transaction around the command row and the mark: a crash leaves neither or both.
    this.sqlite.transaction(() => {
      const commandId = this.engine().issueCommand(command, () => {
        const unconverted = this.sqlite.prepare('SELECT 1 FROM meeting_actions WHERE id = ? AND converted_kind IS NULL').get(action.id);
        if (!unconverted) throw new ApiError('invalid_input', `Action item ${action.id} was already converted`);
      });
      this.sqlite
        .prepare('UPDATE meeting_actions SET converted_kind = ?, converted_target_id = ?, converted_command_id = ?, updated_at = ? WHERE id = ?')
        .run(kind, targetId, commandId, at, action.id);
    })();
    return this.action(action.id);
  }

  private convertible(id: string): MeetingAction {
    const action = this.action(id);
    if (action.convertedTo) throw new ApiError('invalid_input', `Action item ${id} was already turned into ${action.convertedTo.kind === 'okr_checkin' ? 'an OKR check-in' : 'an alert comment'}`);
    return action;
  }

  private action(id: string): MeetingAction {
    const row = this.sqlite.prepare('SELECT * FROM meeting_actions WHERE id = ?').get(id) as ActionRow | undefined;
    if (!row) throw new ApiError('not_found', `No action item ${id}`);
    return actionFromRow(row);
  }

  private noteExists(id: string): boolean {
    return this.sqlite.prepare('SELECT 1 FROM meeting_notes WHERE id = ?').get(id) !== undefined;
  }
}
