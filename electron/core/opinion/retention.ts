/**
 * Retention of mentions: the synced `mentions` feed grows without end, so mentions published
 * before a window (default 90 Asia/Shanghai days) are deleted locally, in the background, in slices
 * of at most `DEFAULT_RETENTION_SLICE` mentions per IMMEDIATE transaction (the sync thread's writes
 * and the calls on this thread take turns between slices).
 *
 * Kept whatever their age: every mention an alert cites as a sample (`alerts.mention_ids`), and
 * mentions with a local change the platform has not confirmed yet (a relabel in the outbox). With
 * a pruned mention goes its local score (`mention_scores`); operators' labels (`mention_labels`)
 * stay for good, they are learning data. The newest mention by rowid is never pruned: SQLite hands
 * out rowids from the largest one, and the scoring pass walks mentions by rowid from a cursor, so
 * deleting the largest could give a mention that arrives later a rowid behind the cursor.
 *
 * A pass walks the published_at index from the oldest mention up to the cut-off with a keyset
 * cursor (published_at, rowid): each slice looks at the next `sliceSize` old mentions, so the
 * mentions it keeps are looked at once per pass, not once per slice. The window, the last pass and
 * the total are kept in `settings` (`opinion.retention`), the total updated in each slice's
 * transaction. Deleting rows does not shrink the file: SQLite keeps the freed pages inside it
 * (freelist) and reuses them for new data, which is what the status reports.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { RETENTION_DEFAULT_DAYS, retentionPassSchema, retentionWindowSchema, type RetentionPass, type RetentionStatus } from '../api/opinion';
import { shanghaiDay, shanghaiTimestamp } from '../time';

export const RETENTION_KEY = 'opinion.retention';
export const DEFAULT_RETENTION_SLICE = 2_000;
/** The index a pass walks; a first download of the mentions builds it only at its end (deferred-indexes.ts). */
export const PUBLISHED_INDEX = 'mentions_by_published';
const DAY_MS = 86_400_000;

/**
 * The instant before which mentions are pruned: the start (00:00 Asia/Shanghai) of the day
 * `windowDays` days before the Shanghai day of `nowMs`. A 90-day window on 2026-11-11 keeps
 * everything published from 2026-08-13T00:00:00+08:00 on: the 90 whole days before today, and today.
 */
export function retentionCutoff(nowMs: number, windowDays: number): string {
  return `${shanghaiDay(nowMs - windowDays * DAY_MS)}T00:00:00+08:00`;
}

/** Whether a mention published at `publishedAt` (the platform's RFC 3339, +08:00) is older than the cut-off. */
export function isPastRetention(publishedAt: string, cutoff: string): boolean {
  return publishedAt < cutoff;
}

const storedSchema = z.object({
  windowDays: retentionWindowSchema.catch(RETENTION_DEFAULT_DAYS),
  totalPrunedRows: z.number().int().nonnegative().catch(0),
  lastPass: retentionPassSchema.nullable().catch(null),
});

export type RetentionState = z.infer<typeof storedSchema>;

const INITIAL: RetentionState = { windowDays: RETENTION_DEFAULT_DAYS, totalPrunedRows: 0, lastPass: null };

export interface SliceResult {
  /** Old mentions looked at. */
  examined: number;
  /** Deleted. */
  rows: number;
  keptForAlerts: number;
  keptPending: number;
  ms: number;
}

interface Candidate {
  rid: number;
  publishedAt: string;
  cited: 0 | 1;
  pending: 0 | 1;
}

/**
 * The next old mentions after the keyset cursor (published_at, rowid), on the published_at index
 * (the rowid tie-break only filters equal timestamps). `cited`: in an alert's samples, one list built
 * once per statement (json_each over alerts.mention_ids); `pending`: a local change the platform
 * has not confirmed (outbox_by_entity). EXPLAIN QUERY PLAN: SEARCH m USING INDEX
 * mentions_by_published (published_at>? AND published_at<?), LIST SUBQUERY over alerts, SEARCH o
 * USING COVERING INDEX outbox_by_entity (retention.test.ts checks it).
 */
export const RETENTION_CANDIDATES_SQL = `SELECT m.rowid AS rid, m.published_at AS publishedAt,
    m.id IN (SELECT j.value FROM alerts AS a, json_each(CASE WHEN json_valid(a.mention_ids) THEN a.mention_ids ELSE '[]' END) AS j
             WHERE j.type = 'text') AS cited,
    EXISTS (SELECT 1 FROM outbox_commands AS o
            WHERE o.resource = 'mentions' AND o.entity_id = m.id AND o.state IN ('pending', 'sent', 'conflict')) AS pending
  FROM mentions AS m
  WHERE m.published_at < @cutoff AND m.published_at >= @afterAt AND (m.published_at > @afterAt OR m.rowid > @afterRowid)
  ORDER BY m.published_at, m.rowid
  LIMIT @limit`;

/** Statements shared by every pass of one connection. */
function prepare(sqlite: Database.Database) {
  return {
    read: sqlite.prepare(`SELECT value FROM settings WHERE key = ?`).pluck(),
    write: sqlite.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ),
    hasIndex: sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ? AND tbl_name = 'mentions'`).pluck(),
    maxRowid: sqlite.prepare(`SELECT max(rowid) FROM mentions`).pluck(),
    candidates: sqlite.prepare(RETENTION_CANDIDATES_SQL),
    deleteScores: sqlite.prepare(
      `DELETE FROM mention_scores WHERE mention_id IN (SELECT m.id FROM mentions AS m WHERE m.rowid IN (SELECT value FROM json_each(?)))`,
    ),
    deleteMentions: sqlite.prepare(`DELETE FROM mentions WHERE rowid IN (SELECT value FROM json_each(?))`),
  };
}

type Statements = ReturnType<typeof prepare>;

function pageBytes(sqlite: Database.Database): { databaseBytes: number; freeBytes: number } {
  const pageSize = Number(sqlite.pragma('page_size', { simple: true }));
  return {
    databaseBytes: Number(sqlite.pragma('page_count', { simple: true })) * pageSize,
    freeBytes: Number(sqlite.pragma('freelist_count', { simple: true })) * pageSize,
  };
}

/**
 * One pass: `slice()` until `done`, then `finish()` records it. Each slice is one IMMEDIATE
 * transaction; between slices the caller lets the event loop run (the background does).
 */
export class RetentionPassRun {
  done = false;
  rows = 0;
  slices = 0;
  keptForAlerts = 0;
  keptPending = 0;
  longestSliceMs = 0;
  readonly cutoff: string;
  private afterAt = '';
  private afterRowid = -1;
  private readonly startedMs = performance.now();
  private readonly freeBytesBefore: number;

  constructor(
    private readonly retention: MentionRetention,
    private readonly stmts: Statements,
    readonly windowDays: number,
    nowMs: number,
    private readonly sliceSize: number,
  ) {
    this.cutoff = retentionCutoff(nowMs, windowDays);
    this.freeBytesBefore = pageBytes(retention.sqlite).freeBytes;
  }

  /** Looks at the next `sliceSize` old mentions and deletes those nothing keeps, in one transaction. */
  slice(): SliceResult {
    if (this.done) return { examined: 0, rows: 0, keptForAlerts: 0, keptPending: 0, ms: 0 };
    const started = performance.now();
    const result = this.retention.sqlite
      .transaction(() => {
        const candidates = this.stmts.candidates.all({
          cutoff: this.cutoff, afterAt: this.afterAt, afterRowid: this.afterRowid, limit: this.sliceSize,
        }) as Candidate[];
        const newest = this.stmts.maxRowid.get() as number | null;
        const doomed: number[] = [];
        let keptForAlerts = 0;
        let keptPending = 0;
        for (const c of candidates) {
          if (c.cited) keptForAlerts++;
          else if (c.pending) keptPending++;
          else if (c.rid !== newest) doomed.push(c.rid);
        }
        if (doomed.length > 0) {
          const ids = JSON.stringify(doomed);
          this.stmts.deleteScores.run(ids);
          this.stmts.deleteMentions.run(ids);
          this.retention.addPruned(doomed.length);
        }
        const last = candidates.at(-1);
        if (last) {
          this.afterAt = last.publishedAt;
          this.afterRowid = last.rid;
        }
        return { examined: candidates.length, rows: doomed.length, keptForAlerts, keptPending };
      })
      .immediate();
    const ms = performance.now() - started;
    this.slices++;
    this.rows += result.rows;
    this.keptForAlerts += result.keptForAlerts;
    this.keptPending += result.keptPending;
    this.longestSliceMs = Math.max(this.longestSliceMs, ms);
    if (result.examined < this.sliceSize) this.done = true;
    return { ...result, ms };
  }

  /** Records the pass as the last one (with the free space it left) and returns it. */
  finish(nowMs: number): RetentionPass {
    const { freeBytes } = pageBytes(this.retention.sqlite);
    const pass: RetentionPass = {
      at: shanghaiTimestamp(nowMs),
      windowDays: this.windowDays,
      cutoff: this.cutoff,
      rows: this.rows,
      slices: this.slices,
      keptForAlerts: this.keptForAlerts,
      keptPending: this.keptPending,
      durationMs: Math.round(performance.now() - this.startedMs),
      longestSliceMs: Math.round(this.longestSliceMs * 10) / 10,
      freedBytes: Math.max(0, freeBytes - this.freeBytesBefore),
    };
    this.retention.recordPass(pass);
    return pass;
  }
}

/** The retention of one connection: its window, its passes, its status. */
export class MentionRetention {
  /** Set by the background while a pass is going on. */
  running = false;
  /** Set when the window changed: the background runs a pass at its next tick. */
  passRequested = false;
  private readonly stmts: Statements;

  constructor(
    readonly sqlite: Database.Database,
    private readonly sliceSize = DEFAULT_RETENTION_SLICE,
  ) {
    this.stmts = prepare(sqlite);
  }

  state(): RetentionState {
    const raw = this.stmts.read.get(RETENTION_KEY) as string | undefined;
    if (raw === undefined) return INITIAL;
    try {
      const parsed = storedSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : INITIAL;
    } catch {
      return INITIAL; // a damaged value must not stop pruning: the default window, counts from 0
    }
  }

  /** Sets the window (validated by the contract; checked again here) and asks for a pass. */
  setWindow(windowDays: number, nowMs = Date.now()): RetentionStatus {
    const days = retentionWindowSchema.parse(windowDays);
    this.sqlite.transaction(() => this.save({ ...this.state(), windowDays: days }, nowMs)).immediate();
    this.passRequested = true;
    return this.status(nowMs);
  }

  /** Whether a pass can walk the published_at index (missing during the mentions' first download). */
  indexReady(): boolean {
    return this.stmts.hasIndex.get(PUBLISHED_INDEX) !== undefined;
  }

  status(nowMs = Date.now()): RetentionStatus {
    const state = this.state();
    return {
      windowDays: state.windowDays,
      cutoff: retentionCutoff(nowMs, state.windowDays),
      ...pageBytes(this.sqlite),
      running: this.running,
      waitingForIndex: !this.indexReady(),
      lastPass: state.lastPass,
      totalPrunedRows: state.totalPrunedRows,
    };
  }

  /** A new pass at `nowMs` with the current window; null while the published_at index is missing. */
  beginPass(nowMs = Date.now()): RetentionPassRun | null {
    if (!this.indexReady()) return null;
    return new RetentionPassRun(this, this.stmts, this.state().windowDays, nowMs, this.sliceSize);
  }

  /** A whole pass at once (tests, the CLI): slices back to back. */
  pruneAll(nowMs = Date.now()): RetentionPass | null {
    const pass = this.beginPass(nowMs);
    if (!pass) return null;
    while (!pass.done) pass.slice();
    return pass.finish(nowMs);
  }

  /** Inside a slice's transaction: the running total moves with the deletes. */
  addPruned(rows: number): void {
    const state = this.state();
    this.save({ ...state, totalPrunedRows: state.totalPrunedRows + rows }, Date.now());
  }

  recordPass(pass: RetentionPass): void {
    this.sqlite.transaction(() => this.save({ ...this.state(), lastPass: pass }, Date.now())).immediate();
  }

  private save(state: RetentionState, nowMs: number): void {
    this.stmts.write.run(RETENTION_KEY, JSON.stringify(state), shanghaiTimestamp(nowMs));
  }
}

const retentions = new WeakMap<object, MentionRetention>();

/** The one retention of an open database, shared by the handlers and the background loop. */
export function retentionFor(opened: { sqlite: Database.Database }): MentionRetention {
  let retention = retentions.get(opened);
  if (!retention) {
    retention = new MentionRetention(opened.sqlite);
    retentions.set(opened, retention);
  }
  return retention;
}
