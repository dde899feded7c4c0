/**
 * Per-merchant period sums kept in SQLite (merchant_period_sums), so a board never scans the 12M
 * metric rows. Triggers on merchant_metrics (created here with the first kept period) add and take away each synced row's
 * values in the same transaction as the row: a restatement, a delete, a 410 sweep or a rolled-back
 * page can never leave the sums out of step. This module does the two things a trigger cannot:
 * build a period's sums the first time (merchant range by range, so other calls run between the
 * chunks), and move the windows when a newer day arrives (only the rows of the days that change
 * window are read, through the (date, merchant_id) index).
 *
 * Windows of a period of N days ending at day A: window w holds the rows whose day d satisfies
 * w = ⌊(A − d) / N⌋ for 0 ≤ A − d < 3N (0 = current, 1 = previous, 2 = the one before it).
 */
import type Database from 'better-sqlite3';
import { addDays, EMPTY_SUMS, type PeriodSums } from './engine';

/** round(rating_avg × 10⁶): integer sums, so adding and taking a row away is exact. */
export const RATING_SCALE = 1_000_000;

/**
 * The sums, as SQL over a merchant_metrics row: `$` stands for the row's prefix (nothing in a
 * query, `NEW.` or `OLD.` in a trigger), so the triggers and the recomputation share one text.
 */
export const SUM_COLUMNS = [
  ['gmvFen', 'gmv_fen', '$gmv_fen'],
  ['orders', 'orders', '$orders'],
  ['buyers', 'buyers', '$buyers'],
  ['repeatBuyers', 'repeat_buyers', '$repeat_buyers'],
  ['refundOrders', 'refund_orders', '$refund_orders'],
  ['ratingTimesOrders', 'rating_micro_times_orders', `CASE WHEN $rating_avg IS NOT NULL THEN CAST(round($rating_avg * ${RATING_SCALE}) AS INTEGER) * $orders ELSE 0 END`],
  ['ratedOrders', 'rated_orders', 'CASE WHEN $rating_avg IS NOT NULL THEN $orders ELSE 0 END'],
  ['skuCount', 'sku_count', '$sku_count'],
  ['activeSkuCount', 'active_sku_count', '$active_sku_count'],
  ['disputeCount', 'dispute_count', '$dispute_count'],
] as const satisfies readonly (readonly [keyof PeriodSums, string, string])[];

/** A SUM_COLUMNS expression over the row `prefix` ('' in a query, 'NEW.' / 'OLD.' in a trigger). */
export function rowExpr(template: string, prefix = ''): string {
  return template.replaceAll('$', prefix);
}

/** PeriodSums from a row of raw sums in SUM_COLUMNS order starting at `o` (hot: 400k rows per read). */
export function sumsFrom(row: readonly unknown[], o: number): PeriodSums {
  return {
    gmvFen: Number(row[o] ?? 0),
    orders: Number(row[o + 1] ?? 0),
    buyers: Number(row[o + 2] ?? 0),
    repeatBuyers: Number(row[o + 3] ?? 0),
    refundOrders: Number(row[o + 4] ?? 0),
    ratingTimesOrders: Number(row[o + 5] ?? 0) / RATING_SCALE,
    ratedOrders: Number(row[o + 6] ?? 0),
    skuCount: Number(row[o + 7] ?? 0),
    activeSkuCount: Number(row[o + 8] ?? 0),
    disputeCount: Number(row[o + 9] ?? 0),
  };
}

/** How many periods are kept at once: each one costs the sync a little per metric row. */
export const MAX_KEPT_PERIODS = 4;

export interface WindowState {
  periodDays: number;
  asOf: string;
  ready: boolean;
}

/** A window without rows is the shared, frozen EMPTY_SUMS: read, never written. */
export interface KeptSums {
  current: Readonly<PeriodSums>;
  previous: Readonly<PeriodSums>;
  beforePrevious: Readonly<PeriodSums>;
}

const SUM_TARGETS = SUM_COLUMNS.map(([, column]) => column);
const INSERT_COLUMNS = `period_days, merchant_id, win, days, ${SUM_TARGETS.join(', ')}`;
const ADD_ON_CONFLICT = `ON CONFLICT (period_days, merchant_id, win) DO UPDATE SET days = days + excluded.days, ${SUM_TARGETS.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;

const TRIGGERS = ['insert', 'delete', 'update'] as const;

/** Adds (sign 1) or takes away (sign −1) one metric row's values in every kept window it falls in. */
function applyRowSql(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const values = SUM_COLUMNS.map(([, , expr]) => (sign < 0 ? `-(${rowExpr(expr, `${row}.`)})` : rowExpr(expr, `${row}.`)));
  return `INSERT INTO merchant_period_sums (${INSERT_COLUMNS})
    SELECT w.period_days, ${row}.merchant_id, (w.as_of_day - d.day) / w.period_days, ${sign}, ${values.join(', ')}
      FROM merchant_period_windows w, (SELECT CAST(julianday(${row}.date) AS INTEGER) AS day) d
     WHERE d.day <= w.as_of_day AND d.day > w.as_of_day - 3 * w.period_days
    ${ADD_ON_CONFLICT};`;
}

/**
 * The triggers exist only while a period is kept: a trigger with nothing to do still costs the
 * sync about a fifth of its insert speed (measured on a 2M-row bootstrap), so a cockpit whose
 * board never asked for a period pays nothing.
 */
export function triggerStatements(): string[] {
  const body: Record<(typeof TRIGGERS)[number], string> = {
    insert: applyRowSql('NEW', 1),
    delete: applyRowSql('OLD', -1),
    update: `${applyRowSql('OLD', -1)}\n${applyRowSql('NEW', 1)}`,
  };
  return TRIGGERS.map((event) => `CREATE TRIGGER IF NOT EXISTS merchant_metrics_sums_after_${event} AFTER ${event.toUpperCase()} ON merchant_metrics BEGIN\n${body[event]}\nEND`);
}

/**
 * The merchant_metrics rows of the days after @after through @through, as a FROM clause: the days
 * are listed and each is one seek of the (date, merchant_id) index, so a condition on merchant_id
 * (a chunk's range, one merchant) reads that merchant range of each day and nothing else. A plain
 * date range would read every merchant's rows of the window for each chunk.
 */
export function metricsOfDays(): string {
  return `(WITH RECURSIVE d(day) AS (SELECT date(@after, '+1 day') UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < @through)
            SELECT day FROM d WHERE day <= @through) AS days
          CROSS JOIN merchant_metrics ON merchant_metrics.date = days.day`;
}

/** Merchant ids that start each chunk of `size` merchants (the first chunk starts below them all). */
export function merchantChunkBounds(sqlite: Database.Database, size: number): string[] {
  return sqlite
    .prepare(`SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS k FROM merchants) WHERE (k - 1) % ? = 0 AND k > 1`)
    .pluck()
    .all(size) as string[];
}

export function merchantRangeSql(lo: string | null, hi: string | null): { sql: string; bind: Record<string, string> } {
  const parts = [lo === null ? null : 'merchant_id >= @lo', hi === null ? null : 'merchant_id < @hi'].filter(Boolean);
  return { sql: parts.join(' AND '), bind: { ...(lo === null ? {} : { lo }), ...(hi === null ? {} : { hi }) } };
}

export class MerchantPeriodSums {
  private tablesExist = false;

  constructor(private readonly sqlite: Database.Database) {}

  /** The tables exist (a migrated database) and can be written (not the CLI's read-only copy). */
  canKeep(): boolean {
    return !this.sqlite.readonly && this.exists();
  }

  /** Asked on every read and sync page: once the tables are there they stay (migrations never drop them). */
  exists(): boolean {
    this.tablesExist ||= this.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'merchant_period_windows'").get() !== undefined;
    return this.tablesExist;
  }

  state(periodDays: number): WindowState | undefined {
    if (!this.exists()) return undefined;
    const row = this.sqlite.prepare('SELECT as_of AS asOf, ready FROM merchant_period_windows WHERE period_days = ?').get(periodDays) as
      | { asOf: string; ready: number }
      | undefined;
    return row ? { periodDays, asOf: row.asOf, ready: row.ready === 1 } : undefined;
  }

  /** Sums kept for the N days ending at asOf, ready to read. */
  isCurrent(periodDays: number, asOf: string): boolean {
    const state = this.state(periodDays);
    return state !== undefined && state.ready && state.asOf === asOf;
  }

  /**
   * Brings the period's sums to the as-of date: moves the windows when they are ready and less than
   * N days behind, otherwise (re)builds them one merchant chunk per step. Yields between steps.
   */
  *bringUpToDate(periodDays: number, asOf: string, chunkMerchants: number, now: string): Generator<void, void> {
    const state = this.state(periodDays);
    if (state?.ready && state.asOf === asOf) return;
    if (state?.ready && Math.abs(dayNumber(asOf) - dayNumber(state.asOf)) < periodDays) {
      this.sqlite.transaction(() => this.shift(periodDays, state.asOf, asOf)).immediate();
      return this.touch(periodDays, now);
    }
    yield* this.build(periodDays, asOf, chunkMerchants, now);
  }

  /** Every merchant with a metric row in the windows (the rest have all zeros). */
  read(periodDays: number): Map<string, KeptSums> {
    const byMerchant = new Map<string, KeptSums>();
    this.readRange(periodDays, merchantRangeSql(null, null), byMerchant);
    return byMerchant;
  }

  /**
   * As read(), one merchant range at a time, yielding between ranges: 600k rows of sums take
   * seconds to read, and the thread answers calls between the ranges. A merchant's windows are
   * read together, so each merchant's sums are of one moment.
   */
  *readInChunks(periodDays: number, chunkMerchants: number): Generator<void, Map<string, KeptSums>> {
    const byMerchant = new Map<string, KeptSums>();
    const bounds = merchantChunkBounds(this.sqlite, chunkMerchants);
    for (let c = 0; c <= bounds.length; c++) {
      this.readRange(periodDays, merchantRangeSql(c === 0 ? null : (bounds[c - 1] as string), c === bounds.length ? null : (bounds[c] as string)), byMerchant);
      if (c < bounds.length) yield;
    }
    return byMerchant;
  }

  private readRange(periodDays: number, range: { sql: string; bind: Record<string, string> }, into: Map<string, KeptSums>): void {
    const rows = this.sqlite
      .prepare(`SELECT merchant_id, win, ${SUM_TARGETS.join(', ')} FROM merchant_period_sums WHERE period_days = @n AND days > 0${range.sql ? ` AND ${range.sql}` : ''}`)
      .raw()
      .all({ n: periodDays, ...range.bind }) as unknown[][];
    for (const row of rows) {
      const id = String(row[0]);
      let kept = into.get(id);
      if (!kept) {
        kept = { current: EMPTY_SUMS, previous: EMPTY_SUMS, beforePrevious: EMPTY_SUMS };
        into.set(id, kept);
      }
      const sums = sumsFrom(row, 2);
      if (row[1] === 0) kept.current = sums;
      else if (row[1] === 1) kept.previous = sums;
      else kept.beforePrevious = sums;
    }
  }

  /** Stops keeping a period (its sums are deleted; the triggers skip it from now on). */
  forget(periodDays: number): void {
    this.sqlite
      .transaction(() => {
        this.sqlite.prepare('DELETE FROM merchant_period_windows WHERE period_days = ?').run(periodDays);
        this.sqlite.prepare('DELETE FROM merchant_period_sums WHERE period_days = ?').run(periodDays);
        const left = this.sqlite.prepare('SELECT count(*) FROM merchant_period_windows').pluck().get() as number;
        if (left === 0) for (const event of TRIGGERS) this.sqlite.exec(`DROP TRIGGER IF EXISTS merchant_metrics_sums_after_${event}`);
      })
      .immediate();
  }

  /** Keeps no period at all any more (and so no triggers): what a fresh database is like. */
  forgetAll(): void {
    const kept = this.sqlite.prepare('SELECT period_days FROM merchant_period_windows').pluck().all() as number[];
    for (const periodDays of kept) this.forget(periodDays);
    for (const event of TRIGGERS) this.sqlite.exec(`DROP TRIGGER IF EXISTS merchant_metrics_sums_after_${event}`);
  }

  private touch(periodDays: number, now: string): void {
    this.sqlite.prepare('UPDATE merchant_period_windows SET used_at = ? WHERE period_days = ?').run(now, periodDays);
  }

  /**
   * Registers the windows first (the triggers keep every merchant's sums from then on), then
   * recomputes the merchants chunk by chunk: a chunk's sums are replaced in one transaction with
   * what its rows say at that moment, and the triggers carry them on after it.
   */
  private *build(periodDays: number, asOf: string, chunkMerchants: number, now: string): Generator<void, void> {
    this.sqlite
      .transaction(() => {
        for (const statement of triggerStatements()) this.sqlite.exec(statement);
        this.makeRoom(periodDays);
        this.sqlite
          .prepare(
            `INSERT INTO merchant_period_windows (period_days, as_of, as_of_day, ready, used_at) VALUES (?, ?, CAST(julianday(?) AS INTEGER), 0, ?)
             ON CONFLICT (period_days) DO UPDATE SET as_of = excluded.as_of, as_of_day = excluded.as_of_day, ready = 0, used_at = excluded.used_at`,
          )
          .run(periodDays, asOf, asOf, now);
      })
      .immediate();
    const bounds = merchantChunkBounds(this.sqlite, chunkMerchants);
    for (let c = 0; c <= bounds.length; c++) {
      const range = merchantRangeSql(c === 0 ? null : (bounds[c - 1] as string), c === bounds.length ? null : (bounds[c] as string));
      this.sqlite.transaction(() => this.rebuildChunk(periodDays, asOf, range)).immediate();
      if (c < bounds.length) yield;
    }
    this.sqlite.prepare('UPDATE merchant_period_windows SET ready = 1 WHERE period_days = ? AND as_of = ?').run(periodDays, asOf);
  }

  private makeRoom(periodDays: number): void {
    const others = this.sqlite
      .prepare('SELECT period_days FROM merchant_period_windows WHERE period_days <> ? ORDER BY used_at DESC')
      .pluck()
      .all(periodDays) as number[];
    for (const stale of others.slice(MAX_KEPT_PERIODS - 1)) {
      this.sqlite.prepare('DELETE FROM merchant_period_windows WHERE period_days = ?').run(stale);
      this.sqlite.prepare('DELETE FROM merchant_period_sums WHERE period_days = ?').run(stale);
    }
  }

  private rebuildChunk(periodDays: number, asOf: string, range: { sql: string; bind: Record<string, string> }): void {
    const where = range.sql ? ` AND ${range.sql}` : '';
    this.sqlite.prepare(`DELETE FROM merchant_period_sums WHERE period_days = @n${where}`).run({ n: periodDays, ...range.bind });
    const insert = this.sqlite.prepare(
      `INSERT INTO merchant_period_sums (${INSERT_COLUMNS})
       SELECT @n, merchant_id, @win, count(*), ${SUM_COLUMNS.map(([, , expr]) => `sum(${rowExpr(expr)})`).join(', ')}
         FROM ${metricsOfDays()}
        WHERE true${where}
        GROUP BY merchant_id`,
    );
    for (let win = 0; win < 3; win++) {
      insert.run({ n: periodDays, win, after: addDays(asOf, -(win + 1) * periodDays), through: addDays(asOf, -win * periodDays), ...range.bind });
    }
  }

  /**
   * Moves the windows from one as-of date to another less than N days away. Only the days within
   * |to − from| of each window edge change window: their rows are taken from the old window and
   * added to the new one (read through the date index), then the windows' as-of date moves.
   */
  private shift(periodDays: number, from: string, to: string): void {
    const [lo, hi] = from < to ? [from, to] : [to, from];
    const move = this.sqlite.prepare(
      // Bound JS numbers are REALs in SQLite: cast them, or (from − day) / n would not be whole.
      `WITH p AS (SELECT CAST(@n AS INTEGER) AS n, CAST(@fromDay AS INTEGER) AS from_day, CAST(@toDay AS INTEGER) AS to_day),
       changed AS (
         SELECT merchant_id, ${SUM_COLUMNS.map(([, column, expr]) => `${rowExpr(expr)} AS ${column}`).join(', ')},
                CASE WHEN day <= p.from_day AND day > p.from_day - 3 * p.n THEN (p.from_day - day) / p.n END AS old_win,
                CASE WHEN day <= p.to_day AND day > p.to_day - 3 * p.n THEN (p.to_day - day) / p.n END AS new_win
           FROM (SELECT *, CAST(julianday(date) AS INTEGER) AS day FROM merchant_metrics WHERE date > @after AND date <= @through), p
       ),
       moves AS (
         SELECT merchant_id, old_win AS win, -1 AS sign, ${SUM_TARGETS.join(', ')} FROM changed WHERE old_win IS NOT NULL AND old_win IS NOT new_win
         UNION ALL
         SELECT merchant_id, new_win AS win, 1 AS sign, ${SUM_TARGETS.join(', ')} FROM changed WHERE new_win IS NOT NULL AND new_win IS NOT old_win
       )
       INSERT INTO merchant_period_sums (${INSERT_COLUMNS})
       SELECT @n, merchant_id, win, sum(sign), ${SUM_TARGETS.map((c) => `sum(sign * ${c})`).join(', ')}
         FROM moves WHERE true GROUP BY merchant_id, win
       ${ADD_ON_CONFLICT}`,
    );
    const bind = { n: periodDays, fromDay: dayNumber(from), toDay: dayNumber(to) };
    for (let edge = 0; edge <= 3; edge++) {
      move.run({ ...bind, after: addDays(lo, -edge * periodDays), through: addDays(hi, -edge * periodDays) });
    }
    this.sqlite
      .prepare('UPDATE merchant_period_windows SET as_of = ?, as_of_day = CAST(julianday(?) AS INTEGER) WHERE period_days = ?')
      .run(to, to, periodDays);
  }
}

/** SQLite's CAST(julianday(date) AS INTEGER) for a YYYY-MM-DD date: whole days, comparable. */
export function dayNumber(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${date}`);
  return Math.floor(ms / 86_400_000 + 2440587.5);
}
