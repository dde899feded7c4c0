/**
 * The bi-weekly review pack (双周战略复盘): this fortnight against the previous one, read straight
 * from the synced tables with SQL aggregates. Sections: north-star figures, merchant sell-through
 * and return rate by tier (or by shop type before any tier snapshot), alerts and their SLA record,
 * supplier coverage of core SKUs, OKR teams. The workbook writer (review-pack-workbook.ts) only lays
 * these out.
 */
import type Database from 'better-sqlite3';
import { PACK_TOTAL_LABEL } from '../api/overview';
import { shanghaiDay, shanghaiTimestamp } from '../time';
import { meetingRows } from './meeting-pack';
import { OverviewService, type WindowFigure } from './service';

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET = '+08:00';
/** Every alert gets a response within 2 hours of opening unless the platform set its own due time. */
const RESPONSE_SLA_MS = 2 * 3_600_000;
export const PACK_DAYS = 14;

export interface Period {
  from: string;
  to: string;
}

export interface PackPeriods {
  current: Period;
  previous: Period;
}

export interface MerchantGroupRow {
  group: string;
  merchants: number;
  skuCount: number;
  activeSkuCount: number;
  /** Σ active_sku_count / Σ sku_count; null without SKUs. */
  sellThrough: number | null;
  previousSellThrough: number | null;
  orders: number;
  refundOrders: number;
  /** Σ refund_orders / Σ orders; null without orders. */
  returnRate: number | null;
  previousReturnRate: number | null;
}

export type SlaOutcome = 'met' | 'breached' | 'pending';

export interface AlertRow {
  id: string;
  title: string;
  severity: string;
  status: string;
  openedAt: string;
  slaDueAt: string;
  acknowledgedAt: string | null;
  /** met = acknowledged by sla_due_at; breached = acknowledged late or still not by the as-of time; pending = not yet due. */
  sla: SlaOutcome;
}

export interface SlaSummaryRow {
  severity: string;
  opened: number;
  acknowledged: number;
  met: number;
  breached: number;
  pending: number;
  /** met / (met + breached); null when none is decided yet. */
  metRate: number | null;
  previousOpened: number;
  previousMetRate: number | null;
}

export interface CoverageRow {
  categoryId: string;
  categoryName: string | null;
  coreSkus: number;
  noPrimary: number;
  singleSource: number;
  covered: number;
}

export interface OkrTeamRow {
  id: string;
  name: string;
  status: string;
  startsOn: string;
  endsOn: string;
  leadName: string | null;
  categoryName: string | null;
  keyResults: number;
  /** Mean KR progress (current − start) / (target − start), each clamped to [0, 1]; null without KRs. */
  progress: number | null;
  /** Share of the team's time elapsed at the end of the period, in [0, 1]. */
  timeElapsed: number;
}

export interface NorthStarPackRow extends WindowFigure {
  scope: string;
  scopeName: string | null;
}

/** A meeting note taken locally (offline) for the review meeting. */
export interface MeetingNoteRow {
  id: string;
  /** The meeting's day, YYYY-MM-DD (Asia/Shanghai). */
  meetingOn: string;
  title: string;
  body: string;
  updatedAt: string;
}

/** An action item agreed in a meeting: who does what by when, and what it became. */
export interface ActionItemRow {
  id: string;
  noteId: string | null;
  title: string;
  owner: string;
  /** YYYY-MM-DD; null = no due date. */
  dueOn: string | null;
  status: 'open' | 'done';
  /** What it was turned into: an OKR check-in note or an alert comment; null = not yet. */
  convertedTo: { kind: 'okr_checkin' | 'alert_comment'; targetId: string; commandId: string } | null;
  updatedAt: string;
}

export interface ReviewPack {
  /** The data's as-of instant (epoch ms): the newest point of time in the data. */
  asOfMs: number;
  periods: PackPeriods;
  northStar: NorthStarPackRow[];
  merchants: { groupedBy: 'tier' | 'shop_type'; snapshotId: number | null; rows: MerchantGroupRow[] };
  slaSummary: SlaSummaryRow[];
  alerts: AlertRow[];
  coverage: CoverageRow[];
  okrTeams: OkrTeamRow[];
  /** Notes of meetings held in the current period, and every action item still open or due/updated in it. */
  meeting: { notes: MeetingNoteRow[]; actions: ActionItemRow[] };
}

/** A real calendar day, YYYY-MM-DD, or an error naming the flag. */
export function parsePackDate(flag: string, text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = match ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;
  if (!match || !Number.isFinite(ms) || new Date(ms).toISOString().slice(0, 10) !== text) {
    throw new Error(`${flag} must be a date YYYY-MM-DD, got "${text}"`);
  }
  return text;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/**
 * The period: given dates, or the 14 days ending at the as-of date; the previous period is as long
 * and ends the day before.
 */
export function packPeriods(asOfDate: string, from?: string, to?: string): PackPeriods {
  if (from !== undefined && to === undefined) throw new Error('--from needs --to');
  const end = to ?? asOfDate;
  const start = from ?? addDays(end, -(PACK_DAYS - 1));
  if (start > end) throw new Error(`--from ${start} is after --to ${end}`);
  const length = daysBetween(start, end) + 1;
  return { current: { from: start, to: end }, previous: { from: addDays(start, -length), to: addDays(start, -1) } };
}

/** A period as instants: 00:00 of the first day to the last second of the last day (Asia/Shanghai). */
function periodWindow(period: Period): { from: number; to: number } {
  return { from: Date.parse(`${period.from}T00:00:00${SHANGHAI_OFFSET}`), to: Date.parse(`${addDays(period.to, 1)}T00:00:00${SHANGHAI_OFFSET}`) - 1000 };
}

function tableExists(sqlite: Database.Database, name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/**
 * The data's as-of time: the newest of the newest KPI minute, the newest alert opening and the
 * newest merchant-metrics day (its 00:00), so that a workspace without live KPIs still has one.
 */
export function dataAsOf(sqlite: Database.Database): number | null {
  const candidates: number[] = [];
  const { newestMs } = new OverviewService({ sqlite }).scopes();
  if (newestMs !== null) candidates.push(newestMs);
  const alertMax = sqlite.prepare('SELECT max(unixepoch(opened_at)) FROM alerts').pluck().get();
  if (typeof alertMax === 'number') candidates.push(alertMax * 1000);
  const metricsDay = sqlite.prepare('SELECT max(date) FROM merchant_metrics').pluck().get();
  if (typeof metricsDay === 'string') candidates.push(Date.parse(`${metricsDay}T00:00:00${SHANGHAI_OFFSET}`));
  const finite = candidates.filter(Number.isFinite);
  return finite.length === 0 ? null : Math.max(...finite);
}

export function buildReviewPack(sqlite: Database.Database, options: { from?: string; to?: string } = {}): ReviewPack {
  const asOfMs = dataAsOf(sqlite);
  if (asOfMs === null) throw new Error('the database holds no synced data yet (run `cockpit sync` first)');
  const periods = packPeriods(shanghaiDay(asOfMs), options.from, options.to);
  return {
    asOfMs,
    periods,
    northStar: northStarRows(sqlite, periods),
    merchants: merchantRows(sqlite, periods),
    ...alertRows(sqlite, periods, asOfMs),
    coverage: coverageRows(sqlite),
    okrTeams: okrTeamRows(sqlite, periods.current.to),
    meeting: meetingRows(sqlite, periods.current),
  };
}

function northStarRows(sqlite: Database.Database, periods: PackPeriods): NorthStarPackRow[] {
  const overview = new OverviewService({ sqlite });
  const current = periodWindow(periods.current);
  const previous = periodWindow(periods.previous);
  return overview.scopes().scopes.flatMap((scope) =>
    overview.windowFigures(scope, current, previous).map((figure) => ({ scope: scope.scope, scopeName: scope.name, ...figure })),
  );
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

/**
 * Sums per group for both periods in one pass over merchant_metrics (its date range), grouped by
 * the latest applied tier snapshot when there is one, else by shop type.
 */
function merchantRows(sqlite: Database.Database, periods: PackPeriods): ReviewPack['merchants'] {
  const snapshotId = tableExists(sqlite, 'merchant_tier_snapshots')
    ? (sqlite.prepare('SELECT max(id) FROM merchant_tier_snapshots').pluck().get() as number | null)
    : null;
  const groupExpr = snapshotId !== null ? "coalesce(a.tier, '(none)')" : 'm.shop_type';
  const tierJoin = snapshotId !== null ? 'LEFT JOIN merchant_tier_assignments a ON a.snapshot_id = @snapshotId AND a.merchant_id = m.id' : '';
  const rows = sqlite
    .prepare(
      `WITH sums AS (
         SELECT merchant_id,
           sum(CASE WHEN date >= @from THEN sku_count ELSE 0 END) AS sku, sum(CASE WHEN date >= @from THEN active_sku_count ELSE 0 END) AS active,
           sum(CASE WHEN date >= @from THEN orders ELSE 0 END) AS orders, sum(CASE WHEN date >= @from THEN refund_orders ELSE 0 END) AS refunds,
           sum(CASE WHEN date < @from THEN sku_count ELSE 0 END) AS prevSku, sum(CASE WHEN date < @from THEN active_sku_count ELSE 0 END) AS prevActive,
           sum(CASE WHEN date < @from THEN orders ELSE 0 END) AS prevOrders, sum(CASE WHEN date < @from THEN refund_orders ELSE 0 END) AS prevRefunds
         FROM merchant_metrics WHERE date >= @prevFrom AND date <= @to GROUP BY merchant_id)
       SELECT ${groupExpr} AS grp, count(*) AS merchants, sum(s.sku) AS sku, sum(s.active) AS active, sum(s.orders) AS orders,
              sum(s.refunds) AS refunds, sum(s.prevSku) AS prevSku, sum(s.prevActive) AS prevActive,
              sum(s.prevOrders) AS prevOrders, sum(s.prevRefunds) AS prevRefunds
       FROM sums s JOIN merchants m ON m.id = s.merchant_id ${tierJoin}
       GROUP BY grp ORDER BY grp`,
    )
    .all({
      from: periods.current.from,
      to: periods.current.to,
      prevFrom: periods.previous.from,
      ...(snapshotId !== null ? { snapshotId } : {}),
    }) as Record<string, number | string>[];
  const groups = rows.map((r) => groupRow(String(r.grp), (key) => Number(r[key] ?? 0)));
  const sumOf = (key: string) => rows.reduce((total, r) => total + Number(r[key] ?? 0), 0);
  return {
    groupedBy: snapshotId !== null ? 'tier' : 'shop_type',
    snapshotId,
    rows: [...groups, groupRow(TOTAL, sumOf)],
  };
}

/** The label of the totals row that closes the merchant and coverage grids. */
export const TOTAL = PACK_TOTAL_LABEL;

function groupRow(group: string, n: (key: string) => number): MerchantGroupRow {
  return {
    group,
    merchants: n('merchants'),
    skuCount: n('sku'),
    activeSkuCount: n('active'),
    sellThrough: ratio(n('active'), n('sku')),
    previousSellThrough: ratio(n('prevActive'), n('prevSku')),
    orders: n('orders'),
    refundOrders: n('refunds'),
    returnRate: ratio(n('refunds'), n('orders')),
    previousReturnRate: ratio(n('prevRefunds'), n('prevOrders')),
  };
}

/** SLA outcome of one alert, seen at the as-of time. */
export function slaOutcome(slaDueMs: number, acknowledgedMs: number | null, asOfMs: number): SlaOutcome {
  if (acknowledgedMs !== null) return acknowledgedMs <= slaDueMs ? 'met' : 'breached';
  return asOfMs > slaDueMs ? 'breached' : 'pending';
}

function alertRows(sqlite: Database.Database, periods: PackPeriods, asOfMs: number): Pick<ReviewPack, 'alerts' | 'slaSummary'> {
  const current = periodWindow(periods.current);
  const previous = periodWindow(periods.previous);
  const rows = sqlite
    .prepare(
      `SELECT id, title, severity, status, opened_at AS openedAt, sla_due_at AS slaDueAt, acknowledged_at AS acknowledgedAt,
              unixepoch(opened_at) * 1000 AS openedMs, unixepoch(sla_due_at) * 1000 AS dueMs, unixepoch(acknowledged_at) * 1000 AS ackMs
       FROM alerts WHERE unixepoch(opened_at) BETWEEN @from AND @to ORDER BY unixepoch(opened_at), id`,
    )
    .all({ from: previous.from / 1000, to: current.to / 1000 }) as {
      id: string; title: string; severity: string; status: string; openedAt: string; slaDueAt: string | null;
      acknowledgedAt: string | null; openedMs: number; dueMs: number | null; ackMs: number | null;
    }[];
  const decided = rows.map((r) => {
    const dueMs = r.dueMs ?? r.openedMs + RESPONSE_SLA_MS;
    return {
      row: {
        id: r.id, title: r.title, severity: r.severity, status: r.status, openedAt: r.openedAt,
        slaDueAt: r.slaDueAt ?? shanghaiTimestamp(dueMs), acknowledgedAt: r.acknowledgedAt,
        sla: slaOutcome(dueMs, r.ackMs, asOfMs),
      } satisfies AlertRow,
      inCurrent: r.openedMs >= current.from,
    };
  });
  const severities = [...new Set(decided.map((d) => d.row.severity))].sort();
  const slaSummary = severities.map((severity) => {
    const mine = decided.filter((d) => d.row.severity === severity);
    const now = mine.filter((d) => d.inCurrent).map((d) => d.row);
    const before = mine.filter((d) => !d.inCurrent).map((d) => d.row);
    const count = (list: AlertRow[], outcome: SlaOutcome) => list.filter((a) => a.sla === outcome).length;
    const metRate = (list: AlertRow[]) => ratio(count(list, 'met'), count(list, 'met') + count(list, 'breached'));
    return {
      severity,
      opened: now.length,
      acknowledged: now.filter((a) => a.acknowledgedAt !== null).length,
      met: count(now, 'met'),
      breached: count(now, 'breached'),
      pending: count(now, 'pending'),
      metRate: metRate(now),
      previousOpened: before.length,
      previousMetRate: metRate(before),
    };
  });
  return { alerts: decided.filter((d) => d.inCurrent).map((d) => d.row), slaSummary };
}

/**
 * Core SKUs by usable links (qualification `qualified`, supplier `active` or `probation`):
 * no_primary without a usable primary, single_source without a usable backup, else covered.
 */
function coverageRows(sqlite: Database.Database): CoverageRow[] {
  const rows = sqlite
    .prepare(
      `WITH usable AS (
         SELECT l.sku_id, sum(l.role = 'primary') AS primaries, sum(l.role = 'backup') AS backups
         FROM supply_links l JOIN suppliers s ON s.id = l.supplier_id
         WHERE l.qualification = 'qualified' AND s.status IN ('active', 'probation')
         GROUP BY l.sku_id),
       states AS (
         SELECT k.category_id,
                CASE WHEN coalesce(u.primaries, 0) = 0 THEN 'no_primary' WHEN coalesce(u.backups, 0) = 0 THEN 'single_source' ELSE 'covered' END AS state
         FROM skus k LEFT JOIN usable u ON u.sku_id = k.id WHERE k.is_core = 1)
       SELECT st.category_id AS categoryId, c.name AS categoryName, count(*) AS coreSkus,
              sum(state = 'no_primary') AS noPrimary, sum(state = 'single_source') AS singleSource, sum(state = 'covered') AS covered
       FROM states st LEFT JOIN categories c ON c.id = st.category_id
       GROUP BY st.category_id ORDER BY noPrimary + singleSource DESC, st.category_id`,
    )
    .all() as CoverageRow[];
  const sum = (key: 'coreSkus' | 'noPrimary' | 'singleSource' | 'covered') => rows.reduce((total, r) => total + r[key], 0);
  return [
    ...rows,
    { categoryId: TOTAL, categoryName: TOTAL, coreSkus: sum('coreSkus'), noPrimary: sum('noPrimary'), singleSource: sum('singleSource'), covered: sum('covered') },
  ];
}

/** Teams with their status, lead, KR count and mean progress at the end of the period. */
function okrTeamRows(sqlite: Database.Database, periodEnd: string): OkrTeamRow[] {
  const rows = sqlite
    .prepare(
      `SELECT t.id, t.name, t.status, t.starts_on AS startsOn, t.ends_on AS endsOn, p.name AS leadName, c.name AS categoryName,
              count(k.id) AS keyResults,
              avg(CASE WHEN k.id IS NULL THEN NULL WHEN k.target_value = k.start_value THEN (k.current_value >= k.target_value) * 1.0
                       ELSE max(0.0, min(1.0, (k.current_value - k.start_value) * 1.0 / (k.target_value - k.start_value))) END) AS progress
       FROM okr_teams t
       LEFT JOIN people p ON p.id = t.lead_id
       LEFT JOIN categories c ON c.id = t.category_id
       LEFT JOIN objectives o ON o.team_id = t.id
       LEFT JOIN key_results k ON k.objective_id = o.id
       GROUP BY t.id ORDER BY CASE t.status WHEN 'active' THEN 0 WHEN 'forming' THEN 1 ELSE 2 END, t.name, t.id`,
    )
    .all() as (Omit<OkrTeamRow, 'timeElapsed'> & { progress: number | null })[];
  return rows.map((row) => {
    const span = daysBetween(row.startsOn, row.endsOn);
    const elapsed = daysBetween(row.startsOn, periodEnd);
    return { ...row, timeElapsed: span <= 0 ? (elapsed >= 0 ? 1 : 0) : Math.max(0, Math.min(1, elapsed / span)) };
  });
}

