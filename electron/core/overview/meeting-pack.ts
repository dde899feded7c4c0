/** The review pack's meeting section: the period's notes and the action items worth printing. */
import type Database from 'better-sqlite3';
import { listMeetings } from './meetings-service';
import type { Period, ReviewPack } from './review-pack';

const MEETING_TABLES = ['meeting_notes', 'meeting_actions'];

/**
 * Notes of meetings held in the period; the actions of those notes, every action still open and
 * those changed in the period, open first by due date. Empty on a database from before the
 * meeting tables (the CLI opens it read-only and does not migrate it).
 */
export function meetingRows(sqlite: Database.Database, period: Period): ReviewPack['meeting'] {
  const present = sqlite
    .prepare(`SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (${MEETING_TABLES.map(() => '?').join(', ')})`)
    .pluck()
    .get(...MEETING_TABLES) as number;
  if (present < MEETING_TABLES.length) return { notes: [], actions: [] };
  return listMeetings(sqlite, period);
}
