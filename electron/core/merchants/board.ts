/**
 * What the merchant board asks of the core: the tiered merchant list (paged, sorted, filtered over
 * 200k rows in memory), one merchant's detail, rule-set previews and applies with snapshots,
 * migrations between snapshots, the package mismatch worklist and the growth centre; and the
 * actions (overrides, packages), queued through the outbox with their optimistic effects.
 */
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import { ApiError } from '../api/errors';
import {
  MERCHANT_TIERS,
  type MerchantRow,
  type PackageRow,
  type MerchantTier,
  type merchantDetailSchema,
  type RuleSet,
  type TierOutcome,
} from '../api/merchants';
import type { SyncHandle } from '../sync';
import { addDays, cutoffScore, tierMerchants, tierRank } from './engine';
import { metricsOfDays } from './period-sums';
import { RuleSetStore, type RuleSetVersion } from './rule-sets';
import { MerchantTieringService, NoMetricsError, type TieringResult } from './service';
import { shanghaiTimestamp } from '../time';

export const DEFAULT_PERIOD_DAYS = 30;
type Detail = z.input<typeof merchantDetailSchema>;
const NONE = 'none';
/** Filtered and sorted merchant lists kept at once (a grid, its export, a second sort). */
const LIST_CACHE_ENTRIES = 4;

type SortField = 'id' | 'name' | 'tier' | 'score' | 'gmvFen' | 'growth' | 'orders' | 'repeatRate' | 'refundRate' | 'rating' | 'sellThrough' | 'disputesPer1000';

export interface ListInput {
  periodDays?: number | undefined;
  offset: number;
  limit: number;
  sort?: { field: SortField; dir: 'asc' | 'desc' } | undefined;
  tiers?: string[] | undefined;
  search?: string | undefined;
  shopTypes?: string[] | undefined;
  statuses?: string[] | undefined;
  provinces?: string[] | undefined;
  overridden?: boolean | undefined;
  packageId?: string | undefined;
}

function tierKey(tier: MerchantTier | null): string {
  return tier ?? NONE;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

function flowsOf(pairs: Iterable<[string, string]>): { from: string; to: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const [from, to] of pairs) counts.set(`${from}\u0000${to}`, (counts.get(`${from}\u0000${to}`) ?? 0) + 1);
  return [...counts].map(([key, count]) => {
    const [from, to] = key.split('\u0000') as [string, string];
    return { from, to, count };
  });
}

export class MerchantsBoard {
  readonly tiering: MerchantTieringService;
  readonly ruleSets: RuleSetStore;
  private current: { key: string; result: TieringResult; index: Map<string, number> } | null = null;
  private readonly listCache = new Map<string, { positions: number[]; totals: { gmvFen: number; gmvPrevFen: number; orders: number } }>();
  private facetCache: { result: TieringResult; facets: ReturnType<MerchantsBoard['facets']> } | null = null;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly engine: () => SyncHandle,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.tiering = new MerchantTieringService(sqlite);
    this.ruleSets = new RuleSetStore(sqlite);
  }

  // ---------- the current tiering (active rules), kept until its inputs move ----------

  /** The active rules' tiering, without reasons (those are built per merchant for the drawer). */
  async currentTiering(periodDays = DEFAULT_PERIOD_DAYS): Promise<{ result: TieringResult; index: Map<string, number>; rules: RuleSetVersion }> {
    const rules = this.ruleSets.active();
    try {
      const aggregates = await this.tiering.aggregatesAsync(periodDays);
      const key = JSON.stringify([periodDays, rules.version, aggregates.asOf, this.tiering.latestSnapshotId(), this.overrideStamp(), this.merchantStamp()]);
      if (this.current?.key === key && this.current.result.periodDays === periodDays) {
        return { result: this.current.result, index: this.current.index, rules };
      }
      const result = this.tiering.tier(periodDays, rules.rules, { explain: false }, aggregates);
      const index = new Map(result.outcomes.map((o, k) => [o.id, k]));
      this.current = { key, result, index };
      return { result, index, rules };
    } catch (error) {
      if (error instanceof NoMetricsError) throw new ApiError('not_found', error.message);
      throw error;
    }
  }

  /** Changes whenever the current tiering would: metrics, merchants, overrides, snapshots or the active rule set moved. */
  dataStamp(): string {
    return JSON.stringify([
      this.tiering.stampOf('merchant_metrics'), this.tiering.stampOf('merchants'), this.overrideStamp(),
      this.tiering.latestSnapshotId(), this.ruleSets.active().version,
    ]);
  }

  private overrideStamp(): string {
    return JSON.stringify(this.sqlite.prepare('SELECT count(*), max(rowid), total(version), max(updated_at) FROM tier_overrides').raw().get());
  }

  private merchantStamp(): number {
    return this.tiering.merchants().length;
  }

  // ---------- reads ----------

  async list(input: ListInput) {
    const { result } = await this.currentTiering(input.periodDays);
    const merchants = result.merchants;
    const { positions, totals } = this.filteredPositions(result, input);
    const page = positions.slice(input.offset, input.offset + input.limit);
    const packages = this.activePackageIds(page.map((k) => merchants[k]!.id));
    return {
      asOf: result.asOf,
      periodDays: result.periodDays,
      total: positions.length,
      rows: page.map((k) => this.row(result, k, packages.get(merchants[k]!.id) ?? [])),
      totals,
      distribution: countBy(result.outcomes, (o) => tierKey(o.tier)),
      facets: this.facets(result),
    };
  }

  /**
   * The merchants that pass the filters, in the asked order, with their totals. Kept for the last
   * few (tiering, filters, sort) combinations: a scrolling grid asks for block after block of the
   * same list, and sorting 200k merchants for each block would make every scroll wait.
   */
  private filteredPositions(result: TieringResult, input: ListInput): { positions: number[]; totals: { gmvFen: number; gmvPrevFen: number; orders: number } } {
    const { tiers, search, shopTypes, statuses, provinces, overridden, packageId, sort } = input;
    const key = JSON.stringify([this.current?.key, this.packageStamp(), tiers, search?.trim().toLowerCase(), shopTypes, statuses, provinces, overridden, packageId, sort]);
    const known = this.listCache.get(key);
    if (known) return known;
    const merchants = result.merchants;
    const outcome = (k: number) => result.outcomes[k] as TierOutcome;
    const keep: ((k: number) => boolean)[] = [];
    const oneOf = (values: readonly string[] | undefined, field: (k: number) => string) => {
      if (!values?.length) return;
      const wanted = new Set(values);
      keep.push((k) => wanted.has(field(k)));
    };
    oneOf(tiers, (k) => tierKey(outcome(k).tier));
    oneOf(shopTypes, (k) => merchants[k]!.shopType);
    oneOf(statuses, (k) => merchants[k]!.status);
    oneOf(provinces, (k) => merchants[k]!.province);
    if (overridden !== undefined) keep.push((k) => (outcome(k).override !== null) === overridden);
    if (packageId !== undefined) {
      const holders = this.packageHolders(packageId === NONE ? null : packageId);
      keep.push(packageId === NONE ? (k) => !holders.has(merchants[k]!.id) : (k) => holders.has(merchants[k]!.id));
    }
    const needle = search?.trim().toLowerCase();
    if (needle) keep.push((k) => merchants[k]!.id.toLowerCase().includes(needle) || merchants[k]!.name.toLowerCase().includes(needle));
    const positions: number[] = [];
    for (let k = 0; k < merchants.length; k++) if (keep.every((test) => test(k))) positions.push(k);
    if (sort) positions.sort(this.comparator(result, sort.field, sort.dir));
    const totals = { gmvFen: 0, gmvPrevFen: 0, orders: 0 };
    for (const k of positions) {
      const m = outcome(k).metrics;
      totals.gmvFen += m.gmvFen;
      totals.gmvPrevFen += m.gmvPrevFen;
      totals.orders += m.orders;
    }
    const value = { positions, totals };
    this.listCache.set(key, value);
    if (this.listCache.size > LIST_CACHE_ENTRIES) this.listCache.delete(this.listCache.keys().next().value as string);
    return value;
  }

  /** Merchants holding the package (active), or holding any active package when packageId is null. */
  private packageHolders(packageId: string | null): Set<string> {
    const rows = packageId === null
      ? this.sqlite.prepare("SELECT DISTINCT merchant_id FROM merchant_packages WHERE status = 'active'").pluck().all()
      : this.sqlite.prepare("SELECT DISTINCT merchant_id FROM merchant_packages WHERE status = 'active' AND package_id = ?").pluck().all(packageId);
    return new Set(rows as string[]);
  }

  private packageStamp(): string {
    return JSON.stringify(this.sqlite.prepare('SELECT count(*), max(rowid), total(version), max(updated_at) FROM merchant_packages').raw().get());
  }

  /** Shop types, statuses and provinces of every merchant in scope, counted (kept with the tiering). */
  private facets(result: TieringResult): { shopTypes: Record<string, number>; statuses: Record<string, number>; provinces: Record<string, number> } {
    if (this.facetCache?.result === result) return this.facetCache.facets;
    const facets = {
      shopTypes: countBy(result.merchants, (m) => m.shopType),
      statuses: countBy(result.merchants, (m) => m.status),
      provinces: countBy(result.merchants, (m) => m.province),
    };
    this.facetCache = { result, facets };
    return facets;
  }

  private comparator(result: TieringResult, field: SortField, dir: 'asc' | 'desc'): (a: number, b: number) => number {
    const sign = dir === 'asc' ? 1 : -1;
    const value = (k: number): string | number | null => {
      const o = result.outcomes[k] as TierOutcome;
      if (field === 'id') return o.id;
      if (field === 'name') return result.merchants[k]!.name;
      if (field === 'tier') return o.tier === null ? null : tierRank(o.tier);
      if (field === 'score') return o.score;
      return o.metrics[field];
    };
    return (a, b) => {
      const x = value(a);
      const y = value(b);
      if (x === y) return a - b;
      if (x === null) return 1; // nulls last either way
      if (y === null) return -1;
      return (x < y ? -1 : 1) * sign;
    };
  }

  private row(result: TieringResult, k: number, packageIds: string[]): MerchantRow {
    const merchant = result.merchants[k]!;
    const outcome = result.outcomes[k] as TierOutcome;
    return {
      ...outcome,
      name: merchant.name,
      shopType: merchant.shopType,
      status: merchant.status,
      categoryId: merchant.categoryId,
      province: merchant.province,
      city: merchant.city,
      earlierTier: result.earlierTiers.get(merchant.id) ?? null,
      packageIds,
    };
  }

  private activePackageIds(merchantIds: string[]): Map<string, string[]> {
    const map = new Map<string, string[]>();
    if (merchantIds.length === 0) return map;
    const statement = this.sqlite.prepare(
      `SELECT merchant_id, package_id FROM merchant_packages WHERE status = 'active' AND merchant_id IN (SELECT value FROM json_each(?)) ORDER BY package_id`,
    );
    for (const [merchantId, packageId] of statement.raw().all(JSON.stringify(merchantIds)) as [string, string][]) {
      map.set(merchantId, [...(map.get(merchantId) ?? []), packageId]);
    }
    return map;
  }

  /** Every day with metrics, as metricsOfDays binds it (min and max apart: each is one index seek). */
  private metricDays(): { after: string | null; through: string | null } {
    const first = this.sqlite.prepare('SELECT min(date) FROM merchant_metrics').pluck().get() as string | null;
    const through = this.sqlite.prepare('SELECT max(date) FROM merchant_metrics').pluck().get() as string | null;
    return { after: first === null ? null : addDays(first, -1), through };
  }

  async detail(id: string, periodDays = DEFAULT_PERIOD_DAYS): Promise<z.input<typeof merchantDetailSchema>> {
    const { result, index, rules } = await this.currentTiering(periodDays);
    const k = index.get(id);
    if (k === undefined) throw new ApiError('not_found', `No merchant ${id}`);
    // The reasons of one merchant: tier it again with explanations, under the same cut-offs.
    const explained = this.explain(result, k, rules.rules);
    const row = { ...this.row(result, k, this.activePackageIds([id]).get(id) ?? []), reasons: explained.reasons };
    const opened = this.sqlite.prepare('SELECT opened_on FROM merchants WHERE id = ?').pluck().get(id) as string;
    const daily = this.sqlite
      .prepare(
        `SELECT date, gmv_fen AS gmvFen, orders, buyers, repeat_buyers AS repeatBuyers, refund_orders AS refundOrders, rating_avg AS rating,
           sku_count AS skuCount, active_sku_count AS activeSkuCount, dispute_count AS disputeCount
         FROM ${metricsOfDays()} WHERE merchant_id = @id ORDER BY date`,
      )
      .all({ id, ...this.metricDays() }) as Detail['daily'];
    const history = this.sqlite
      .prepare(
        `SELECT s.id AS snapshotId, s.taken_at AS takenAt, s.as_of AS asOf, a.tier AS tier, a.score AS score
         FROM merchant_tier_assignments a JOIN merchant_tier_snapshots s ON s.id = a.snapshot_id WHERE a.merchant_id = ? ORDER BY s.id`,
      )
      .all(id) as Detail['history'];
    const overrides = (
      this.sqlite
        .prepare('SELECT id, merchant_id AS merchantId, tier, reason, set_by AS setBy, expires_on AS expiresOn FROM tier_overrides WHERE merchant_id = ?')
        .all(id) as Omit<Detail['overrides'][number], 'active'>[]
    ).map((o) => ({ ...o, active: o.expiresOn === null || o.expiresOn >= result.asOf }));
    const packages = this.sqlite
      .prepare(
        `SELECT mp.id, mp.merchant_id AS merchantId, mp.package_id AS packageId, p.name AS packageName, p.target_tier AS targetTier,
           mp.assigned_by AS assignedBy, mp.assigned_on AS assignedOn, mp.status, mp.note
         FROM merchant_packages mp LEFT JOIN packages p ON p.id = mp.package_id WHERE mp.merchant_id = ? ORDER BY mp.assigned_on DESC`,
      )
      .all(id) as Detail['packages'];
    return { row, openedOn: opened, daily, history, overrides, packages };
  }

  private explain(result: TieringResult, k: number, rules: RuleSet): TierOutcome {
    const outcome = result.outcomes[k] as TierOutcome;
    const merchant = result.merchants[k]!;
    // The cut-offs of percentiles depend on everyone: reuse the population's scores as fixed cut-offs.
    const cutoffs = this.cutoffsOf(result, rules);
    const fixed: RuleSet = { ...rules, cutoffs: { head: { score: cutoffs.head }, waist: { score: cutoffs.waist }, smb: { score: cutoffs.smb } } };
    const override = this.tiering.overrides().get(merchant.id) ?? null;
    const [explained] = tierMerchants(
      [{ id: merchant.id, status: merchant.status, metrics: outcome.metrics, earlierTier: result.earlierTiers.get(merchant.id) ?? null, override }],
      fixed,
      result.asOf,
    );
    const reasons = (explained as TierOutcome).reasons.map((reason) =>
      reason.code === 'cutoff' && reason.cutoff !== null ? { ...reason, rule: rules.cutoffs[reason.tier === 'individual' ? 'smb' : reason.tier] } : reason,
    );
    return { ...(explained as TierOutcome), reasons };
  }

  private cutoffsOf(result: TieringResult, rules: RuleSet): { head: number; waist: number; smb: number } {
    const min = rules.gates.minOrders ?? 0;
    // Outcome scores are rounded to 2 digits; the cut-offs come from the same rounded scores.
    const ranked = result.outcomes.filter((o) => o.metrics.orders >= min).map((o) => o.score).sort((a, b) => a - b);
    return { head: cutoffScore(rules.cutoffs.head, ranked), waist: cutoffScore(rules.cutoffs.waist, ranked), smb: cutoffScore(rules.cutoffs.smb, ranked) };
  }

  packages(): PackageRow[] {
    return (
      this.sqlite.prepare('SELECT id, name, target_tier AS targetTier, description, benefits FROM packages ORDER BY id').all() as (Omit<PackageRow, 'benefits'> & { benefits: string })[]
    ).map((p) => ({ ...p, benefits: JSON.parse(p.benefits) as string[] }));
  }

  // ---------- rule sets, preview, apply, snapshots ----------

  saveRuleSet(rules: RuleSet): RuleSetVersion {
    return this.ruleSets.save(rules, shanghaiTimestamp(this.now().getTime()));
  }

  /** Who would move where: the assignment in force (latest snapshot, else the active rules now) → the previewed rules. */
  async preview(rules: RuleSet, periodDays = DEFAULT_PERIOD_DAYS) {
    const { result } = await this.currentTiering(periodDays);
    const before = this.assignmentInForce(result);
    const after = this.tiering.tier(periodDays, rules, { explain: false }, await this.tiering.aggregatesAsync(periodDays));
    const pairs = after.outcomes.map((o): [string, string] => [before.get(o.id) ?? NONE, tierKey(o.tier)]);
    return {
      asOf: after.asOf,
      merchants: after.outcomes.length,
      flows: flowsOf(pairs),
      before: countBy(pairs, ([from]) => from),
      after: countBy(pairs, ([, to]) => to),
      moved: pairs.filter(([from, to]) => from !== to).length,
    };
  }

  private assignmentInForce(current: TieringResult): Map<string, string> {
    const latest = this.tiering.latestSnapshotId();
    if (latest !== null) {
      const rows = this.sqlite.prepare('SELECT merchant_id, tier FROM merchant_tier_assignments WHERE snapshot_id = ?').raw().all(latest) as [string, string | null][];
      return new Map(rows.map(([id, tier]) => [id, tier ?? NONE]));
    }
    return new Map(current.outcomes.map((o) => [o.id, tierKey(o.tier)]));
  }

  /** Makes a saved version active and keeps the resulting assignment as a period snapshot. */
  async apply(version: number, periodDays = DEFAULT_PERIOD_DAYS) {
    const chosen = this.ruleSets.version(version);
    if (!chosen) throw new ApiError('not_found', `No rule set version ${version}`);
    await this.currentTiering(periodDays); // the sums, computed without blocking other calls
    const at = shanghaiTimestamp(this.now().getTime());
    const result = this.tiering.tier(periodDays, chosen.rules, { explain: false }, await this.tiering.aggregatesAsync(periodDays));
    const id = this.tiering.saveSnapshot(result, { version, name: chosen.rules.name }, at);
    this.ruleSets.activate(version, at);
    this.current = null;
    return this.snapshots().find((s) => s.id === id)!;
  }

  snapshots() {
    if (!this.tiering.hasTable('merchant_tier_snapshots')) return [];
    return this.sqlite
      .prepare(
        `SELECT id, taken_at AS takenAt, as_of AS asOf, period_days AS periodDays, rule_set_version AS ruleSetVersion,
           rule_set_name AS ruleSetName, merchant_count AS merchants FROM merchant_tier_snapshots ORDER BY id`,
      )
      .all() as { id: number; takenAt: string; asOf: string; periodDays: number; ruleSetVersion: number; ruleSetName: string; merchants: number }[];
  }

  migrations(fromSnapshotId: number, toSnapshotId: number) {
    const flows = this.sqlite
      .prepare(
        `SELECT coalesce(a.tier, 'none') AS "from", coalesce(b.tier, 'none') AS "to", count(*) AS count
         FROM merchant_tier_assignments a JOIN merchant_tier_assignments b ON b.merchant_id = a.merchant_id AND b.snapshot_id = @to
         WHERE a.snapshot_id = @from GROUP BY 1, 2 ORDER BY 1, 2`,
      )
      .all({ from: fromSnapshotId, to: toSnapshotId }) as { from: string; to: string; count: number }[];
    return { flows };
  }

  migrationMerchants(input: { fromSnapshotId: number; toSnapshotId: number; from: string; to: string; limit: number }) {
    return this.sqlite
      .prepare(
        `SELECT a.merchant_id AS id, coalesce(m.name, a.merchant_id) AS name, a.score AS fromScore, b.score AS toScore
         FROM merchant_tier_assignments a
         JOIN merchant_tier_assignments b ON b.merchant_id = a.merchant_id AND b.snapshot_id = @toId
         LEFT JOIN merchants m ON m.id = a.merchant_id
         WHERE a.snapshot_id = @fromId AND coalesce(a.tier, 'none') = @from AND coalesce(b.tier, 'none') = @to
         ORDER BY a.merchant_id LIMIT @limit`,
      )
      .all({ fromId: input.fromSnapshotId, toId: input.toSnapshotId, from: input.from, to: input.to, limit: input.limit }) as {
      id: string; name: string; fromScore: number; toScore: number;
    }[];
  }

  // ---------- worklist and growth centre ----------

  /** Active packages whose target tier is not the merchant's tier now, with a package of the right tier to switch to. */
  async mismatches(periodDays = DEFAULT_PERIOD_DAYS, limit = 500) {
    const { result, index } = await this.currentTiering(periodDays);
    const assignments = this.sqlite
      .prepare(
        `SELECT mp.id, mp.merchant_id, mp.package_id, p.name, p.target_tier FROM merchant_packages mp JOIN packages p ON p.id = mp.package_id
         WHERE mp.status = 'active' ORDER BY mp.merchant_id, mp.id`,
      )
      .raw()
      .all() as [string, string, string, string, string][];
    const byTier = this.packageForTier();
    const rows = [];
    for (const [assignmentId, merchantId, packageId, packageName, targetTier] of assignments) {
      const k = index.get(merchantId);
      if (k === undefined) continue;
      const tier = (result.outcomes[k] as TierOutcome).tier;
      if (tier === targetTier) continue;
      rows.push({
        assignmentId, merchantId, merchantName: result.merchants[k]!.name, tier, packageId, packageName, targetTier,
        suggestedPackageId: tier === null ? null : (byTier.get(tier) ?? null),
      });
    }
    return { total: rows.length, rows: rows.slice(0, limit) };
  }

  private packageForTier(): Map<string, string> {
    const map = new Map<string, string>();
    for (const [id, tier] of this.sqlite.prepare('SELECT id, target_tier FROM packages ORDER BY id').raw().all() as [string, string][]) {
      if (!map.has(tier)) map.set(tier, id);
    }
    return map;
  }

  /** Per tier (now): GMV against the previous period, and how many moved up or down between the last two snapshots. */
  async growth(periodDays = DEFAULT_PERIOD_DAYS) {
    const { result } = await this.currentTiering(periodDays);
    const snapshots = this.snapshots();
    const last = snapshots.at(-1);
    const before = snapshots.at(-2);
    const moves = new Map<string, { up: number; down: number }>();
    if (last && before) {
      const rows = this.sqlite
        .prepare(
          `SELECT b.tier, a.tier FROM merchant_tier_assignments a JOIN merchant_tier_assignments b ON b.merchant_id = a.merchant_id AND b.snapshot_id = ?
           WHERE a.snapshot_id = ?`,
        )
        .raw()
        .all(last.id, before.id) as [string | null, string | null][];
      for (const [now, was] of rows) {
        if (now === null || was === null || now === was) continue;
        const entry = moves.get(now) ?? { up: 0, down: 0 };
        if (tierRank(now as MerchantTier) < tierRank(was as MerchantTier)) entry.up++;
        else entry.down++;
        moves.set(now, entry);
      }
    }
    return [...MERCHANT_TIERS, NONE].map((tier) => {
      const members = result.outcomes.filter((o) => tierKey(o.tier) === tier);
      const gmvFen = members.reduce((t, o) => t + o.metrics.gmvFen, 0);
      const gmvPrevFen = members.reduce((t, o) => t + o.metrics.gmvPrevFen, 0);
      return {
        tier, merchants: members.length, gmvFen, gmvPrevFen, growth: gmvPrevFen === 0 ? null : gmvFen / gmvPrevFen - 1,
        movedUp: moves.get(tier)?.up ?? 0, movedDown: moves.get(tier)?.down ?? 0,
      };
    });
  }

  // ---------- actions (outbox) ----------

  setOverride(merchantIds: string[], tier: MerchantTier, reason: string, expiresOn: string | null): string[] {
    this.requireMerchants(merchantIds);
    const version = this.sqlite.prepare('SELECT version FROM tier_overrides WHERE merchant_id = ? ORDER BY updated_at DESC LIMIT 1').pluck();
    return merchantIds.map((id) =>
      this.engine().issueCommand({
        type: 'merchant.set_tier_override', entityId: id, baseVersion: (version.get(id) as number | undefined) ?? null,
        payload: { tier, reason, expires_on: expiresOn },
      }),
    );
  }

  clearOverride(merchantIds: string[], reason: string): string[] {
    this.requireMerchants(merchantIds);
    const version = this.sqlite.prepare('SELECT version FROM tier_overrides WHERE merchant_id = ? ORDER BY updated_at DESC LIMIT 1').pluck();
    const ids: string[] = [];
    for (const id of merchantIds) {
      const current = version.get(id) as number | undefined;
      if (current === undefined) continue; // nothing to clear
      ids.push(this.engine().issueCommand({ type: 'merchant.clear_tier_override', entityId: id, baseVersion: current, payload: { reason } }));
    }
    return ids;
  }

  assignPackage(merchantIds: string[], packageId: string, note: string | null): string[] {
    this.requireMerchants(merchantIds);
    if (!this.sqlite.prepare('SELECT 1 FROM packages WHERE id = ?').get(packageId)) throw new ApiError('not_found', `No package ${packageId}`);
    const holds = this.sqlite.prepare("SELECT 1 FROM merchant_packages WHERE merchant_id = ? AND package_id = ? AND status = 'active'");
    return merchantIds
      .filter((id) => !holds.get(id, packageId)) // already holds it: nothing to queue
      .map((id) =>
        this.engine().issueCommand({ type: 'merchant.assign_package', entityId: uuidv7(), baseVersion: null, payload: { merchant_id: id, package_id: packageId, note } }),
      );
  }

  revokePackage(assignmentIds: string[], reason: string): string[] {
    const lookup = this.sqlite.prepare('SELECT version, status FROM merchant_packages WHERE id = ?');
    const rows = assignmentIds.map((id) => {
      const row = lookup.get(id) as { version: number; status: string } | undefined;
      if (!row) throw new ApiError('not_found', `No package assignment ${id}`);
      return { id, ...row };
    });
    return rows
      .filter((row) => row.status === 'active')
      .map((row) => this.engine().issueCommand({ type: 'merchant.revoke_package', entityId: row.id, baseVersion: row.version, payload: { reason } }));
  }

  /** The worklist's one-click fix: revoke the mismatched package and assign one for the merchant's tier now. */
  /** The worklist's one-click fix, for the period the worklist was computed over. */
  async fixMismatch(assignmentIds: string[], periodDays = DEFAULT_PERIOD_DAYS): Promise<string[]> {
    const wanted = new Set(assignmentIds);
    const found = (await this.mismatches(periodDays, Number.MAX_SAFE_INTEGER)).rows.filter((row) => wanted.has(row.assignmentId));
    if (found.length !== wanted.size) throw new ApiError('invalid_input', 'Some assignments are not mismatched (any more)');
    const ids: string[] = [];
    for (const row of found) {
      ids.push(...this.revokePackage([row.assignmentId], `分层调整：当前层级 ${row.tier ?? '无'}，权益包面向 ${row.targetTier}`));
      if (row.suggestedPackageId) ids.push(...this.assignPackage([row.merchantId], row.suggestedPackageId, '分层匹配'));
    }
    return ids;
  }

  private requireMerchants(ids: string[]): void {
    const exists = this.sqlite.prepare('SELECT 1 FROM merchants WHERE id = ?');
    for (const id of ids) if (!exists.get(id)) throw new ApiError('not_found', `No merchant ${id}`);
  }
}

