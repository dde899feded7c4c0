/** The merchant grid reads its rows from the core block by block, and pins the totals the core answers. */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { MethodInput } from '../../../../electron/core/api';
import type { MerchantRow } from '../../../../electron/core/api/merchants';
import type { FakeHandlers } from '../../testing/fake-client';
import { renderWithCockpit } from '../../testing/render';
import { BLOCK_SIZE, MerchantGrid, totalsGrowth } from './MerchantGrid';
import './messages';

afterEach(cleanup);

const TOTAL = 1_234;

function merchant(k: number): MerchantRow {
  const id = `m_${String(k).padStart(5, '0')}`;
  return {
    id, name: `店铺 ${k}`, tier: 'smb', computedTier: 'smb', override: null, score: 100 - k / 100,
    metrics: { gmvFen: 1_000_000, gmvPrevFen: 800_000, growth: 0.25, orders: 10, repeatRate: 0.2, refundRate: 0.01, rating: 4.8, sellThrough: 0.5, disputesPer1000: 0 },
    reasons: [], shopType: 'smb', status: 'active', categoryId: 'c', province: '浙江', city: '杭州', earlierTier: null, packageIds: [],
  } as MerchantRow;
}

function handlers(): FakeHandlers {
  return {
    'merchants.list': (input: MethodInput<'merchants.list'>) => {
      const offset = input.offset ?? 0;
      const limit = input.limit ?? 200;
      const rows = Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => merchant(offset + i));
      return { asOf: '2026-11-30', periodDays: 30, total: TOTAL, rows, totals: { gmvFen: 1_234_000_000, gmvPrevFen: 987_200_000, orders: 12_340 }, distribution: { smb: TOTAL }, facets: { shopTypes: {}, statuses: {}, provinces: {} } };
    },
    'merchants.packages': () => [],
  };
}

const listCalls = (view: ReturnType<typeof renderWithCockpit>) => view.client.calls.filter((call) => call.method === 'merchants.list').map((call) => call.input as MethodInput<'merchants.list'>);

/** Rendering antd and ag-grid under jsdom takes seconds on a busy two-core machine. */
const SLOW = { timeout: 60_000 };

describe('MerchantGrid', () => {
  it('reads blocks of the sorted set from the core, pins its totals, and sorts on the core on a header click', { timeout: 150_000 }, async () => {
    const view = renderWithCockpit(<MerchantGrid periodDays={30} tiers={[]} onTiersChange={() => undefined} onOpen={() => undefined} />, { handlers: handlers() });
    await screen.findByTestId('merchant-open-m_00000', {}, SLOW);
    expect(listCalls(view)).toContainEqual({ periodDays: 30, offset: 0, limit: BLOCK_SIZE, sort: { field: 'score', dir: 'desc' } });
    expect((await screen.findByTestId('merchants-totals', {}, SLOW)).textContent).toBe('合计 1,234 家');
    expect(screen.getByTestId('merchants-page').textContent).toContain('共 1,234 家');
    // The totals row has a name cell only: no tick box, no link.
    const pinned = document.querySelector('.ag-grid-pinned-bottom-rows');
    expect(pinned?.querySelector('[data-testid^="merchant-select-"], [data-testid^="merchant-open-"]')).toBeNull();
    fireEvent.click(screen.getByTestId('merchant-sort-gmvFen'));
    await waitFor(() => expect(listCalls(view)).toContainEqual({ periodDays: 30, offset: 0, limit: BLOCK_SIZE, sort: { field: 'gmvFen', dir: 'desc' } }), SLOW);
  });

  it('filters by tier on the core', { timeout: 150_000 }, async () => {
    const view = renderWithCockpit(<MerchantGrid periodDays={30} tiers={['head']} onTiersChange={() => undefined} onOpen={() => undefined} />, { handlers: handlers() });
    await screen.findByTestId('merchant-open-m_00000', {}, SLOW);
    expect(listCalls(view)).toContainEqual({ periodDays: 30, tiers: ['head'], offset: 0, limit: BLOCK_SIZE, sort: { field: 'score', dir: 'desc' } });
  });

  it('filters by override and by package on the core', { timeout: 150_000 }, async () => {
    const view = renderWithCockpit(<MerchantGrid periodDays={30} tiers={[]} onTiersChange={() => undefined} onOpen={() => undefined} />, { handlers: handlers() });
    await screen.findByTestId('merchant-open-m_00000', {}, SLOW);
    const choose = async (testId: string, option: string) => {
      fireEvent.mouseDown(screen.getByTestId(testId).querySelector('.ant-select-selector') ?? screen.getByTestId(testId));
      fireEvent.click(await screen.findByTitle(option, {}, SLOW));
    };
    await choose('merchants-filter-override', '无人工分层');
    await waitFor(() => expect(listCalls(view)).toContainEqual({ periodDays: 30, overridden: false, offset: 0, limit: BLOCK_SIZE, sort: { field: 'score', dir: 'desc' } }), SLOW);
    await choose('merchants-filter-package', '未配发扶持包');
    await waitFor(() => expect(listCalls(view)).toContainEqual({ periodDays: 30, overridden: false, packageId: 'none', offset: 0, limit: BLOCK_SIZE, sort: { field: 'score', dir: 'desc' } }), SLOW);
  });

  it('works out the growth of the whole set as the core does for one merchant', () => {
    expect(totalsGrowth({ totalsOf: 2, gmvFen: 150, gmvPrevFen: 100, orders: 3 })).toBeCloseTo(0.5);
    expect(totalsGrowth({ totalsOf: 2, gmvFen: 150, gmvPrevFen: 0, orders: 3 })).toBeNull();
  });
});
