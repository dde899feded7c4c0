import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Local, never synced: tier assignments the operator applied (merchant tiering). Each apply keeps
 * the assignment of every merchant as a period snapshot, so migrations between two snapshots can
 * be compared and the next period knows where each merchant was.
 */
export const merchantTierSnapshots = sqliteTable('merchant_tier_snapshots', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  takenAt: text('taken_at').notNull(),
  /** The as-of date D of the period the tiers were computed for. */
  asOf: text('as_of').notNull(),
  periodDays: integer('period_days').notNull(),
  ruleSetVersion: integer('rule_set_version').notNull(),
  ruleSetName: text('rule_set_name').notNull(),
  merchantCount: integer('merchant_count').notNull(),
});

export const merchantTierAssignments = sqliteTable(
  'merchant_tier_assignments',
  {
    snapshotId: integer('snapshot_id').notNull(),
    merchantId: text('merchant_id').notNull(),
    /** The tier in force (an active override wins); null = no tier yet. */
    tier: text('tier'),
    computedTier: text('computed_tier'),
    score: real('score').notNull(),
    gmvFen: integer('gmv_fen').notNull(),
    gmvPrevFen: integer('gmv_prev_fen').notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.merchantId] }), index('tier_assignments_by_merchant').on(t.merchantId, t.snapshotId)],
);

/**
 * Per-merchant sums of merchant_metrics over the windows of a period of N days ending at `as_of`
 * (window 0 = the current period, 1 = the previous one, 2 = the one before it, for the previous
 * period's growth). Kept up to date by triggers on merchant_metrics (created by
 * electron/core/merchants/period-sums.ts while a period is kept), so the sums change in the same transaction as the
 * synced rows and a board never scans the metric rows. Only the periods registered here are kept.
 */
export const merchantPeriodWindows = sqliteTable('merchant_period_windows', {
  periodDays: integer('period_days').primaryKey(),
  /** The as-of date D the windows end at; the service moves it when a newer day arrives. */
  asOf: text('as_of').notNull(),
  /** julianday(as_of) truncated: the triggers compare whole day numbers. */
  asOfDay: integer('as_of_day').notNull(),
  /** 0 while the sums are being built (merchant range by range), 1 when every merchant is in. */
  ready: integer('ready').notNull(),
  usedAt: text('used_at').notNull(),
});

export const merchantPeriodSums = sqliteTable(
  'merchant_period_sums',
  {
    periodDays: integer('period_days').notNull(),
    merchantId: text('merchant_id').notNull(),
    window: integer('win').notNull(),
    /** Metric rows in the window; a row with 0 days is the same as no row. */
    days: integer('days').notNull(),
    gmvFen: integer('gmv_fen').notNull(),
    orders: integer('orders').notNull(),
    buyers: integer('buyers').notNull(),
    repeatBuyers: integer('repeat_buyers').notNull(),
    refundOrders: integer('refund_orders').notNull(),
    /** Σ round(rating_avg × 10⁶) × orders over the rated days: integers, so adding and taking away never drifts. */
    ratingMicroTimesOrders: integer('rating_micro_times_orders').notNull(),
    ratedOrders: integer('rated_orders').notNull(),
    skuCount: integer('sku_count').notNull(),
    activeSkuCount: integer('active_sku_count').notNull(),
    disputeCount: integer('dispute_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.periodDays, t.merchantId, t.window] })],
);
