/**
 * The alerts as one flat line each, for `cockpit opinion alerts` and scripts: what the operator's
 * queue holds, and whether each alert is still only local (opened here, not yet known to the platform).
 */
import type Database from 'better-sqlite3';

/** One alert line; keys in this order (the CLI's JSONL contract). */
export interface AlertLine {
  id: string;
  status: string;
  severity: string;
  subject_type: string;
  subject_id: string | null;
  topic: string | null;
  opened_at: string;
  sla_due_at: string | null;
  mention_count: number;
  local: boolean;
}

/**
 * SQL over `alerts a`: 1 while the alert is only local, that is while the platform has never
 * answered for it: its row still carries the version 0 the optimistic `alert.open` effect writes (platform versions start at 1), no
 * `alert.open` for it has been answered `applied`/`duplicate` (state `done`), and no server copy
 * is waiting in the shadow table (a pull that brought the same id from another cockpit while our
 * commands were unacknowledged).
 */
export const ALERT_IS_LOCAL_SQL = `(a.version = 0
      AND NOT EXISTS (SELECT 1 FROM outbox_commands o
                      WHERE o.resource = 'alerts' AND o.entity_id = a.id AND o.type = 'alert.open' AND o.state = 'done')
      AND NOT EXISTS (SELECT 1 FROM sync_shadow_records s
                      WHERE s.resource = 'alerts' AND s.entity_key = a.id AND s.version > 0 AND s.record IS NOT NULL))`;

const ALERT_LINES_SQL = `
  SELECT a.id, a.status, a.severity, a.subject_type, a.subject_id, a.topic, a.opened_at, a.sla_due_at, a.mention_count,
    ${ALERT_IS_LOCAL_SQL} AS local
  FROM alerts a
  ORDER BY a.id`;

interface AlertLineRow extends Omit<AlertLine, 'local'> {
  local: number;
}

/** Every alert, sorted by id (byte order), streamed: the queue can be long. */
export function* alertLines(sqlite: Database.Database): Generator<AlertLine> {
  for (const row of sqlite.prepare(ALERT_LINES_SQL).iterate() as IterableIterator<AlertLineRow>) {
    yield {
      id: row.id,
      status: row.status,
      severity: row.severity,
      subject_type: row.subject_type,
      subject_id: row.subject_id,
      topic: row.topic,
      opened_at: row.opened_at,
      sla_due_at: row.sla_due_at,
      mention_count: row.mention_count,
      local: row.local === 1,
    };
  }
}
