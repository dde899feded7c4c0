/**
 * The overview part of the contract: the north-star figures (kpi_points) of the platform and of
 * each category in scope, today so far against the same time yesterday, with local targets.
 * Imports only zod, so that the renderer (overview board, war room) can import it too.
 */
import { z } from 'zod';
import { mutation, query } from './method';

/** The SPEC's kpi_points metrics, in the order the figures are shown. */
export const KPI_METRICS = [
  'gmv_fen', 'orders', 'paying_buyers', 'conversion_rate', 'payment_success_rate', 'refund_rate', 'avg_delivery_hours',
] as const;
export const kpiMetricSchema = z.enum(KPI_METRICS);
export type KpiMetric = z.infer<typeof kpiMetricSchema>;

/**
 * How a metric adds up over a day. `sum`: counters. `visitor_weighted`: a share of attempts
 * (conversion = orders / visitors, payment success = paid / attempts), so the day is Σ orders /
 * Σ (orders / rate). `order_weighted`: a per-order figure (refund share, delivery hours), so the day
 * is Σ (value × orders) / Σ orders.
 */
export const METRIC_AGGREGATION: Record<KpiMetric, 'sum' | 'visitor_weighted' | 'order_weighted'> = {
  gmv_fen: 'sum',
  orders: 'sum',
  paying_buyers: 'sum',
  conversion_rate: 'visitor_weighted',
  payment_success_rate: 'visitor_weighted',
  refund_rate: 'order_weighted',
  avg_delivery_hours: 'order_weighted',
};

/** What the value is: money in fen, a count, a rate in [0, 1], or hours. */
export const METRIC_UNIT: Record<KpiMetric, 'fen' | 'count' | 'rate' | 'hours'> = {
  gmv_fen: 'fen',
  orders: 'count',
  paying_buyers: 'count',
  conversion_rate: 'rate',
  payment_success_rate: 'rate',
  refund_rate: 'rate',
  avg_delivery_hours: 'hours',
};

/** Figures where less is better (a rise is bad news). */
export const LOWER_IS_BETTER: ReadonlySet<KpiMetric> = new Set<KpiMetric>(['refund_rate', 'avg_delivery_hours']);

/** The platform-wide scope of kpi_points; every other scope is a category id. */
export const PLATFORM_SCOPE = 'platform';

export const northStarFigureSchema = z.object({
  metric: kpiMetricSchema,
  /** Today (Asia/Shanghai) from 00:00 up to the newest minute; null without points. */
  today: z.number().nullable(),
  /** Yesterday from 00:00 up to the same minute; null without points. */
  yesterday: z.number().nullable(),
  /** today − yesterday (percentage points ×0.01 for rates); null when either is missing. */
  delta: z.number().nullable(),
  /** delta / yesterday; null when yesterday is missing or 0. */
  changeRatio: z.number().nullable(),
  /** The local target in the metric's own unit (fen, count, rate, hours); null = none set. */
  target: z.number().nullable(),
  /** One value per minute of today, index 0 = 00:00, up to the newest minute; null = no point. */
  sparkline: z.array(z.number().nullable()),
});
export type NorthStarFigure = z.infer<typeof northStarFigureSchema>;

export const northStarScopeSchema = z.object({
  scope: z.string(),
  /** The category's name; null for the platform or a category not synced. */
  name: z.string().nullable(),
  figures: z.array(northStarFigureSchema),
});
export type NorthStarScope = z.infer<typeof northStarScopeSchema>;

export const northStarSchema = z.object({
  /** The newest kpi_points minute, RFC 3339 in +08:00: "now" for the comparison; null = no points. */
  asOf: z.string().nullable(),
  /** The Asia/Shanghai day of asOf, YYYY-MM-DD; null = no points. */
  day: z.string().nullable(),
  /** The platform first, then the categories by name, then scopes whose category is not synced. */
  scopes: z.array(northStarScopeSchema),
});
export type NorthStar = z.infer<typeof northStarSchema>;

export const kpiTargetSchema = z.object({
  scope: z.string().min(1).max(200),
  metric: kpiMetricSchema,
  value: z.number().finite().nonnegative(),
});
export type KpiTarget = z.infer<typeof kpiTargetSchema>;

export const setTargetInputSchema = z
  .object({
    scope: z.string().min(1).max(200),
    metric: kpiMetricSchema,
    /** In the metric's own unit; null clears the target. */
    value: z.number().finite().nonnegative().nullable(),
  })
  .strict()
  .refine((t) => t.value === null || METRIC_UNIT[t.metric] !== 'rate' || t.value <= 1, {
    message: 'a rate target is a decimal in [0, 1]',
    path: ['value'],
  });

const packDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const period = z.object({ from: z.string(), to: z.string() });
const maybe = z.number().nullable();

/** The bi-weekly review pack (双周战略复盘) as electron/core/overview/review-pack.ts builds it. */
export const reviewPackSchema = z.object({
  asOfMs: z.number(),
  /** What every page and sheet is stamped with: the database file's name, as on the CLI. */
  workspace: z.string(),
  periods: z.object({ current: period, previous: period }),
  northStar: z.array(z.object({
    scope: z.string(), scopeName: z.string().nullable(), metric: kpiMetricSchema,
    current: maybe, previous: maybe, delta: maybe, changeRatio: maybe,
  })),
  merchants: z.object({
    groupedBy: z.enum(['tier', 'shop_type']),
    snapshotId: z.number().nullable(),
    rows: z.array(z.object({
      group: z.string(), merchants: z.number(), skuCount: z.number(), activeSkuCount: z.number(),
      sellThrough: maybe, previousSellThrough: maybe, orders: z.number(), refundOrders: z.number(),
      returnRate: maybe, previousReturnRate: maybe,
    })),
  }),
  slaSummary: z.array(z.object({
    severity: z.string(), opened: z.number(), acknowledged: z.number(), met: z.number(), breached: z.number(),
    pending: z.number(), metRate: maybe, previousOpened: z.number(), previousMetRate: maybe,
  })),
  alerts: z.array(z.object({
    id: z.string(), title: z.string(), severity: z.string(), status: z.string(), openedAt: z.string(),
    slaDueAt: z.string(), acknowledgedAt: z.string().nullable(), sla: z.enum(['met', 'breached', 'pending']),
  })),
  coverage: z.array(z.object({
    categoryId: z.string(), categoryName: z.string().nullable(), coreSkus: z.number(), noPrimary: z.number(),
    singleSource: z.number(), covered: z.number(),
  })),
  okrTeams: z.array(z.object({
    id: z.string(), name: z.string(), status: z.string(), startsOn: z.string(), endsOn: z.string(),
    leadName: z.string().nullable(), categoryName: z.string().nullable(), keyResults: z.number(),
    progress: maybe, timeElapsed: z.number(),
  })),
  meeting: z.object({
    notes: z.array(z.object({ id: z.string(), meetingOn: z.string(), title: z.string(), body: z.string(), updatedAt: z.string() })),
    actions: z.array(z.object({
      id: z.string(), noteId: z.string().nullable(), title: z.string(), owner: z.string(), dueOn: z.string().nullable(),
      status: z.enum(['open', 'done']),
      convertedTo: z.object({ kind: z.enum(['okr_checkin', 'alert_comment']), targetId: z.string(), commandId: z.string() }).nullable(),
      updatedAt: z.string(),
    })),
  }),
});
export type ReviewPackView = z.infer<typeof reviewPackSchema>;

/** The label of the totals row that closes the pack's merchant and coverage grids. */
export const PACK_TOTAL_LABEL = '合计 Total';

/** Without dates: the 14 days ending at the data's as-of date, against the 14 before. */
export const reviewPackInputSchema = z
  .object({ from: packDate.optional(), to: packDate.optional() })
  .strict()
  .refine((p) => p.from === undefined || p.to !== undefined, { message: 'from needs to', path: ['to'] })
  .refine((p) => p.from === undefined || p.to === undefined || p.from <= p.to, { message: 'from is after to', path: ['from'] });

/** The pack as an .xlsx workbook, for the renderer to save: the file's name and its bytes. */
export const reviewPackWorkbookSchema = z.object({ fileName: z.string(), base64: z.string() });

/** The as-of stamp a printed board carries: the data's newest point of time and the workspace. */
export const dataStampSchema = z.object({ asOfMs: z.number().nullable(), workspace: z.string() });

export const overviewMethods = {
  'overview.northStar': query(z.object({}).strict(), northStarSchema, { synced: true }),
  'overview.setTarget': mutation(setTargetInputSchema, z.array(kpiTargetSchema)),
  'overview.reviewPack': query(reviewPackInputSchema, reviewPackSchema, { synced: true }),
  'overview.reviewPackWorkbook': query(reviewPackInputSchema, reviewPackWorkbookSchema, { synced: true }),
  'overview.dataStamp': query(z.object({}).strict(), dataStampSchema, { synced: true }),
} as const;

/** Magnitudes as each language reads them: 亿 and 万 in Chinese, B/M/k in English. */
const MAGNITUDES = {
  'zh-CN': [{ at: 100_000_000, unit: '亿' }, { at: 10_000, unit: '万' }],
  en: [{ at: 1_000_000_000, unit: 'B' }, { at: 1_000_000, unit: 'M' }, { at: 1_000, unit: 'k' }],
} as const;

/**
 * A figure as Chinese operations staff read it: money in 万/亿 yuan (元), counts in 万/亿, rates as
 * percentages, hours with one decimal; English uses ¥ and B/M/k.
 */
export function formatKpiValue(metric: KpiMetric, value: number | null, language: 'zh-CN' | 'en' = 'zh-CN'): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const unit = METRIC_UNIT[metric];
  if (unit === 'rate') return `${(value * 100).toFixed(2)}%`;
  if (unit === 'hours') return language === 'en' ? `${value.toFixed(1)} h` : `${value.toFixed(1)} 小时`;
  const amount = unit === 'fen' ? value / 100 : value;
  const magnitude = MAGNITUDES[language].find((m) => Math.abs(amount) >= m.at);
  const number = magnitude ? `${(amount / magnitude.at).toFixed(2)}${magnitude.unit}` : Math.round(amount).toLocaleString('en-US');
  if (unit !== 'fen') return number;
  return language === 'en' ? `¥${number}` : `${number}元`;
}

/** A change against yesterday: ±x.x% for counters, ±x.xx pt (百分点) for rates, ±x.x h for hours. */
export function formatKpiChange(metric: KpiMetric, figure: Pick<NorthStarFigure, 'delta' | 'changeRatio'>, language: 'zh-CN' | 'en' = 'zh-CN'): string {
  const unit = METRIC_UNIT[metric];
  const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '±');
  if (unit === 'rate') {
    if (figure.delta === null) return '—';
    return `${sign(figure.delta)}${Math.abs(figure.delta * 100).toFixed(2)}${language === 'en' ? ' pt' : '个百分点'}`;
  }
  if (unit === 'hours') {
    if (figure.delta === null) return '—';
    return `${sign(figure.delta)}${Math.abs(figure.delta).toFixed(1)}${language === 'en' ? ' h' : ' 小时'}`;
  }
  if (figure.changeRatio === null) return '—';
  return `${sign(figure.changeRatio)}${Math.abs(figure.changeRatio * 100).toFixed(1)}%`;
}
