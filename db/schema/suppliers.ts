import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { jsonText, syncedRecordColumns } from './columns';

export const skus = sqliteTable(
  'skus',
  {
    ...syncedRecordColumns(),
    name: text('name').notNull(),
    categoryId: text('category_id').notNull(),
    isCore: integer('is_core', { mode: 'boolean' }).notNull(),
    monthlyUnits: integer('monthly_units').notNull(),
    priceFen: integer('price_fen').notNull(),
    unitCostFen: integer('unit_cost_fen').notNull(),
  },
  (t) => [index('skus_by_category').on(t.categoryId)],
);

export const suppliers = sqliteTable('suppliers', {
  ...syncedRecordColumns(),
  name: text('name').notNull(),
  province: text('province').notNull(),
  city: text('city').notNull(),
  status: text('status').notNull(),
  capacityUnitsMonth: integer('capacity_units_month').notNull(),
  onTimeRate: real('on_time_rate').notNull(),
  defectPpm: integer('defect_ppm').notNull(),
  priceIndex: real('price_index').notNull(),
  serviceScore: real('service_score').notNull(),
  certifications: jsonText<{ type: string; expires_on: string }[]>('certifications').notNull(),
  lastAuditOn: text('last_audit_on'),
});

export const supplyLinks = sqliteTable(
  'supply_links',
  {
    ...syncedRecordColumns(),
    skuId: text('sku_id').notNull(),
    supplierId: text('supplier_id').notNull(),
    role: text('role').notNull(),
    share: real('share').notNull(),
    qualification: text('qualification').notNull(),
    qualifiedOn: text('qualified_on'),
    leadTimeDays: integer('lead_time_days').notNull(),
    unitCostFen: integer('unit_cost_fen').notNull(),
    moq: integer('moq').notNull(),
  },
  (t) => [index('supply_links_by_sku').on(t.skuId), index('supply_links_by_supplier').on(t.supplierId)],
);

export const riskEvents = sqliteTable('risk_events', {
  ...syncedRecordColumns(),
  type: text('type').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  provinces: jsonText<string[]>('provinces').notNull(),
  supplierIds: jsonText<string[]>('supplier_ids').notNull(),
  severity: integer('severity').notNull(),
  startedAt: text('started_at').notNull(),
  expectedEndAt: text('expected_end_at'),
  status: text('status').notNull(),
});
