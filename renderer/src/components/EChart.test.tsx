/** EChart hands clicks on series items to its `onClick`, on the current instance only. */
import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ThemeModeContext } from './appearance';
import { EChart, type EChartClickParams } from './EChart';

type Handler = (params: unknown) => void;

/** A stand-in for an ECharts instance (jsdom has no canvas): it records what is registered on it. */
function fakeChart() {
  const handlers = new Map<string, Set<Handler>>();
  let disposed = false;
  return {
    handlers,
    on: vi.fn((name: string, handler: Handler) => {
      const set = handlers.get(name) ?? new Set<Handler>();
      set.add(handler);
      handlers.set(name, set);
    }),
    off: vi.fn((name: string, handler: Handler) => void handlers.get(name)?.delete(handler)),
    setOption: vi.fn(),
    resize: vi.fn(),
    // As ECharts does: a disposed instance drops its handlers.
    dispose: vi.fn(() => {
      handlers.clear();
      disposed = true;
    }),
    isDisposed: () => disposed,
    click(params: unknown) {
      for (const handler of handlers.get('click') ?? []) handler(params);
    },
  };
}

const charts = vi.hoisted(() => ({ made: [] as ReturnType<typeof fakeChart>[] }));

vi.mock('echarts/core', () => ({
  use: () => undefined,
  // Called at render time, when fakeChart is defined.
  init: () => {
    const chart = fakeChart();
    charts.made.push(chart);
    return chart;
  },
}));

const edge: EChartClickParams = { componentType: 'series', seriesType: 'sankey', dataType: 'edge', dataIndex: 2, name: 'a > b', value: 7, data: { source: 'a', target: 'b', value: 7 } };

beforeEach(() => {
  charts.made = [];
});

describe('EChart onClick', () => {
  it('passes a click on the chart to the handler', () => {
    const onClick = vi.fn();
    render(<EChart option={{}} ariaLabel="chart" onClick={onClick} />);
    const [chart] = charts.made;
    expect(chart!.on).toHaveBeenCalledWith('click', expect.any(Function));
    chart!.click(edge);
    expect(onClick).toHaveBeenCalledWith(edge);
  });

  it('registers nothing without a handler', () => {
    render(<EChart option={{}} ariaLabel="chart" />);
    expect(charts.made[0]!.on).not.toHaveBeenCalled();
  });

  it('swaps the handler when it changes, and leaves none behind on unmount', () => {
    const first = vi.fn();
    const second = vi.fn();
    const view = render(<EChart option={{}} ariaLabel="chart" onClick={first} />);
    view.rerender(<EChart option={{}} ariaLabel="chart" onClick={second} />);
    const chart = charts.made[0]!;
    expect(chart.handlers.get('click')?.size).toBe(1);
    chart.click(edge);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(chart.handlers.get('click')?.size ?? 0).toBe(0);
    expect(chart.dispose).toHaveBeenCalled();
  });

  it('registers on the new instance when the theme changes', () => {
    const onClick = vi.fn();
    const view = render(
      <ThemeModeContext.Provider value="light">
        <EChart option={{}} ariaLabel="chart" onClick={onClick} />
      </ThemeModeContext.Provider>,
    );
    view.rerender(
      <ThemeModeContext.Provider value="dark">
        <EChart option={{}} ariaLabel="chart" onClick={onClick} />
      </ThemeModeContext.Provider>,
    );
    expect(charts.made).toHaveLength(2);
    const [old, current] = charts.made;
    expect(old!.isDisposed()).toBe(true);
    current!.click(edge);
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});
