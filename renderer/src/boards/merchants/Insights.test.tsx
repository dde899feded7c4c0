/** A click on a Sankey link lists that flow's merchants, as clicking its row in the table does. */
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EChartClickParams } from '../../components/EChart';
import type { FakeHandlers } from '../../testing/fake-client';
import { renderWithCockpit } from '../../testing/render';
import { flowOfSankeyClick, Migrations } from './Insights';
import './messages';

/** jsdom has no canvas: the chart is a stand-in that keeps its click handlers, and its last option. */
const chart = vi.hoisted(() => ({
  clicks: new Set<(params: unknown) => void>(),
  option: null as unknown,
}));

vi.mock('echarts/core', () => ({
  use: () => undefined,
  init: () => ({
    on: (_: string, handler: (params: unknown) => void) => chart.clicks.add(handler),
    off: (_: string, handler: (params: unknown) => void) => chart.clicks.delete(handler),
    setOption: (option: unknown) => (chart.option = option),
    resize: () => undefined,
    dispose: () => chart.clicks.clear(),
    isDisposed: () => false,
  }),
}));

afterEach(cleanup);

const snapshot = (id: number) => ({ id, takenAt: `2026-11-0${id}T10:00:00+08:00`, asOf: `2026-11-0${id}`, periodDays: 30, ruleSetVersion: id, ruleSetName: `规则 ${id}`, merchants: 3 });

const handlers: FakeHandlers = {
  'merchants.snapshots': () => [snapshot(1), snapshot(2)],
  'merchants.migrations': () => ({ flows: [{ from: 'head', to: 'head', count: 1 }, { from: 'head', to: 'waist', count: 2 }] }),
  'merchants.migrationMerchants': ({ from, to }) => (from === 'head' && to === 'waist' ? [{ id: 'm_moved', name: '降级的店', fromScore: 91, toScore: 70 }] : []),
};

function sankeyLinks(): { source: string; target: string; from: string; to: string }[] {
  const option = chart.option as { series: { links: { source: string; target: string; from: string; to: string }[] }[] };
  return option.series[0]!.links;
}

describe('the migrations Sankey', () => {
  it('maps a click on a link to its flow, and a click on a node to none', () => {
    const edge: EChartClickParams = { componentType: 'series', seriesType: 'sankey', dataType: 'edge', dataIndex: 1, name: '', value: 2, data: { source: '头部 ·1', target: '腰部 ·2', value: 2, from: 'head', to: 'waist' } };
    expect(flowOfSankeyClick(edge)).toEqual({ from: 'head', to: 'waist' });
    expect(flowOfSankeyClick({ ...edge, dataType: 'node', data: { name: '头部 ·1' } })).toBeNull();
    expect(flowOfSankeyClick({ ...edge, data: null })).toBeNull();
  });

  it('lists the merchants of the link clicked in the chart', { timeout: 120_000 }, async () => {
    const view = renderWithCockpit(<Migrations onOpen={() => undefined} />, { handlers });
    await screen.findByTestId('merchant-flow-head-waist', {}, { timeout: 60_000 });
    await waitFor(() => expect(chart.clicks.size).toBe(1), { timeout: 60_000 });
    const link = sankeyLinks().find((l) => l.from === 'head' && l.to === 'waist');
    expect(link).toBeDefined();
    act(() => {
      for (const click of chart.clicks) click({ componentType: 'series', seriesType: 'sankey', dataType: 'edge', dataIndex: 1, name: '', value: 2, data: link });
    });
    expect(await screen.findByText('降级的店', {}, { timeout: 60_000 })).toBeTruthy();
    expect(screen.getByTestId('merchant-flow-merchants').textContent).toContain('头部 → 腰部');
    expect(view.client.calls.find((call) => call.method === 'merchants.migrationMerchants')?.input).toMatchObject({ fromSnapshotId: 1, toSnapshotId: 2, from: 'head', to: 'waist' });
    // The table marks the same flow as chosen.
    expect(screen.getByTestId('merchant-flow-head-waist').className).toContain('ant-table-row-selected');
  });
});
