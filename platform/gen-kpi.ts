/**
 * Per-minute KPI points for the platform and the first few level-1 categories. Position =
 * minute * series + series index; ids kp_<yyyymmddHHMM>_<series> sort in feed order.
 * Values follow a Chinese e-commerce day: quiet before dawn, peaks at 10:00, 15:00 and 21:00–23:00.
 */
import { KPI_METRICS } from './contract';
import { CATEGORY_TREE } from './names';
import { Rng, hash3, unit } from './rng';
import { GLOBAL_SCOPE, pad, type BaseSource, type Rec } from './source';
import { MINUTE_MS, formatDate, formatTs } from './time';
import { SALTS, type World } from './world';

const HOURLY = [0.35, 0.2, 0.12, 0.08, 0.06, 0.07, 0.15, 0.35, 0.6, 0.85, 1.0, 0.95, 0.85, 0.9, 0.95, 0.9, 0.85, 0.8, 0.85, 0.95, 1.1, 1.25, 1.2, 0.8];
const L1_SHARE = [0.24, 0.15, 0.12, 0.1, 0.12, 0.07, 0.06, 0.04, 0.03, 0.03, 0.02, 0.02];

export class KpiSource implements BaseSource {
  readonly scopes: { id: string; categoryIndex: number; share: number; priceYuan: number }[] = [];
  readonly series: number;
  readonly firstMinuteMs: number;
  readonly minutes: number;

  constructor(private readonly world: World) {
    this.scopes.push({ id: 'platform', categoryIndex: GLOBAL_SCOPE, share: 1, priceYuan: 120 });
    const l1s = world.categories.filter((c) => c.level === 1).slice(0, world.scale.kpiCategories);
    for (const c of l1s) {
      this.scopes.push({ id: c.id, categoryIndex: c.index, share: L1_SHARE[c.l1Ordinal] ?? 0.02, priceYuan: CATEGORY_TREE[c.l1Ordinal]?.priceYuan ?? 100 });
    }
    this.series = this.scopes.length * KPI_METRICS.length;
    this.minutes = world.scale.kpiDays * 1440;
    this.firstMinuteMs = Math.floor(world.startMs / MINUTE_MS) * MINUTE_MS - this.minutes * MINUTE_MS;
  }

  get count(): number {
    return this.minutes * this.series;
  }

  /** Id of a point for any minute (also the live ones after start). */
  idFor(minuteMs: number, series: number): string {
    const ts = formatTs(minuteMs); // 2026-11-11T10:00:00+08:00
    return `kp_${ts.slice(0, 4)}${ts.slice(5, 7)}${ts.slice(8, 10)}${ts.slice(11, 13)}${ts.slice(14, 16)}_${pad(series, 2)}`;
  }

  idAt(pos: number): string {
    return this.idFor(this.firstMinuteMs + Math.floor(pos / this.series) * MINUTE_MS, pos % this.series);
  }

  scopeAt(pos: number): number {
    return this.scopes[Math.floor((pos % this.series) / KPI_METRICS.length)]?.categoryIndex ?? GLOBAL_SCOPE;
  }

  posOf(id: string): number {
    const m = /^kp_(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})_(\d{2})$/.exec(id);
    if (!m) return -1;
    const ms = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`);
    const minute = (ms - this.firstMinuteMs) / MINUTE_MS;
    const series = Number(m[6]);
    if (!Number.isInteger(minute) || minute < 0 || minute >= this.minutes || series >= this.series) return -1;
    return minute * this.series + series;
  }

  recordAt(pos: number): Rec {
    const minuteMs = this.firstMinuteMs + Math.floor(pos / this.series) * MINUTE_MS;
    return this.point(minuteMs, pos % this.series, 1, 1, 1);
  }

  /**
   * One point. `fraction` < 1 is a minute still in progress (live: counters grow during the
   * minute); `shock` multiplies the bad metrics during an incident.
   */
  point(minuteMs: number, series: number, version: number, fraction: number, shock: number): Rec {
    const scope = this.scopes[Math.floor(series / KPI_METRICS.length)] ?? this.scopes[0];
    const metric = KPI_METRICS[series % KPI_METRICS.length] ?? 'orders';
    const rng = new Rng(hash3(this.world.seed, SALTS.kpi ^ series, minuteMs / MINUTE_MS));
    const ts = formatTs(minuteMs);
    const hour = Number(ts.slice(11, 13));
    const minuteOfHour = Number(ts.slice(14, 16));
    const next = HOURLY[(hour + 1) % 24] ?? 1;
    const curve = (HOURLY[hour] ?? 1) + ((next - (HOURLY[hour] ?? 1)) * minuteOfHour) / 60;
    const mmdd = formatDate(minuteMs).slice(5);
    const promo = mmdd === '11-11' ? 4 : mmdd === '11-10' ? 1.6 : 1;
    const noise = 0.9 + 0.2 * rng.float();
    const peakOrders = Math.max(20, this.world.scale.merchants * 0.02);
    const orders = Math.round(peakOrders * (scope?.share ?? 1) * curve * promo * noise * fraction);
    const dailyWobble = unit(hash3(this.world.seed, series, Math.floor(minuteMs / 86_400_000)));
    let value: number;
    switch (metric) {
      case 'gmv_fen': value = orders * Math.round((scope?.priceYuan ?? 100) * (0.85 + 0.3 * rng.float())) * 100; break;
      case 'orders': value = orders; break;
      case 'paying_buyers': value = Math.round(orders * (0.86 + 0.08 * rng.float())); break;
      case 'conversion_rate': value = round4((0.025 + 0.01 * dailyWobble) * (0.9 + 0.2 * rng.float()) * (promo > 1 ? 1.4 : 1) / shock); break;
      case 'payment_success_rate': value = round4(Math.min(1, (0.968 + 0.025 * rng.float()) / (shock > 1 ? 1 + (shock - 1) * 0.05 : 1))); break;
      case 'refund_rate': value = round4(Math.min(1, (0.035 + 0.02 * dailyWobble + 0.01 * rng.float()) * shock)); break;
      default: value = Math.round((34 + 12 * dailyWobble + 4 * rng.float()) * shock * 10) / 10; break;
    }
    return {
      id: this.idFor(minuteMs, series),
      version,
      updated_at: formatTs(minuteMs + Math.round(fraction * MINUTE_MS)),
      metric,
      scope: scope?.id ?? 'platform',
      ts,
      value,
    };
  }
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
