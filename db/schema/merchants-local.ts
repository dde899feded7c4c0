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
