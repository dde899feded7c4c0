/**
 * The engine's own small reads and writes of its bookkeeping tables, `sync_cursors` and
 * `quarantined_records` (the record store writes them with the pages; these are the rest).
 * Stateless: every function takes the database it works on.
 */
import type Database from 'better-sqlite3';
import type { QuarantinedRecord } from '../api-types';

export interface CursorRow {
  resource: string;
  cursor: string | null;
  bootstrap_started_at: string | null;
  caught_up_at: string | null;
}

/** Malformed records kept aside so far, per resource. */
export function loadMalformedCounts(sqlite: Database.Database): Map<string, number> {
  const rows = sqlite.prepare('SELECT resource, count(*) AS n FROM quarantined_records GROUP BY resource').all() as { resource: string; n: number }[];
  return new Map(rows.map((r) => [r.resource, r.n]));
}

export function countQuarantined(sqlite: Database.Database, resource: string): number {
  return Number(sqlite.prepare('SELECT count(*) FROM quarantined_records WHERE resource = ?').pluck().get(resource));
}

export function loadCursorRows(sqlite: Database.Database): Map<string, CursorRow> {
  const rows = sqlite.prepare('SELECT resource, cursor, bootstrap_started_at, caught_up_at FROM sync_cursors').all() as CursorRow[];
  return new Map(rows.map((r) => [r.resource, r]));
}

export function readCursor(sqlite: Database.Database, resource: string): CursorRow | undefined {
  return sqlite.prepare('SELECT resource, cursor, bootstrap_started_at, caught_up_at FROM sync_cursors WHERE resource = ?').get(resource) as
    | CursorRow
    | undefined;
}

export function saveResourceError(sqlite: Database.Database, resource: string, message: string): void {
  sqlite
    .prepare(
      `INSERT INTO sync_cursors (resource, last_error) VALUES (?, ?) ON CONFLICT (resource) DO UPDATE SET last_error = excluded.last_error`,
    )
    .run(resource, message);
}

/** Newest first, optionally of one resource. */
export function listQuarantine(sqlite: Database.Database, resource: string | undefined, limit: number): QuarantinedRecord[] {
  const rows = sqlite
    .prepare(
      `SELECT resource, record_id AS recordId, version, reason, raw, received_at AS receivedAt FROM quarantined_records
       ${resource ? 'WHERE resource = ?' : ''} ORDER BY received_at DESC LIMIT ?`,
    )
    .all(...(resource ? [resource, limit] : [limit])) as QuarantinedRecord[];
  return rows;
}
