/** The review pack's meeting section: the period's notes and the action items worth printing. */
import type Database from 'better-sqlite3';
import { MeetingsService } from './meetings-service';
import type { ReviewPack } from './review-pack';

export function meetingRows(sqlite: Database.Database, period: { from: string; to: string }): ReviewPack['meeting'] {
  // A database from before the meeting tables (the CLI opens it read-only, unmigrated) has none.
  const migrated = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meeting_actions'").get() !== undefined;
  if (!migrated) return { notes: [], actions: [] };
  const noEngine = () => {
    throw new Error('the review pack only reads');
  };
  return new MeetingsService(sqlite, noEngine).list(period.from, period.to);
}
