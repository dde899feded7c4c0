/**
 * Review-meeting notes and action items in SQLite (local tables, never synced). Converting an
 * action issues the same outbox command the OKR or opinion board would (`okr.check_in`,
 * `alert.comment`) and marks the action in the command's own transaction: it is sent once.
 */
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../api/errors';
import { conversionText, type ConvertedKind, type MeetingAction, type MeetingList, type MeetingNote } from '../api/meetings';
import type { SyncHandle } from '../sync';
import { shanghaiTimestamp } from '../time';

interface ActionRow {
  id: string;
  note_id: string | null;
  title: string;
  owner: string;
  due_on: string | null;
  status: 'open' | 'done';
  converted_kind: ConvertedKind | null;
  converted_target_id: string | null;
  converted_command_id: string | null;
  updated_at: string;
}

export interface DayRange {
  from?: string;
  to?: string;
}

export function actionFromRow(row: ActionRow): MeetingAction {
  return {
    id: row.id,
    noteId: row.note_id,
    title: row.title,
    owner: row.owner,
    dueOn: row.due_on,
    status: row.status,
    convertedTo:
      row.converted_kind && row.converted_target_id && row.converted_command_id
        ? { kind: row.converted_kind, targetId: row.converted_target_id, commandId: row.converted_command_id }
        : null,
    updatedAt: row.updated_at,
  };
}

/** A check-in that only adds the note: the KR's value and latest confidence (0.5 when none) unless given. */
export function checkInFigures(
  kr: { value: number; latestConfidence: number | null },
  given: { value?: number; confidence?: number },
): { value: number; confidence: number } {
  return { value: given.value ?? kr.value, confidence: given.confidence ?? kr.latestConfidence ?? 0.5 };
}

/** Both bounds of a range, an open bound as far as a day goes. */
function bounds(range: DayRange): { from: string; to: string } {
  return { from: range.from ?? '0000-01-01', to: range.to ?? '9999-12-31' };
}

const NOTE_COLUMNS = 'id, meeting_on AS meetingOn, title, body, updated_at AS updatedAt';
/** Open first, the soonest due first (no due date last), then the most recently changed. */
const ACTION_ORDER = "ORDER BY status = 'done', due_on IS NULL, due_on, updated_at DESC, id DESC";

/**
 * The notes of meetings held in the range, and the actions worth showing with them: those of the
 * notes, every one still open, and those changed in the range (timestamps are +08:00, so their
 * first ten characters are the Shanghai day).
 */
export function listMeetings(sqlite: Database.Database, range: DayRange): MeetingList {
  const { from, to } = bounds(range);
  const notes = sqlite
    .prepare(`SELECT ${NOTE_COLUMNS} FROM meeting_notes WHERE meeting_on BETWEEN ? AND ? ORDER BY meeting_on DESC, updated_at DESC, id DESC`)
    .all(from, to) as MeetingNote[];
  const actions = sqlite
    .prepare(
      `SELECT * FROM meeting_actions
       WHERE status = 'open'
          OR note_id IN (SELECT id FROM meeting_notes WHERE meeting_on BETWEEN @from AND @to)
          OR substr(updated_at, 1, 10) BETWEEN @from AND @to
       ${ACTION_ORDER}`,
    )
    .all({ from, to }) as ActionRow[];
  return { notes, actions: actions.map(actionFromRow) };
}

function notFound(message: string): never {
  throw new ApiError('not_found', message);
}

export class MeetingsService {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly engine: () => SyncHandle,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(range: DayRange = {}): MeetingList {
    return listMeetings(this.sqlite, range);
  }

  saveNote(input: { id?: string; meetingOn: string; title: string; body: string }): MeetingNote {
    const at = this.stamp();
    const fields = { meetingOn: input.meetingOn, title: input.title, body: input.body, at };
    let id = input.id;
    if (id === undefined) {
      id = uuidv7();
      this.sqlite
        .prepare('INSERT INTO meeting_notes (id, meeting_on, title, body, created_at, updated_at) VALUES (@id, @meetingOn, @title, @body, @at, @at)')
        .run({ id, ...fields });
    } else {
      const changed = this.sqlite
        .prepare('UPDATE meeting_notes SET meeting_on = @meetingOn, title = @title, body = @body, updated_at = @at WHERE id = @id')
        .run({ id, ...fields }).changes;
      if (changed === 0) notFound(`No meeting note ${id}`);
    }
    return this.sqlite.prepare(`SELECT ${NOTE_COLUMNS} FROM meeting_notes WHERE id = ?`).get(id) as MeetingNote;
  }

  /** The note goes; its action items stay, no longer tied to it. */
  deleteNote(id: string): { deleted: boolean } {
    return this.sqlite.transaction(() => {
      this.sqlite.prepare('UPDATE meeting_actions SET note_id = NULL WHERE note_id = ?').run(id);
      return { deleted: this.sqlite.prepare('DELETE FROM meeting_notes WHERE id = ?').run(id).changes > 0 };
    })();
  }

  saveAction(input: { id?: string; noteId?: string | null; title: string; owner: string; dueOn?: string | null; status?: 'open' | 'done' }): MeetingAction {
    const at = this.stamp();
    if (input.noteId && !this.noteExists(input.noteId)) notFound(`No meeting note ${input.noteId}`);
    if (input.id === undefined) {
      const id = uuidv7();
      this.sqlite
        .prepare('INSERT INTO meeting_actions (id, note_id, title, owner, due_on, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(id, input.noteId ?? null, input.title, input.owner, input.dueOn ?? null, input.status ?? 'open', at, at);
      return this.action(id);
    }
    const existing = this.action(input.id);
    this.sqlite
      .prepare('UPDATE meeting_actions SET note_id = ?, title = ?, owner = ?, due_on = ?, status = ?, updated_at = ? WHERE id = ?')
      .run(
        input.noteId === undefined ? existing.noteId : input.noteId,
        input.title,
        input.owner,
        input.dueOn === undefined ? existing.dueOn : input.dueOn,
        input.status ?? existing.status,
        at,
        input.id,
      );
    return this.action(input.id);
  }

  deleteAction(id: string): { deleted: boolean } {
    return { deleted: this.sqlite.prepare('DELETE FROM meeting_actions WHERE id = ?').run(id).changes > 0 };
  }

  /**
   * An `okr.check_in` on the key result with the action as its note, checked as the OKR board
   * checks a check-in (the key result exists, its team is not closed).
   */
  convertToCheckIn(id: string, keyResultId: string, given: { value?: number; confidence?: number } = {}): MeetingAction {
    return this.convert(id, 'okr_checkin', (action) => {
      const kr = this.sqlite
        .prepare('SELECT kr.id, kr.current_value AS value, o.team_id AS teamId FROM key_results kr JOIN objectives o ON o.id = kr.objective_id WHERE kr.id = ?')
        .get(keyResultId) as { id: string; value: number; teamId: string } | undefined;
      if (!kr) notFound(`No key result ${keyResultId}`);
      const team = this.sqlite.prepare('SELECT status FROM okr_teams WHERE id = ?').get(kr.teamId) as { status: string } | undefined;
      if (!team) notFound(`No team ${kr.teamId}`);
      if (team.status === 'closed') throw new ApiError('invalid_input', `Team ${kr.teamId} is closed`);
      const latestConfidence = (this.sqlite
        .prepare('SELECT confidence FROM check_ins WHERE key_result_id = ? ORDER BY checked_at DESC, id DESC LIMIT 1')
        .pluck()
        .get(kr.id) as number | undefined) ?? null;
      const payload = { key_result_id: kr.id, ...checkInFigures({ value: kr.value, latestConfidence }, given), note: conversionText(action) };
      // A check-in is a new record: its own id, no base version (as the OKR board issues it).
      return { targetId: kr.id, commandId: this.engine().issueCommand({ type: 'okr.check_in', entityId: uuidv7(), baseVersion: null, payload }) };
    });
  }

  /** An `alert.comment` on the alert, without a base version, as the opinion board sends comments. */
  convertToAlertComment(id: string, alertId: string): MeetingAction {
    return this.convert(id, 'alert_comment', (action) => {
      const alert = this.sqlite.prepare('SELECT id FROM alerts WHERE id = ?').get(alertId) as { id: string } | undefined;
      if (!alert) notFound(`No alert ${alertId}`);
      const payload = { text: conversionText(action) };
      return { targetId: alert.id, commandId: this.engine().issueCommand({ type: 'alert.comment', entityId: alert.id, baseVersion: null, payload }) };
    });
  }

  /** One transaction: the check, the outbox row (and its local effect) and the mark; all or none. */
  private convert(id: string, kind: ConvertedKind, issue: (action: MeetingAction) => { targetId: string; commandId: string }): MeetingAction {
    return this.sqlite.transaction(() => {
      const action = this.action(id);
      if (action.convertedTo) {
        const was = action.convertedTo.kind === 'okr_checkin' ? 'an OKR check-in' : 'an alert comment';
        throw new ApiError('invalid_input', `Action item ${id} was already turned into ${was} (command ${action.convertedTo.commandId})`);
      }
      const { targetId, commandId } = issue(action);
      this.sqlite
        .prepare('UPDATE meeting_actions SET converted_kind = ?, converted_target_id = ?, converted_command_id = ?, updated_at = ? WHERE id = ?')
        .run(kind, targetId, commandId, this.stamp(), id);
      return this.action(id);
    })();
  }

  private stamp(): string {
    return shanghaiTimestamp(this.now().getTime());
  }

  private action(id: string): MeetingAction {
    const row = this.sqlite.prepare('SELECT * FROM meeting_actions WHERE id = ?').get(id) as ActionRow | undefined;
    if (!row) notFound(`No action item ${id}`);
    return actionFromRow(row);
  }

  private noteExists(id: string): boolean {
    return this.sqlite.prepare('SELECT 1 FROM meeting_notes WHERE id = ?').get(id) !== undefined;
  }
}
