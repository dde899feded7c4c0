/**
 * The north-star arithmetic, without a database: Asia/Shanghai days, the two comparison windows,
 * a day's figure from the per-minute aggregates SQL hands back, the change against yesterday and
 * the per-minute sparkline.
 */
import { METRIC_AGGREGATION, type KpiMetric } from '../api/overview';
import { shanghaiDayStart } from '../time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
export interface ComparisonWindows {
  /** Today 00:00 up to now, both ends included (epoch ms). */
  today: { from: number; to: number };
  /** Yesterday 00:00 up to the same time of day, both ends included. */
  yesterday: { from: number; to: number };
  /** Minutes in today's sparkline: 00:00 up to now's minute. */
  minutes: number;
}

/** "Today so far against the same time yesterday", with now = the newest point. */
export function comparisonWindows(nowMs: number): ComparisonWindows {
  const todayStart = shanghaiDayStart(nowMs);
  return {
    today: { from: todayStart, to: nowMs },
    yesterday: { from: todayStart - DAY_MS, to: nowMs - DAY_MS },
    minutes: Math.floor((nowMs - todayStart) / MINUTE_MS) + 1,
  };
}

/**
 * What SQL hands back for one metric in one window: Σ value, the plain mean, and the sums the
 * weighted means need (over the minutes that also have an `orders` point).
 */
export interface MetricAggregate {
  points: number;
  total: number;
  mean: number;
  /** Σ orders × value and Σ orders, for order-weighted figures. */
  orderWeightedTotal: number | null;
  orderWeight: number | null;
  /** Σ orders and Σ orders / value over minutes with value > 0, for visitor-weighted figures. */
  visitorNumerator: number | null;
  visitorDenominator: number | null;
}

/**
 * One day's figure. Counters add up; rates weigh each minute by its traffic (see
 * METRIC_AGGREGATION); a window without orders falls back to the plain mean of the minutes.
 */
export function dayFigure(metric: KpiMetric, aggregate: MetricAggregate | undefined): number | null {
  if (!aggregate || aggregate.points === 0) return null;
  switch (METRIC_AGGREGATION[metric]) {
    case 'sum':
      return aggregate.total;
    case 'order_weighted':
      return aggregate.orderWeight && aggregate.orderWeightedTotal !== null
        ? aggregate.orderWeightedTotal / aggregate.orderWeight
        : aggregate.mean;
    case 'visitor_weighted':
      return aggregate.visitorDenominator && aggregate.visitorNumerator !== null
        ? aggregate.visitorNumerator / aggregate.visitorDenominator
        : aggregate.mean;
  }
}

/** today − yesterday and its ratio to yesterday; null where it cannot be said. */
export function compare(today: number | null, yesterday: number | null): { delta: number | null; changeRatio: number | null } {
  if (today === null || yesterday === null) return { delta: null, changeRatio: null };
  const delta = today - yesterday;
  return { delta, changeRatio: yesterday === 0 ? null : delta / yesterday };
}

/** Per-minute values placed at their minute of today (index 0 = 00:00); gaps stay null. */
export function placeSparkline(points: readonly { minute: number; value: number }[], minutes: number): (number | null)[] {
  const line: (number | null)[] = new Array<number | null>(minutes).fill(null);
  for (const { minute, value } of points) {
    if (Number.isInteger(minute) && minute >= 0 && minute < minutes) line[minute] = value;
  }
  return line;
}
