/**
 * The north-star figures from the synced kpi_points table, aggregated in SQL, and the targets
 * kept locally in the settings table.
 */
import type Database from 'better-sqlite3';
import type { OpenedDatabase } from '../../../db/open';
import {
  KPI_METRICS,
  METRIC_AGGREGATION,
  PLATFORM_SCOPE,
  kpiTargetSchema,
  type KpiMetric,
  type KpiTarget,
  type NorthStar,
  type NorthStarScope,
} from '../api/overview';
import {
  compare,
  comparisonWindows,
  dayFigure,
  placeSparkline,
  type ComparisonWindows,
  type MetricAggregate,
} from './engine';
import { shanghaiDay, shanghaiTimestamp } from '../time';

const TARGETS_KEY = 'overview.targets';
const MINUTE_MS = 60_000;
const EARLIEST_OFFSET_SHIFT_MS = 20 * 3_600_000;
const LATEST_OFFSET_SHIFT_MS = 6 * 3_600_000;
const SUMMED_METRICS = KPI_METRICS.filter((m) => METRIC_AGGREGATION[m] === 'sum');
const METRIC_LIST = KPI_METRICS.map((m) => `'${m}'`).join(', ');
const SUMMED_LIST = SUMMED_METRICS.map((m) => `'${m}'`).join(', ');

/**
 * ts is RFC 3339 with any offset: exact comparisons go through unixepoch(ts). The index
 * (metric, scope, ts) is first narrowed by the text of ts: an instant written with an offset
 * between −12:00 and +14:00 reads 20 h earlier to 6 h later than in +08:00, so that margin around
 * the windows finds every point while reading only the days around them.
 */
const AGGREGATES_SQL = `
  SELECT CASE WHEN unixepoch(p.ts) >= @currentFrom THEN 'current' ELSE 'previous' END AS period,
         p.metric AS metric,
         COUNT(*) AS points,
         SUM(p.value) AS total,
         AVG(p.value) AS mean,
         SUM(p.value * o.value) AS orderWeightedTotal,
         SUM(o.value) AS orderWeight,
         SUM(CASE WHEN p.value > 0 THEN o.value END) AS visitorNumerator,
         SUM(CASE WHEN p.value > 0 THEN o.value / p.value END) AS visitorDenominator
  FROM kpi_points p
  LEFT JOIN kpi_points o ON o.metric = 'orders' AND o.scope = p.scope AND o.ts = p.ts
  WHERE p.metric IN (${METRIC_LIST}) AND p.scope = @scope AND p.ts >= @textFrom AND p.ts <= @textTo
    AND (unixepoch(p.ts) BETWEEN @currentFrom AND @currentTo OR unixepoch(p.ts) BETWEEN @previousFrom AND @previousTo)
  GROUP BY period, p.metric`;

/** Today's points per minute; duplicates of one minute (a misbehaving server) add up or average. */
const SPARKLINE_SQL = `
  SELECT metric, (unixepoch(ts) - @currentFrom) / 60 AS minute,
         CASE WHEN metric IN (${SUMMED_LIST}) THEN SUM(value) ELSE AVG(value) END AS value
  FROM kpi_points
  WHERE metric IN (${METRIC_LIST}) AND scope = @scope AND ts >= @textFrom AND ts <= @textTo
    AND unixepoch(ts) BETWEEN @currentFrom AND @currentTo
  GROUP BY metric, minute`;

interface AggregateRow extends MetricAggregate {
  period: 'current' | 'previous';
  metric: string;
}

/** A scope with kpi_points: its category name (null for the platform or one not synced) and its first point. */
export interface ScopeInfo {
  scope: string;
  name: string | null;
  oldestMs: number;
}

/** An interval of instants, both ends included (epoch ms). */
export interface Window {
  from: number;
  to: number;
}

/** One figure over two windows (a day so far and yesterday, or a fortnight and the one before). */
export interface WindowFigure {
  metric: KpiMetric;
  current: number | null;
  previous: number | null;
  delta: number | null;
  changeRatio: number | null;
}

export class OverviewService {
  private readonly nextSeries: Database.Statement;
  private readonly newestOfSeries: Database.Statement;
  private readonly oldestOfSeries: Database.Statement;
  private readonly aggregates: Database.Statement;
  private readonly sparkline: Database.Statement;
  private readonly categoryName: Database.Statement;
  private readonly cursorOf: Database.Statement;
  private readonly maxRowid: Database.Statement;
  private cached: { stamp: string; value: NorthStar } | null = null;

  /** Needs only the SQLite handle: the CLI hands in a read-only one. */
  constructor(private readonly opened: Pick<OpenedDatabase, 'sqlite'>) {
    const sqlite = opened.sqlite;
    // Walks the (metric, scope) index one series at a time instead of scanning every point.
    this.nextSeries = sqlite.prepare(
      'SELECT metric, scope FROM kpi_points WHERE (metric, scope) > (?, ?) ORDER BY metric, scope LIMIT 1',
    );
    this.newestOfSeries = sqlite.prepare(
      'SELECT ts FROM kpi_points WHERE metric = ? AND scope = ? ORDER BY ts DESC LIMIT 8',
    );
    this.oldestOfSeries = sqlite.prepare(
      'SELECT ts FROM kpi_points WHERE metric = ? AND scope = ? ORDER BY ts ASC LIMIT 8',
    );
    this.aggregates = sqlite.prepare(AGGREGATES_SQL);
    this.sparkline = sqlite.prepare(SPARKLINE_SQL);
    this.categoryName = sqlite.prepare('SELECT name FROM categories WHERE id = ?');
    this.cursorOf = sqlite.prepare("SELECT json_array(cursor, rows_applied) FROM sync_cursors WHERE resource = 'kpi_points'").pluck();
    this.maxRowid = sqlite.prepare('SELECT max(rowid) FROM kpi_points').pluck();
  }

  northStar(): NorthStar {
    // The war room and every desk ask again after each sync page and on a timer: answer from the
    // last computation until the kpi_points feed or the targets move.
    const stamp = this.stamp();
    if (this.cached?.stamp === stamp) return this.cached.value;
    const value = this.computeNorthStar();
    this.cached = { stamp, value };
    return value;
  }

  private computeNorthStar(): NorthStar {
    const { scopes, newestMs } = this.scopes();
    if (newestMs === null) return { asOf: null, day: null, scopes: [] };
    const windows = comparisonWindows(newestMs);
    const targets = this.targets();
    return {
      asOf: shanghaiTimestamp(newestMs),
      day: shanghaiDay(newestMs),
      scopes: scopes.map((scope) => this.scopeFigures(scope, windows, targets)),
    };
  }

  /** Changes when the kpi_points feed applies a page (its cursor), a row is added, or a target is set. */
  private stamp(): string {
    const cursor = this.cursorOf.get() ?? null;
    const newestRow = this.maxRowid.get() ?? null;
    const targets = this.opened.sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(TARGETS_KEY) ?? null;
    return JSON.stringify([cursor, newestRow, targets]);
  }

  targets(): KpiTarget[] {
    const row = this.opened.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(TARGETS_KEY) as { value: string } | undefined;
    if (!row) return [];
    const parsed = kpiTargetSchema.array().safeParse(safeJson(row.value));
    return parsed.success ? parsed.data : [];
  }

  /** Sets (or with null clears) the target of one figure; answers every target. */
  setTarget(input: { scope: string; metric: KpiMetric; value: number | null }): KpiTarget[] {
    const others = this.targets().filter((t) => !(t.scope === input.scope && t.metric === input.metric));
    const next = input.value === null ? others : [...others, { scope: input.scope, metric: input.metric, value: input.value }];
    next.sort((a, b) => a.scope.localeCompare(b.scope) || KPI_METRICS.indexOf(a.metric) - KPI_METRICS.indexOf(b.metric));
    this.opened.sqlite
      .prepare(
        `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(TARGETS_KEY, JSON.stringify(next), new Date().toISOString());
    return next;
  }

  /** The scopes that have points with their oldest point, and the newest point's time over all series. */
  private series(): { oldest: Map<string, number>; newestMs: number | null } {
    const oldest = new Map<string, number>();
    let newestMs: number | null = null;
    // The few first and last by text, then by instant: offsets may differ between points.
    const instants = (statement: Database.Statement, metric: string, scope: string) =>
      (statement.all(metric, scope) as { ts: string }[]).map(({ ts }) => Date.parse(ts)).filter(Number.isFinite);
    let at = this.nextSeries.get('', '') as { metric: string; scope: string } | undefined;
    while (at) {
      const newest = Math.max(...instants(this.newestOfSeries, at.metric, at.scope));
      const first = Math.min(...instants(this.oldestOfSeries, at.metric, at.scope));
      if (Number.isFinite(newest) && (newestMs === null || newest > newestMs)) newestMs = newest;
      if (Number.isFinite(first)) oldest.set(at.scope, Math.min(first, oldest.get(at.scope) ?? first));
      at = this.nextSeries.get(at.metric, at.scope) as typeof at;
    }
    return { oldest, newestMs };
  }

  /** The scopes that have kpi_points (the platform first, then categories by name) and the newest point. */
  scopes(): { scopes: ScopeInfo[]; newestMs: number | null } {
    const { oldest, newestMs } = this.series();
    const named = [...oldest].map(([scope, oldestMs]) => ({ scope, name: this.nameOf(scope), oldestMs }));
    named.sort((a, b) => rank(a.scope) - rank(b.scope) || byName(a.name, b.name) || a.scope.localeCompare(b.scope));
    return { scopes: named, newestMs };
  }

  /**
   * Every metric of one scope over the current and the previous window, aggregated in SQL. When
   * the scope's points start after the previous window does, that window is only partly covered
   * and its figure would mislead: it is left out (null).
   */
  windowFigures(scope: ScopeInfo, current: Window, previous: Window): WindowFigure[] {
    const previousCovered = scope.oldestMs <= previous.from + MINUTE_MS;
    const rows = this.aggregates.all(this.windowParams(scope.scope, current, previous)) as AggregateRow[];
    const aggregateOf = (period: AggregateRow['period'], metric: KpiMetric) => rows.find((r) => r.period === period && r.metric === metric);
    return KPI_METRICS.map((metric) => {
      const currentValue = dayFigure(metric, aggregateOf('current', metric));
      const previousValue = previousCovered ? dayFigure(metric, aggregateOf('previous', metric)) : null;
      return { metric, current: currentValue, previous: previousValue, ...compare(currentValue, previousValue) };
    });
  }

  private windowParams(scope: string, current: Window, previous: Window) {
    const earliest = Math.min(current.from, previous.from);
    const latest = Math.max(current.to, previous.to);
    return {
      scope,
      currentFrom: Math.floor(current.from / 1000),
      currentTo: Math.floor(current.to / 1000),
      previousFrom: Math.floor(previous.from / 1000),
      previousTo: Math.floor(previous.to / 1000),
      textFrom: shanghaiTimestamp(earliest - EARLIEST_OFFSET_SHIFT_MS).slice(0, 19),
      // '~' sorts after any offset suffix ('+', '-', 'Z') or fraction ('.').
      textTo: `${shanghaiTimestamp(latest + LATEST_OFFSET_SHIFT_MS).slice(0, 19)}~`,
    };
  }

  private nameOf(scope: string): string | null {
    if (scope === PLATFORM_SCOPE) return null;
    return (this.categoryName.get(scope) as { name: string } | undefined)?.name ?? null;
  }

  private scopeFigures(scope: ScopeInfo, windows: ComparisonWindows, targets: readonly KpiTarget[]): NorthStarScope {
    const { previousFrom: _from, previousTo: _to, ...todayParams } = this.windowParams(scope.scope, windows.today, windows.yesterday);
    const minutes = this.sparkline.all(todayParams) as { metric: string; minute: number; value: number }[];
    const figures = this.windowFigures(scope, windows.today, windows.yesterday).map((f) => ({
      metric: f.metric,
      today: f.current,
      yesterday: f.previous,
      delta: f.delta,
      changeRatio: f.changeRatio,
      target: targets.find((t) => t.scope === scope.scope && t.metric === f.metric)?.value ?? null,
      sparkline: placeSparkline(minutes.filter((m) => m.metric === f.metric), windows.minutes),
    }));
    return { scope: scope.scope, name: scope.name, figures };
  }
}

function rank(scope: string): number {
  return scope === PLATFORM_SCOPE ? 0 : 1;
}

function byName(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return a.localeCompare(b, 'zh-CN');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
