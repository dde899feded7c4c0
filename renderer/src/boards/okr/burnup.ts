/**
 * A KR's burn-up as an echarts option: its check-ins (from the start value on the first day) against
 * the ideal line from start to target over the cycle. Pure, so it is tested without a canvas.
 */
import type { KeyResultRow } from '../../../../electron/core/api/okr';

export interface BurnUpLabels {
  actual: string;
  ideal: string;
}

export interface BurnUpColors {
  actual: string;
  ideal: string;
  text: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** echarts tooltips are HTML: anything that reached us from elsewhere (a KR's unit) is escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The day of an RFC 3339 timestamp or a day, as shown on the axis (MM-DD). */
function dayOf(at: string): string {
  return at.slice(0, 10);
}

/** MM-DD of an axis instant, in the viewer's time zone (the cockpit runs in Asia/Shanghai). */
export function monthDay(value: number): string {
  const date = new Date(value);
  return `${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

export function burnUpPoints(kr: Pick<KeyResultRow, 'startValue' | 'targetValue' | 'checkIns'>, startsOn: string, endsOn: string) {
  const actual: [string, number][] = [[startsOn, kr.startValue]];
  for (const c of kr.checkIns) actual.push([dayOf(c.checkedAt), c.value]);
  const ideal: [string, number][] = [[startsOn, kr.startValue], [endsOn, kr.targetValue]];
  return { actual, ideal };
}

export function burnUpOption(
  kr: Pick<KeyResultRow, 'startValue' | 'targetValue' | 'checkIns' | 'unit'>,
  startsOn: string,
  endsOn: string,
  labels: BurnUpLabels,
  colors: BurnUpColors,
): Record<string, unknown> {
  const { actual, ideal } = burnUpPoints(kr, startsOn, endsOn);
  const unit = escapeHtml(kr.unit);
  const values = [...actual, ...ideal].map(([, v]) => v);
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 28, bottom: 24 },
    legend: { top: 0, right: 0, textStyle: { color: colors.text }, data: [labels.actual, labels.ideal] },
    tooltip: {
      trigger: 'axis',
      formatter: (params: { seriesName: string; value: [string, number] }[]) =>
        params.map((p) => `${escapeHtml(p.seriesName)} ${escapeHtml(p.value[0])}: ${p.value[1]} ${unit}`).join('<br/>'),
    },
    xAxis: {
      type: 'time',
      min: startsOn,
      max: endsOn,
      splitNumber: 4,
      minInterval: 86_400_000,
      // One level of labels (MM-DD): echarts' own time labels add month and year marks that collide on a narrow chart.
      axisLabel: { color: colors.text, hideOverlap: true, formatter: monthDay },
    },
    yAxis: {
      type: 'value',
      min: Math.min(...values),
      max: Math.max(...values),
      axisLabel: { color: colors.text },
      // A decrease KR burns "up" toward a lower value: the axis runs the way the KR should move.
      inverse: kr.targetValue < kr.startValue,
    },
    series: [
      { name: labels.ideal, type: 'line', data: ideal, showSymbol: false, lineStyle: { type: 'dashed', color: colors.ideal }, itemStyle: { color: colors.ideal } },
      { name: labels.actual, type: 'line', data: actual, step: false, symbolSize: 6, lineStyle: { color: colors.actual, width: 2 }, itemStyle: { color: colors.actual } },
    ],
  };
}
