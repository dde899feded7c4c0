import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { jsonText, syncedRecordColumns } from './columns';

export const merchants = sqliteTable(
  'merchants',
  {
    ...syncedRecordColumns(),
    name: text('name').notNull(),
    shopType: text('shop_type').notNull(),
    categoryId: text('category_id').notNull(),
    province: text('province').notNull(),
    city: text('city').notNull(),
    openedOn: text('opened_on').notNull(),
    status: text('status').notNull(),
  },
  (t) => [index('merchants_by_category').on(t.categoryId)],
);

export const merchantMetrics = sqliteTable(
  'merchant_metrics',
  {
    ...syncedRecordColumns(),
    merchantId: text('merchant_id').notNull(),
    date: text('date').notNull(),
    gmvFen: integer('gmv_fen').notNull(),
    orders: integer('orders').notNull(),
    buyers: integer('buyers').notNull(),
    repeatBuyers: integer('repeat_buyers').notNull(),
    visits: integer('visits').notNull(),
    refundOrders: integer('refund_orders').notNull(),
    ratingAvg: real('rating_avg'),
    skuCount: integer('sku_count').notNull(),
    activeSkuCount: integer('active_sku_count').notNull(),
    disputeCount: integer('dispute_count').notNull(),
  },
  // One index, date first: the feed serves the metrics day by day, so the bootstrap only ever
  // appends to it and keeps it (a merchant-first index had to be built at the end of the bootstrap,
  // holding the write lock for seconds). A merchant's rows are read through it day by day.
  (t) => [index('metrics_by_date_merchant').on(t.date, t.merchantId)],
);

export const packages = sqliteTable('packages', {
  ...syncedRecordColumns(),
  name: text('name').notNull(),
  targetTier: text('target_tier').notNull(),
  description: text('description').notNull(),
  benefits: jsonText<string[]>('benefits').notNull(),
});

export const merchantPackages = sqliteTable(
  'merchant_packages',
  {
    ...syncedRecordColumns(),
    merchantId: text('merchant_id').notNull(),
    packageId: text('package_id').notNull(),
    assignedBy: text('assigned_by').notNull(),
    assignedOn: text('assigned_on').notNull(),
    status: text('status').notNull(),
    note: text('note'),
  },
  (t) => [index('merchant_packages_by_merchant').on(t.merchantId)],
);

export const tierOverrides = sqliteTable(
  'tier_overrides',
  {
    ...syncedRecordColumns(),
    merchantId: text('merchant_id').notNull(),
    tier: text('tier').notNull(),
    reason: text('reason').notNull(),
    setBy: text('set_by').notNull(),
    expiresOn: text('expires_on'),
  },
  (t) => [index('tier_overrides_by_merchant').on(t.merchantId)],
);
