/**
 * The review pack's charts as pictures for the workbook, drawn headless: ECharts renders each
 * option to SVG server-side (its text escaped), resvg rasterises it with the system's fonts (CJK
 * where fonts-noto-cjk or the OS provides them). The CLI and the app share it.
 */
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import { PACK_TOTAL_LABEL } from '../api/overview';
import type { ReviewPack } from './review-pack';

export interface PackChart {
  title: string;
  option: echarts.EChartsCoreOption;
}

export const CHART_WIDTH = 900;
export const CHART_HEIGHT = 380;
const FONT_FAMILY = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif';
const percent = (value: number | null) => (value === null ? null : Math.round(value * 1000) / 10);

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
  const charts: PackChart[] = [];
  const groups = pack.merchants.rows.filter((row) => row.group !== PACK_TOTAL_LABEL);
  if (groups.length > 0) {
    const title = '动销率与退货率 Sell-through & return rate (%)';
    charts.push({
      title,
      option: {
        ...base(title),
        xAxis: { type: 'category', data: groups.map((row) => row.group) },
        yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        series: [
          { type: 'bar', name: '动销率 本期 Sell-through', data: groups.map((row) => percent(row.sellThrough)) },
          { type: 'bar', name: '动销率 上期 Previous', data: groups.map((row) => percent(row.previousSellThrough)) },
          { type: 'bar', name: '退货率 本期 Return rate', data: groups.map((row) => percent(row.returnRate)) },
          { type: 'bar', name: '退货率 上期 Previous', data: groups.map((row) => percent(row.previousReturnRate)) },
        ],
      },
    });
  }
  if (pack.slaSummary.length > 0) {
    const title = '预警 SLA 结果 Alert SLA outcome';
    const outcome = [['met', '达标 Met', '#52c41a'], ['breached', '超时 Breached', '#f5222d'], ['pending', '未到期 Pending', '#bfbfbf']] as const;
    charts.push({
      title,
      option: {
        ...base(title),
        xAxis: { type: 'category', data: pack.slaSummary.map((row) => row.severity) },
        yAxis: { type: 'value', minInterval: 1 },
        series: outcome.map(([key, name, color]) => ({ type: 'bar', stack: 'sla', name, itemStyle: { color }, data: pack.slaSummary.map((row) => row[key]) })),
      },
    });
  }
  const categories = pack.coverage.filter((row) => row.categoryId !== PACK_TOTAL_LABEL);
  if (categories.length > 0) {
    const title = '核心 SKU 供应覆盖 Core SKU coverage';
    const states = [['noPrimary', '无主供 No primary', '#f5222d'], ['singleSource', '单一来源 Single source', '#faad14'], ['covered', '已覆盖 Covered', '#52c41a']] as const;
    charts.push({
      title,
      option: {
        ...base(title),
        xAxis: { type: 'value', minInterval: 1 },
        yAxis: { type: 'category', inverse: true, data: categories.map((row) => row.categoryName ?? row.categoryId) },
        series: states.map(([key, name, color]) => ({ type: 'bar', stack: 'coverage', name, itemStyle: { color }, data: categories.map((row) => row[key]) })),
      },
    });
  }
  if (pack.okrTeams.length > 0) {
    const title = 'OKR 进度与时间 KR progress vs time elapsed (%)';
    charts.push({
      title,
      option: {
        ...base(title),
        xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', inverse: true, data: pack.okrTeams.map((row) => row.name) },
        series: [
          { type: 'bar', name: 'KR 平均进度 Mean progress', data: pack.okrTeams.map((row) => percent(row.progress)) },
          { type: 'bar', name: '时间进度 Time elapsed', itemStyle: { color: '#bfbfbf' }, data: pack.okrTeams.map((row) => percent(row.timeElapsed)) },
        ],
      },
    });
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
