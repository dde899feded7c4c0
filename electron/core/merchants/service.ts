/**
 * Merchant tiering on the local database. Each merchant's sums over the period windows come from
 * merchant_period_sums, which triggers keep up to date as metric rows sync in (period-sums.ts);
 * a read-only database without them (the CLI on a copy) sums the metric rows in one GROUP BY pass
 * per window instead. The pure engine tiers them. The sums are also kept in memory per period
 * length until merchant_metrics changes (its sync cursor or its newest row), so a re-tier with
 * another rule set reads nothing at all.
 */
import type Database from 'better-sqlite3';
import { writeTurn } from '../../../db/write-turn';
import { MerchantPeriodSums, merchantChunkBounds, merchantRangeSql, metricsOfDays, rowExpr, SUM_COLUMNS, sumsFrom, type KeptSums } from './period-sums';
import { MERCHANT_TIERS, type MerchantTier, type PeriodMetrics, type RuleSet, type TierOutcome } from '../api/merchants';
import {
  EMPTY_SUMS,
  periodMetrics,
  periodWindows,
  tierMerchants,
  type MerchantInput,
  type PeriodSums,
  type DateWindow,
  type TierOptions,
} from './engine';

export interface MerchantBase {
  id: string;
  name: string;
  shopType: string;
  status: string;
  categoryId: string;
  province: string;
  city: string;
}

export interface MerchantOverride {
  tier: MerchantTier;
  reason: string;
  expiresOn: string | null;
}

/** One merchant's sums over the current, previous and before-previous windows. */
export interface MerchantAggregate {
  id: string;
  current: PeriodSums;
  previous: PeriodSums;
  beforePreviousGmvFen: number;
}

export interface PeriodAggregates {
  asOf: string;
  periodDays: number;
  /** Filled on first use: the metrics of each merchant (by id) for the current and the previous period. */
  metrics?: { current: Map<string, PeriodMetrics>; previous: Map<string, PeriodMetrics> };
  /** By merchant id; merchants without a metric row in the windows are absent (all zeros). */
  byMerchant: Map<string, MerchantAggregate>;
  seconds: number;
}

/** Where the merchants' earlier tiers came from (issue 11: "earlier tier"). */
export type EarlierSource = { kind: 'snapshot'; snapshotId: number } | { kind: 'previous_period' };

export interface TieringResult {
  asOf: string;
  periodDays: number;
  merchants: MerchantBase[];
  /** Same order as `merchants` (by id). */
  outcomes: TierOutcome[];
  earlierTiers: Map<string, MerchantTier | null>;
  earlierSource: EarlierSource;
}

export class NoMetricsError extends Error {
  constructor() {
    super('the database has no merchant_metrics rows: sync merchant_metrics first');
    this.name = 'NoMetricsError';
  }
}

/** Merchants per aggregate chunk: about half a second of SQLite work at 60 days of metrics. */
const AGGREGATE_CHUNK_MERCHANTS = 10_000;

/**
 * The sums of one window (`date` in (@after, @through]), GROUP BY merchant: the (merchant_id, date)
 * index gives the rows in merchant order, so SQLite needs no sort and no temp table for 200k
 * groups. One plain query per window costs about 40 % less than one pass with a CASE per window
 * and column. This is the full recomputation; the board reads the kept sums (period-sums.ts).
 */
function windowSql(columns: readonly string[], merchantRange: string): string {
  return `SELECT merchant_id, ${columns.map((expr) => `sum(${expr})`).join(', ')}
    FROM ${metricsOfDays()}
    ${merchantRange ? `WHERE ${merchantRange}` : ''}
    GROUP BY merchant_id`;
}

const PERIOD_SUMS = SUM_COLUMNS.map(([, , expr]) => rowExpr(expr));

/** A merchant without a metric row in the windows: zeros, and null ratios. */
const NO_METRICS: PeriodMetrics = Object.freeze(periodMetrics(EMPTY_SUMS, 0));

/** The metrics do not depend on the rules: computed once per set of sums. */
function metricsOf(aggregates: PeriodAggregates): NonNullable<PeriodAggregates['metrics']> {
  if (aggregates.metrics) return aggregates.metrics;
  const current = new Map<string, PeriodMetrics>();
  const previous = new Map<string, PeriodMetrics>();
  for (const [id, a] of aggregates.byMerchant) {
    current.set(id, periodMetrics(a.current, a.previous.gmvFen));
    previous.set(id, periodMetrics(a.previous, a.beforePreviousGmvFen));
  }
  aggregates.metrics = { current, previous };
  return aggregates.metrics;
}

function aggregatesFromKept(kept: Map<string, KeptSums>): Map<string, MerchantAggregate> {
  const byMerchant = new Map<string, MerchantAggregate>();
  for (const [id, sums] of kept) byMerchant.set(id, { id, current: sums.current, previous: sums.previous, beforePreviousGmvFen: sums.beforePrevious.gmvFen });
  return byMerchant;
}

/** Long enough for the sync thread's busy handler (it retries every few ms) to take the lock between two chunks. */
const PAUSE_BETWEEN_CHUNKS_MS = 10;

function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

function isTier(value: unknown): value is MerchantTier {
  return typeof value === 'string' && (MERCHANT_TIERS as readonly string[]).includes(value);
}

export class MerchantTieringService {
  private cache: { stamp: string; asOf: string | null; byPeriod: Map<number, PeriodAggregates> } | null = null;
  private merchantCache: { stamp: string; rows: MerchantBase[] } | null = null;
  private readonly inFlight = new Map<string, Promise<PeriodAggregates>>();

  private readonly kept: MerchantPeriodSums;
  private inputCache: { aggregates: PeriodAggregates; merchants: MerchantBase[]; current: MerchantInput[]; previous: MerchantInput[] } | null = null;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly chunkMerchants = AGGREGATE_CHUNK_MERCHANTS,
  ) {
    this.kept = new MerchantPeriodSums(sqlite);
  }

  /** Forget cached sums (after writing metric rows outside the sync, e.g. in a test or a tool). */
  invalidate(): void {
    this.cache = null;
    this.merchantCache = null;
  }

  /** D: the latest date in merchant_metrics, the same for every merchant; null without metrics. */
  asOf(): string | null {
    return this.fresh().asOf;
  }

  aggregates(periodDays: number): PeriodAggregates {
    const cache = this.fresh();
    if (cache.asOf === null) throw new NoMetricsError();
    const known = cache.byPeriod.get(periodDays);
    if (known) return known;
    const computed = this.computeAggregates(cache.asOf, periodDays);
    cache.byPeriod.set(periodDays, computed);
    return computed;
  }

  /** Every merchant, by id; kept until the merchants feed moves (its cursor or its newest row). */
  merchants(): MerchantBase[] {
    const stamp = this.stampOf('merchants');
    if (this.merchantCache?.stamp === stamp) return this.merchantCache.rows;
    const rows = this.sqlite
      .prepare('SELECT id, name, shop_type AS shopType, status, category_id AS categoryId, province, city FROM merchants ORDER BY id')
      .all() as MerchantBase[];
    this.merchantCache = { stamp, rows };
    return rows;
  }

  /** The newest override record per merchant (local effects and synced records alike). */
  overrides(): Map<string, MerchantOverride> {
    const rows = this.sqlite
      .prepare('SELECT merchant_id AS merchantId, tier, reason, expires_on AS expiresOn FROM tier_overrides ORDER BY updated_at, id')
      .all() as { merchantId: string; tier: string; reason: string; expiresOn: string | null }[];
    const map = new Map<string, MerchantOverride>();
    for (const row of rows) if (isTier(row.tier)) map.set(row.merchantId, { tier: row.tier, reason: row.reason, expiresOn: row.expiresOn });
    return map;
  }

  /** The latest applied snapshot's id, or null (none yet, or a database from before snapshots). */
  latestSnapshotId(): number | null {
    if (!this.hasTable('merchant_tier_snapshots')) return null;
    const id = this.sqlite.prepare('SELECT max(id) FROM merchant_tier_snapshots').pluck().get();
    return typeof id === 'number' ? id : null;
  }

  snapshotTiers(snapshotId: number): Map<string, MerchantTier | null> {
    const rows = this.sqlite
      .prepare('SELECT merchant_id, computed_tier FROM merchant_tier_assignments WHERE snapshot_id = ?')
      .raw()
      .all(snapshotId) as [string, string | null][];
    return new Map(rows.map(([id, tier]) => [id, isTier(tier) ? tier : null]));
  }

  /**
   * Tiers every merchant for the N days ending at D. The earlier tier is the latest applied
   * snapshot's computed tier when there is one; otherwise the tier the same rules compute for the
   * previous period (itself with no earlier tier, and without overrides).
   */
  tier(periodDays: number, rules: RuleSet, options: TierOptions = {}, aggregates = this.aggregates(periodDays)): TieringResult {
    const merchants = this.merchants();
    const snapshotId = this.latestSnapshotId();
    const earlierTiers =
      snapshotId !== null ? this.snapshotTiers(snapshotId) : this.previousPeriodTiers(merchants, aggregates, rules);
    const overrides = this.overrides();
    // The inputs are kept per set of sums and refilled here: a re-tier allocates no 200k inputs.
    const inputs = this.inputsFor(merchants, aggregates).current;
    for (const input of inputs) {
      input.earlierTier = earlierTiers.get(input.id) ?? null;
      input.override = overrides.get(input.id) ?? null;
    }
    return {
      asOf: aggregates.asOf,
      periodDays,
      merchants,
      outcomes: tierMerchants(inputs, rules, aggregates.asOf, options),
      earlierTiers,
      earlierSource: snapshotId !== null ? { kind: 'snapshot', snapshotId } : { kind: 'previous_period' },
    };
  }

  /** One input per merchant for the current and the previous period, kept with the sums they read. */
  private inputsFor(merchants: MerchantBase[], aggregates: PeriodAggregates): { current: MerchantInput[]; previous: MerchantInput[] } {
    const known = this.inputCache;
    if (known && known.aggregates === aggregates && known.merchants === merchants) return known;
    const { current, previous } = metricsOf(aggregates);
    const make = (metrics: Map<string, PeriodMetrics>) =>
      merchants.map((merchant): MerchantInput => ({ id: merchant.id, status: merchant.status, metrics: metrics.get(merchant.id) ?? NO_METRICS, earlierTier: null, override: null }));
    this.inputCache = { aggregates, merchants, current: make(current), previous: make(previous) };
    return this.inputCache;
  }

  /** Keeps a tiering as a period snapshot (the assignment in force from now on); returns its id. */
  saveSnapshot(result: TieringResult, ruleSet: { version: number; name: string }, takenAt: string): number {
    const insertSnapshot = this.sqlite.prepare(
      `INSERT INTO merchant_tier_snapshots (taken_at, as_of, period_days, rule_set_version, rule_set_name, merchant_count)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    const insertAssignment = this.sqlite.prepare(
      `INSERT INTO merchant_tier_assignments (snapshot_id, merchant_id, tier, computed_tier, score, gmv_fen, gmv_prev_fen) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    return this.sqlite.transaction(() => {
      const id = Number(insertSnapshot.run(takenAt, result.asOf, result.periodDays, ruleSet.version, ruleSet.name, result.outcomes.length).lastInsertRowid);
      for (const o of result.outcomes) insertAssignment.run(id, o.id, o.tier, o.computedTier, o.score, o.metrics.gmvFen, o.metrics.gmvPrevFen);
      return id;
    })();
  }

  private previousPeriodTiers(merchants: MerchantBase[], aggregates: PeriodAggregates, rules: RuleSet): Map<string, MerchantTier | null> {
    const inputs = this.inputsFor(merchants, aggregates).previous; // no earlier tier, no override: never refilled
    const previousAsOf = periodWindows(aggregates.asOf, aggregates.periodDays).previous.through;
    const tiers = new Map<string, MerchantTier | null>();
    for (const outcome of tierMerchants(inputs, rules, previousAsOf, { explain: false })) tiers.set(outcome.id, outcome.computedTier);
    return tiers;
  }

  /**
   * The full recomputation from the metric rows, one merchant-id range at a time (that range of
   * each day in the (date, merchant_id) index), yielding between ranges: a pass over 12M rows takes seconds.
   */
  private *recomputeChunks(asOf: string, periodDays: number): Generator<void, Map<string, MerchantAggregate>> {
    const windows = periodWindows(asOf, periodDays);
    const bounds = merchantChunkBounds(this.sqlite, this.chunkMerchants);
    const byMerchant = new Map<string, MerchantAggregate>();
    for (let c = 0; c <= bounds.length; c++) {
      const range = merchantRangeSql(c === 0 ? null : (bounds[c - 1] as string), c === bounds.length ? null : (bounds[c] as string));
      const sumsOf = (window: DateWindow) =>
        this.sqlite.prepare(windowSql(PERIOD_SUMS, range.sql)).raw().all({ ...range.bind, after: window.after, through: window.through }) as unknown[][];
      const entry = (id: string): MerchantAggregate => {
        let known = byMerchant.get(id);
        if (!known) {
          known = { id, current: { ...EMPTY_SUMS }, previous: { ...EMPTY_SUMS }, beforePreviousGmvFen: 0 };
          byMerchant.set(id, known);
        }
        return known;
      };
      for (const row of sumsOf(windows.current)) entry(String(row[0])).current = sumsFrom(row, 1);
      for (const row of sumsOf(windows.previous)) entry(String(row[0])).previous = sumsFrom(row, 1);
      for (const row of sumsOf(windows.beforePrevious)) entry(String(row[0])).beforePreviousGmvFen = sumsFrom(row, 1).gmvFen;
      if (c < bounds.length) yield;
    }
    return byMerchant;
  }

  /** The sums for the N days ending at D: the kept ones when the database keeps them, else recomputed. */
  private *aggregateChunks(asOf: string, periodDays: number): Generator<void, PeriodAggregates> {
    const started = performance.now();
    let byMerchant: Map<string, MerchantAggregate>;
    if (this.kept.canKeep()) {
      yield* this.kept.bringUpToDate(periodDays, asOf, this.chunkMerchants, new Date().toISOString());
      yield;
      byMerchant = aggregatesFromKept(yield* this.kept.readInChunks(periodDays, this.chunkMerchants));
    } else if (this.kept.isCurrent(periodDays, asOf)) {
      byMerchant = aggregatesFromKept(this.kept.read(periodDays));
    } else {
      byMerchant = yield* this.recomputeChunks(asOf, periodDays);
    }
    return { asOf, periodDays, byMerchant, seconds: (performance.now() - started) / 1000 };
  }

  /**
   * The sums recomputed from every metric row, ignoring the kept ones: the reference the kept sums
   * must equal (tests, `merchants check`).
   */
  recomputedAggregates(periodDays: number): PeriodAggregates {
    const asOf = this.asOf();
    if (asOf === null) throw new NoMetricsError();
    const started = performance.now();
    const byMerchant = runToEnd(this.recomputeChunks(asOf, periodDays));
    return { asOf, periodDays, byMerchant, seconds: (performance.now() - started) / 1000 };
  }

  private computeAggregates(asOf: string, periodDays: number): PeriodAggregates {
    return runToEnd(this.aggregateChunks(asOf, periodDays));
  }

  /** As aggregates(), yielding to the event loop between merchant ranges; concurrent callers share one pass. */
  async aggregatesAsync(periodDays: number): Promise<PeriodAggregates> {
    const cache = this.fresh();
    if (cache.asOf === null) throw new NoMetricsError();
    const known = cache.byPeriod.get(periodDays);
    if (known) return known;
    const key = `${cache.stamp}|${periodDays}`;
    const running = this.inFlight.get(key);
    if (running) return running;
    const asOf = cache.asOf;
    const work = (async () => {
      const chunks = this.aggregateChunks(asOf, periodDays);
      for (;;) {
        // A chunk may write (the kept sums): in a write turn, so it never waits on this thread for
        // the sync's lock, and with a pause after it, so the sync's own writes get their turn too.
        const step = await writeTurn(this.sqlite, () => chunks.next());
        if (step.done) {
          if (this.cache === cache) cache.byPeriod.set(periodDays, step.value);
          return step.value;
        }
        await new Promise<void>((resolve) => setTimeout(resolve, PAUSE_BETWEEN_CHUNKS_MS));
      }
    })();
    this.inFlight.set(key, work);
    try {
      return await work;
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** The cache, emptied when merchant_metrics moved (a page synced: its cursor; a row added: max rowid). */
  private fresh(): NonNullable<MerchantTieringService['cache']> {
    const stamp = this.stampOf('merchant_metrics');
    if (this.cache?.stamp === stamp) return this.cache;
    const asOf = this.sqlite.prepare('SELECT max(date) FROM merchant_metrics').pluck().get();
    this.cache = { stamp, asOf: typeof asOf === 'string' ? asOf : null, byPeriod: new Map() };
    return this.cache;
  }

  /** Changes when a synced table moved: its feed cursor (every applied page) or its newest row. */
  stampOf(table: 'merchants' | 'merchant_metrics'): string {
    const cursor = this.hasTable('sync_cursors')
      ? (this.sqlite.prepare('SELECT cursor, rows_applied FROM sync_cursors WHERE resource = ?').raw().get(table) as unknown[] | undefined)
      : undefined;
    const maxRow = this.sqlite.prepare(`SELECT max(rowid) FROM ${table}`).pluck().get();
    return JSON.stringify([cursor ?? null, maxRow ?? null]);
  }

  hasTable(name: string): boolean {
    return this.sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
  }
}
