/**
 * ECharts, tree-shaken: only `echarts/core` and the parts registered below reach the bundle
 * (the full package is about 1 MB of JS). A board needing another chart type adds it here.
 */
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useThemeMode } from './appearance';
import { registerExportable } from './board-export/exportables';

echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export type EChartOption = echarts.EChartsCoreOption;

/** What ECharts hands a click on a series item: `dataType` is 'node' or 'edge' on graphs and Sankeys; `data` is the item as given in the option. */
export interface EChartClickParams {
  componentType: string;
  seriesType?: string;
  dataType?: string;
  dataIndex: number;
  name: string;
  value: unknown;
  data: unknown;
}

interface EChartProps {
  option: EChartOption;
  /** Read by screen readers; the canvas itself says nothing. */
  ariaLabel: string;
  height?: number | string;
  /** A click on a series item (a bar, a Sankey node or link). */
  onClick?: (params: EChartClickParams) => void;
}

export function EChart({ option, ariaLabel, height = 320, onClick }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<echarts.ECharts | null>(null);
  const themeMode = useThemeMode();

  // A theme is fixed at init: switching means a new instance.
  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = echarts.init(container, themeMode === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chartRef.current = chart;
    const resizeObserver = new ResizeObserver(() => chart.resize());
    resizeObserver.observe(container);
    return () => {
      resizeObserver.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [themeMode]);

  // "Export this board" takes the chart as drawn, on the page's own background (a PNG has none).
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    const background = themeMode === 'dark' ? '#141414' : '#ffffff';
    return registerExportable({
      kind: 'chart',
      title: ariaLabel,
      read: () => (chart.isDisposed() || chart.getWidth() === 0 ? null : { dataUrl: chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: background }), width: chart.getWidth(), height: chart.getHeight() }),
    });
  }, [ariaLabel, themeMode]);

  useEffect(() => {
    // Transparent so the chart sits on the card's own background in both themes.
    chartRef.current?.setOption({ backgroundColor: 'transparent', aria: { enabled: true }, ...option }, { notMerge: true });
  }, [option, themeMode]);

  // Registered on the current instance (a new theme is a new one), removed when the handler changes.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !onClick) return;
    const handler = (params: unknown) => onClick(params as EChartClickParams);
    chart.on('click', handler);
    return () => {
      if (!chart.isDisposed()) chart.off('click', handler);
    };
  }, [onClick, themeMode]);

  // ECharts' aria component writes its own generated description onto the element it draws in:
  // our label sits on a wrapper so the accessible name stays the one we chose.
  return (
    <div role="img" aria-label={ariaLabel} style={{ width: '100%', height }}>
      <div ref={containerRef} style={{ width: '100%', height: '100%' }} />
    </div>
  );
}
