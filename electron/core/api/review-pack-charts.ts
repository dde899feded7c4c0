/**
 * What the review pack's charts show, as plain data: their categories, series, stacks and colours.
 * The board draws them on screen in the user's language and the core draws them into the workbook
 * with bilingual names; each side adds its own layout (title, legend, tooltip, bar widths), so the
 * screen and the paper never disagree about the figures.
 */
import { PACK_TOTAL_LABEL, type ReviewPackView } from './overview';

type Pack = Pick<ReviewPackView, 'merchants' | 'slaSummary' | 'coverage' | 'okrTeams'>;

export interface BarSeries {
  type: 'bar';
  name: string;
  data: (number | null)[];
  stack?: string;
  itemStyle?: { color: string };
}

/** Axes and series of one bar chart, ready to spread into an ECharts option. */
export interface BarChartBody {
  xAxis: Record<string, unknown>;
  yAxis: Record<string, unknown>;
  series: BarSeries[];
}

/** A share (0–1) as a percentage with one decimal, as the charts plot it. */
export function toPercent(share: number | null): number | null {
  return share === null ? null : Math.round(share * 1000) / 10;
}

const PERCENT_AXIS = { type: 'value', axisLabel: { formatter: '{value}%' } } as const;
const COUNT_AXIS = { type: 'value', minInterval: 1 } as const;

export const SLA_OUTCOMES = [
  { key: 'met', color: '#52c41a' },
  { key: 'breached', color: '#f5222d' },
  { key: 'pending', color: '#bfbfbf' },
] as const;
export type SlaOutcome = (typeof SLA_OUTCOMES)[number]['key'];

export const COVERAGE_STATES = [
  { key: 'noPrimary', color: '#f5222d' },
  { key: 'singleSource', color: '#faad14' },
  { key: 'covered', color: '#52c41a' },
] as const;
export type CoverageState = (typeof COVERAGE_STATES)[number]['key'];

const TIME_ELAPSED_COLOR = '#bfbfbf';

type MerchantRow = Pack['merchants']['rows'][number];
export type MerchantShare = 'sellThrough' | 'previousSellThrough' | 'returnRate' | 'previousReturnRate';

/** Merchant groups (totals row left out) against the shares asked for, one series each. */
export function merchantsChart(pack: Pack, groupName: (group: string) => string, shares: readonly { key: MerchantShare; name: string }[]): BarChartBody {
  const groups = pack.merchants.rows.filter((row) => row.group !== PACK_TOTAL_LABEL);
  return {
    xAxis: { type: 'category', data: groups.map((row) => groupName(row.group)) },
    yAxis: PERCENT_AXIS,
    series: shares.map(({ key, name }) => ({ type: 'bar', name, data: groups.map((row: MerchantRow) => toPercent(row[key])) })),
  };
}

/** Alerts opened this period per severity, stacked by SLA outcome. */
export function slaChart(pack: Pack, names: Record<SlaOutcome, string>): BarChartBody {
  return {
    xAxis: { type: 'category', data: pack.slaSummary.map((row) => row.severity) },
    yAxis: COUNT_AXIS,
    series: SLA_OUTCOMES.map(({ key, color }) => ({ type: 'bar', stack: 'sla', name: names[key], itemStyle: { color }, data: pack.slaSummary.map((row) => row[key]) })),
  };
}

/** Core SKUs per category (totals row left out), stacked by coverage state. */
export function coverageChart(pack: Pack, names: Record<CoverageState, string>): BarChartBody {
  const categories = pack.coverage.filter((row) => row.categoryId !== PACK_TOTAL_LABEL);
  return {
    xAxis: COUNT_AXIS,
    yAxis: { type: 'category', inverse: true, data: categories.map((row) => row.categoryName ?? row.categoryId) },
    series: COVERAGE_STATES.map(({ key, color }) => ({ type: 'bar', stack: 'coverage', name: names[key], itemStyle: { color }, data: categories.map((row) => row[key]) })),
  };
}

/** Each team's mean KR progress beside the share of its time gone. */
export function okrChart(pack: Pack, names: { progress: string; timeElapsed: string }): BarChartBody {
  return {
    xAxis: { ...PERCENT_AXIS, max: 100 },
    yAxis: { type: 'category', inverse: true, data: pack.okrTeams.map((row) => row.name) },
    series: [
      { type: 'bar', name: names.progress, data: pack.okrTeams.map((row) => toPercent(row.progress)) },
      { type: 'bar', name: names.timeElapsed, itemStyle: { color: TIME_ELAPSED_COLOR }, data: pack.okrTeams.map((row) => toPercent(row.timeElapsed)) },
    ],
  };
}

/** The categories the coverage chart draws: its height follows their number. */
export function coverageCategoryCount(pack: Pack): number {
  return pack.coverage.filter((row) => row.categoryId !== PACK_TOTAL_LABEL).length;
}
