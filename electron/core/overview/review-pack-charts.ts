/**
 * The review pack's charts as pictures for the workbook, drawn headless: ECharts renders each
 * option to SVG server-side (its text escaped), resvg rasterises it with the system's fonts (CJK
 * where fonts-noto-cjk or the OS provides them). The CLI and the app share it.
 */
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { PACK_TOTAL_LABEL } from '../api/overview';
import { coverageCategoryCount, coverageChart, merchantsChart, okrChart, slaChart, type BarChartBody } from '../api/review-pack-charts';
import type { ReviewPack } from './review-pack';

export interface PackChart {
  title: string;
  option: echarts.EChartsCoreOption;
}

export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 380;
const FONT_FAMILY = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif';

const base = (title: string): echarts.EChartsCoreOption => ({
  animation: false,
  backgroundColor: '#ffffff',
  textStyle: { fontFamily: FONT_FAMILY },
  title: { text: title, left: 'center', textStyle: { fontSize: 16 } },
  legend: { bottom: 0 },
  grid: { left: 16, right: 24, top: 48, bottom: 40, containLabel: true },
});

/** The charts worth a picture; a section without rows has none. */
export function packCharts(pack: ReviewPack): PackChart[] {
  const chart = (title: string, body: BarChartBody): PackChart => ({ title, option: { ...base(title), ...body } });
  const charts: PackChart[] = [];
  if (pack.merchants.rows.some((row) => row.group !== PACK_TOTAL_LABEL)) {
    const shares = [
      { key: 'sellThrough', name: '动销率 本期 Sell-through' },
      { key: 'previousSellThrough', name: '动销率 上期 Previous' },
      { key: 'returnRate', name: '退货率 本期 Return rate' },
      { key: 'previousReturnRate', name: '退货率 上期 Previous' },
    ] as const;
    charts.push(chart('动销率与退货率 Sell-through & return rate (%)', merchantsChart(pack, (group) => group, shares)));
  }
  if (pack.slaSummary.length > 0) {
    charts.push(chart('预警 SLA 结果 Alert SLA outcome', slaChart(pack, { met: '达标 Met', breached: '超时 Breached', pending: '未到期 Pending' })));
  }
  if (coverageCategoryCount(pack) > 0) {
    charts.push(chart('核心 SKU 供应覆盖 Core SKU coverage', coverageChart(pack, { noPrimary: '无主供 No primary', singleSource: '单一来源 Single source', covered: '已覆盖 Covered' })));
  }
  if (pack.okrTeams.length > 0) {
    charts.push(chart('OKR 进度与时间 KR progress vs time elapsed (%)', okrChart(pack, { progress: 'KR 平均进度 Mean progress', timeElapsed: '时间进度 Time elapsed' })));
  }
  return charts;
}

/** One chart as a PNG at twice its size (crisp on paper). */
export function renderChartPng(option: echarts.EChartsCoreOption, size: { width: number; height: number } = { width: CHART_WIDTH, height: CHART_HEIGHT }): Buffer {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption(option);
    const svg = chart.renderToSVGString();
    return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'Noto Sans CJK SC' }, fitTo: { mode: 'width', value: size.width * 2 } }).render().asPng();
  } finally {
    chart.dispose();
  }
}
