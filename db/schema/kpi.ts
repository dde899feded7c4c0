import { index, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedRecordColumns } from './columns';

/** Per-minute platform KPIs for the war room. */
export const kpiPoints = sqliteTable(
  'kpi_points',
  {
    ...syncedRecordColumns(),
    metric: text('metric').notNull(),
    scope: text('scope').notNull(),
    ts: text('ts').notNull(),
    value: real('value').notNull(),
  },
  (t) => [index('kpi_points_by_metric').on(t.metric, t.scope, t.ts)],
);
