/**
 * Every merchant in scope in one scrolling grid: the core sorts, filters by tier and searches over
 * all 200k, and the grid reads the rows it needs in blocks of BLOCK_SIZE as the user scrolls
 * (ag-grid's infinite row model), keeping a few blocks, never the whole set. Header clicks sort on
 * the core; the tier filter and the search run on the core; a pinned row under the grid sums the
 * whole filtered set; the selection (for bulk actions) spans the whole set.
 */
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import {
  InfiniteRowModelModule,
  ModuleRegistry,
  PinnedRowModule,
  RenderApiModule,
  ScrollApiModule,
  type CellClassParams,
  type CellStyle,
  type ColDef,
  type GridApi,
  type ICellRendererParams,
  type IDatasource,
  type IHeaderParams,
} from 'ag-grid-community';
import type { CheckboxChangeEvent } from 'antd/es/checkbox';
import { App, Button, Checkbox, Flex, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MERCHANT_SORT_FIELDS, type MerchantRow } from '../../../../electron/core/api/merchants';
import { useQueries } from '@tanstack/react-query';
import type { CockpitClient } from '../../api/client';
import { cockpitQueryKey, useCockpitClient } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { csvFileName, downloadCsv, toCsv, type CsvValue } from '../../components/csv-export';
import { numberColumn, untrustedTextColumn } from '../../components/grid-columns';
import { numberText } from '../../components/number-format';
import { ErrorText } from '../../components/ErrorText';
import { QueryError } from '../../components/QueryError';
import { UntrustedText } from '../../components/UntrustedText';
import { useMerchantAction, useMerchantList, usePackages, type ListInput } from './api';
import { AssignPackageForm, ClearOverrideButton, OverrideForm } from './forms';
import { TIER_KEYS, TIER_TAG_COLORS, tierKeyOf, tierLabel, shopTypeWord, statusWord, type MerchantsT, type TierKey } from './format';

// Rows read from the core block by block, a pinned totals row, scrolling and redrawing cells from
// code: registered here so they load with this board's chunk, not with the shell.
ModuleRegistry.registerModules([InfiniteRowModelModule, PinnedRowModule, RenderApiModule, ScrollApiModule]);

/**
 * Rows per read of `merchants.list` as the grid scrolls: about three screens. Each read sorts the
 * whole filtered set on the core whatever its size, but a smaller answer is sent, checked and
 * parsed sooner (at 200k merchants about 80 ms for 100 rows against 190 ms for 500).
 */
export const BLOCK_SIZE = 100;
/**
 * Blocks kept in the grid (300 rows: a tall screen's rows span at most two); the furthest from view
 * are dropped and read again if scrolled back to. Few, because a refresh (after an action, and every
 * second while a sync writes) reads every kept block again, each one a sort of the whole set on the core.
 */
const MAX_BLOCKS = 3;
/** A fast scroll or a drag of the scroll bar reads only the blocks it stops at. */
const BLOCK_DEBOUNCE_MS = 40;
const EXPORT_PAGE = 5000;
type SortField = (typeof MERCHANT_SORT_FIELDS)[number];
export type Sort = { field: SortField; dir: 'asc' | 'desc' };
/** What is listed: the period, the tier filter and the search (the sort orders it, the totals do not depend on it). */
type Scope = Omit<ListInput, 'offset' | 'limit' | 'sort'>;

/** The row pinned under the grid: the sums over the whole filtered set, as `merchants.list` answers them. */
export interface TotalsRow {
  totalsOf: number;
  gmvFen: number;
  gmvPrevFen: number;
  orders: number;
}
type GridRow = MerchantRow | TotalsRow;

export function isTotals(row: GridRow | undefined | null): row is TotalsRow {
  return typeof row === 'object' && row !== null && 'totalsOf' in row;
}

/** The merchant of a row; undefined for the totals row and for a row whose block is still being read. */
function merchantOf(row: GridRow | undefined | null): MerchantRow | undefined {
  return row && !isTotals(row) ? row : undefined;
}

const gridRowId = (row: GridRow) => (isTotals(row) ? 'totals' : row.id);

/** The GMV growth of the whole set, as the core computes it per merchant: none without a previous GMV. */
export function totalsGrowth(row: TotalsRow): number | null {
  return row.gmvPrevFen === 0 ? null : row.gmvFen / row.gmvPrevFen - 1;
}

/** What a read of the list says about the whole filtered set: how many, and their sums. */
export interface Counted {
  total: number;
  totals: { gmvFen: number; gmvPrevFen: number; orders: number };
}

interface DatasourceEvents {
  onAnswer: (counted: Counted) => void;
  onError: (error: Error) => void;
}

/** A datasource the board can switch off when another replaces it: a late answer of the old one then says nothing. */
export interface MerchantDatasource extends IDatasource {
  setLive(live: boolean): void;
}

/**
 * Reads the rows the grid asks for from the core, in the given scope and order; the total it
 * answers is the grid's row count. The first block is asked for at once, while the grid is still
 * being set up: the first rows then arrive as soon as the core has them.
 */
export function merchantDatasource(client: CockpitClient, input: Scope & { sort: Sort }, blockSize: number, events: DatasourceEvents): MerchantDatasource {
  const read = (offset: number, limit: number) => client.call('merchants.list', { ...input, offset, limit: Math.min(limit, 5000) });
  let live = true;
  let early: ReturnType<typeof read> | null = read(0, blockSize);
  // Not a rejection nobody handles if the grid never asks (it went before the answer came).
  early.catch(() => undefined);
  return {
    setLive: (value) => (live = value),
    getRows: ({ startRow, endRow, successCallback, failCallback }) => {
      const answer = startRow === 0 && endRow - startRow === blockSize && early ? early : read(startRow, endRow - startRow);
      early = null;
      answer
        .then((page) => {
          // The rows first: the totals row and the count follow in the next render.
          successCallback(page.rows, page.total);
          if (live) events.onAnswer({ total: page.total, totals: page.totals });
        })
        .catch((error: unknown) => {
          if (live) events.onError(error instanceof Error ? error : new Error(String(error)));
          failCallback();
        });
    },
  };
}

/** The selection, outside React state so a tick re-renders its checkbox, not the grid. */
class Selection {
  private ids = new Set<string>();
  private listeners = new Set<() => void>();
  private version = 0;
  /** The row index of the last tick: a shift-click ticks (or clears) every row from there. */
  private anchor: number | null = null;
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  snapshot = () => this.version;
  has(id: string) {
    return this.ids.has(id);
  }
  list() {
    return [...this.ids];
  }
  get size() {
    return this.ids.size;
  }
  toggle(id: string, on: boolean) {
    if (on) this.ids.add(id);
    else this.ids.delete(id);
    this.changed();
  }
  /** A tick at `index`; with shift, the rows between the last tick and this one too (those the grid holds). */
  click(id: string, index: number | null, on: boolean, shift: boolean, idAt: (index: number) => string | undefined) {
    if (shift && this.anchor !== null && index !== null) {
      for (let i = Math.min(this.anchor, index); i <= Math.max(this.anchor, index); i++) {
        const at = idAt(i);
        if (at === undefined) continue;
        if (on) this.ids.add(at);
        else this.ids.delete(at);
      }
      this.ids[on ? 'add' : 'delete'](id);
      this.changed();
    } else {
      this.toggle(id, on);
    }
    this.anchor = index;
  }
  /** Another sort or filter: row indices now mean other merchants. */
  forgetAnchor() {
    this.anchor = null;
  }
  addAll(ids: string[]) {
    for (const id of ids) this.ids.add(id);
    this.changed();
  }
  clear() {
    this.ids.clear();
    this.changed();
  }
  private changed() {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

function useSelectionVersion(selection: Selection) {
  return useSyncExternalStore(selection.subscribe, selection.snapshot);
}

/** Which rows are in view (1-based), outside React state so scrolling re-renders the line that says so, not the grid. */
class InView {
  private current: { from: number; to: number } | null = null;
  private listeners = new Set<() => void>();
  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  snapshot = () => this.current;
  update(api: GridApi<GridRow>) {
    const range = rowsInView(api);
    const next = range && { from: range.first + 1, to: range.last + 1 };
    if (next?.from === this.current?.from && next?.to === this.current?.to) return;
    this.current = next;
    for (const listener of this.listeners) listener();
  }
}

/** The indices of the rows inside the grid's viewport (rendered rows also include a buffer above and below). */
function rowsInView(api: GridApi<GridRow>): { first: number; last: number } | null {
  const { top, bottom } = api.getVerticalPixelRange();
  let first = Number.POSITIVE_INFINITY;
  let last = -1;
  for (const node of api.getRenderedNodes()) {
    if (node.rowPinned || node.rowIndex === null || node.rowTop === null) continue;
    const height = node.rowHeight ?? 0;
    // At least half of the row shows.
    if (node.rowTop + height / 2 < top || node.rowTop + height / 2 > bottom) continue;
    first = Math.min(first, node.rowIndex);
    last = Math.max(last, node.rowIndex);
  }
  return last < 0 ? null : { first, last };
}

/** The merchants of the rows in view that the grid has read. */
function idsInView(api: GridApi<GridRow>): string[] {
  const range = rowsInView(api);
  if (!range) return [];
  const ids: string[] = [];
  for (let i = range.first; i <= range.last; i++) {
    const row = merchantOf(api.getDisplayedRowAtIndex(i)?.data);
    if (row) ids.push(row.id);
  }
  return ids;
}

function SelectCell({ data, node, api, selection, label }: ICellRendererParams<GridRow> & { selection: Selection; label: string }) {
  useSelectionVersion(selection);
  const row = merchantOf(data);
  if (!row || node.rowPinned) return null;
  const change = (event: CheckboxChangeEvent) =>
    selection.click(row.id, node.rowIndex, event.target.checked, event.nativeEvent.shiftKey, (index) => merchantOf(api.getDisplayedRowAtIndex(index)?.data)?.id);
  return <Checkbox checked={selection.has(row.id)} onChange={change} aria-label={`${label} ${row.id}`} data-testid={`merchant-select-${row.id}`} />;
}

/** A header that sorts on the core (the grid holds a few blocks: its own sort would sort those only). */
function CoreSortHeader({ displayName, field, sort, onSort }: IHeaderParams<GridRow> & { field: SortField; sort: Sort; onSort: (sort: Sort) => void }) {
  const active = sort.field === field;
  const next: Sort = { field, dir: active && sort.dir === 'desc' ? 'asc' : 'desc' };
  return (
    <button
      type="button"
      className="merchant-sort-header"
      onClick={() => onSort(next)}
      style={{ all: 'unset', cursor: 'pointer', width: '100%', display: 'flex', gap: 4, alignItems: 'center', justifyContent: 'inherit' }}
      aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
      data-testid={`merchant-sort-${field}`}
    >
      <span>{displayName}</span>
      {active && (sort.dir === 'asc' ? <ArrowUpOutlined /> : <ArrowDownOutlined />)}
    </button>
  );
}

function TierCell({ data, t }: ICellRendererParams<GridRow> & { t: MerchantsT }) {
  const row = merchantOf(data);
  if (!row) return null;
  const key = tierKeyOf(row.tier);
  return (
    <Tag color={TIER_TAG_COLORS[key]} style={{ marginInlineEnd: 0 }}>
      {tierLabel(t, row.tier)}
    </Tag>
  );
}

/** The merchant's name, to open its drawer; on the totals row, how many merchants the sums cover; while its block is read, a word saying so. */
function NameCell({ data, onOpen, t, language }: ICellRendererParams<GridRow> & { onOpen: (id: string) => void; t: MerchantsT; language: string }) {
  if (isTotals(data)) {
    return (
      <Typography.Text strong data-testid="merchants-totals">
        {t('list.totalsRow', { count: numberText(data.totalsOf, language) })}
      </Typography.Text>
    );
  }
  if (!data) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  return (
    <Typography.Link onClick={() => onOpen(data.id)} data-testid={`merchant-open-${data.id}`} style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' }}>
      <UntrustedText text={data.name} />
    </Typography.Link>
  );
}

const fenToWan = (fen: number | undefined): number | null => (fen === undefined ? null : fen / 1_000_000);

const totalsBold = ({ node }: CellClassParams<GridRow>): CellStyle | undefined => (node.rowPinned ? { fontWeight: 600 } : undefined);

function columns(t: MerchantsT, language: string, sort: Sort, onSort: (sort: Sort) => void, onOpen: (id: string) => void, selection: Selection, packageNames: Map<string, string>): ColDef<GridRow>[] {
  const sorted = (field: SortField): Partial<ColDef<GridRow>> => ({ sortable: false, filter: false, headerComponent: CoreSortHeader, headerComponentParams: { field, sort, onSort } });
  const plain: Partial<ColDef<GridRow>> = { sortable: false, filter: false };
  const m = merchantOf;
  return [
    { colId: 'select', headerName: '', width: 44, minWidth: 44, pinned: 'left', ...plain, cellRenderer: SelectCell, cellRendererParams: { selection, label: t('grid.select') }, context: { csv: false } },
    { colId: 'name', headerName: t('grid.name'), pinned: 'left', width: 200, ...sorted('name'), cellRenderer: NameCell, cellRendererParams: { onOpen, t, language } },
    { colId: 'id', headerName: t('grid.id'), width: 110, ...sorted('id'), valueGetter: ({ data }) => m(data)?.id ?? '' },
    {
      colId: 'tier', headerName: t('grid.tier'), width: 90, ...sorted('tier'),
      valueGetter: ({ data }) => (m(data) ? tierLabel(t, m(data)?.tier) : null),
      cellRenderer: TierCell, cellRendererParams: { t },
    },
    {
      colId: 'override', headerName: t('grid.override'), width: 110, ...plain,
      valueGetter: ({ data }) => (m(data)?.override ? t('grid.overrideTag', { tier: tierLabel(t, m(data)?.override) }) : ''),
    },
    { colId: 'packages', headerName: t('grid.packages'), width: 180, ...plain, valueGetter: ({ data }) => m(data)?.packageIds.map((id) => packageNames.get(id) ?? id).join('、') ?? '' },
    numberColumn<GridRow>({ colId: 'score', headerName: t('grid.score'), valueGetter: ({ data }) => m(data)?.score, fractionDigits: 1, ...sorted('score') }),
    numberColumn<GridRow>({
      colId: 'gmvFen', headerName: t('metrics.gmvFen'), unit: 'wanYuan', fractionDigits: 2, cellStyle: totalsBold, ...sorted('gmvFen'),
      valueGetter: ({ data }) => fenToWan(isTotals(data) ? data.gmvFen : m(data)?.metrics.gmvFen),
    }),
    numberColumn<GridRow>({
      colId: 'gmvPrevFen', headerName: t('metrics.gmvPrevFen'), unit: 'wanYuan', fractionDigits: 2, cellStyle: totalsBold, ...plain,
      valueGetter: ({ data }) => fenToWan(isTotals(data) ? data.gmvPrevFen : m(data)?.metrics.gmvPrevFen),
    }),
    numberColumn<GridRow>({
      colId: 'growth', headerName: t('metrics.growth'), unit: 'percent', fractionDigits: 1, cellStyle: totalsBold, ...sorted('growth'),
      valueGetter: ({ data }) => (isTotals(data) ? totalsGrowth(data) : m(data)?.metrics.growth),
    }),
    numberColumn<GridRow>({
      colId: 'orders', headerName: t('metrics.orders'), cellStyle: totalsBold, ...sorted('orders'),
      valueGetter: ({ data }) => (isTotals(data) ? data.orders : m(data)?.metrics.orders),
    }),
    numberColumn<GridRow>({ colId: 'repeatRate', headerName: t('metrics.repeatRate'), valueGetter: ({ data }) => m(data)?.metrics.repeatRate, unit: 'percent', fractionDigits: 1, ...sorted('repeatRate') }),
    numberColumn<GridRow>({ colId: 'refundRate', headerName: t('metrics.refundRate'), valueGetter: ({ data }) => m(data)?.metrics.refundRate, unit: 'percent', fractionDigits: 1, ...sorted('refundRate') }),
    numberColumn<GridRow>({ colId: 'rating', headerName: t('metrics.rating'), valueGetter: ({ data }) => m(data)?.metrics.rating, fractionDigits: 2, ...sorted('rating') }),
    numberColumn<GridRow>({ colId: 'sellThrough', headerName: t('metrics.sellThrough'), valueGetter: ({ data }) => m(data)?.metrics.sellThrough, unit: 'percent', fractionDigits: 1, ...sorted('sellThrough') }),
    // Fitting to the content does not measure the sort header's button: wide enough for "Disputes / 1,000 orders".
    numberColumn<GridRow>({ colId: 'disputesPer1000', headerName: t('metrics.disputesPer1000'), valueGetter: ({ data }) => m(data)?.metrics.disputesPer1000, fractionDigits: 2, minWidth: 176, ...sorted('disputesPer1000') }),
    { colId: 'computedTier', headerName: t('grid.computedTier'), width: 90, ...plain, valueGetter: ({ data }) => (m(data) ? tierLabel(t, m(data)?.computedTier) : '') },
    { colId: 'earlierTier', headerName: t('grid.earlierTier'), width: 90, ...plain, valueGetter: ({ data }) => (m(data) ? tierLabel(t, m(data)?.earlierTier) : '') },
    { colId: 'status', headerName: t('grid.status'), width: 90, ...plain, valueGetter: ({ data }) => { const row = m(data); return row ? statusWord(t, row.status) : ''; } },
    { colId: 'shopType', headerName: t('grid.shopType'), width: 100, ...plain, valueGetter: ({ data }) => { const row = m(data); return row ? shopTypeWord(t, row.shopType) : ''; } },
    untrustedTextColumn<GridRow>({ colId: 'province', headerName: t('grid.province'), width: 90, ...plain, valueGetter: ({ data }) => m(data)?.province ?? '' }),
  ];
}

interface MerchantGridProps {
  periodDays: number;
  tiers: TierKey[];
  onTiersChange: (tiers: TierKey[]) => void;
  onOpen: (id: string) => void;
}

export function MerchantGrid({ periodDays, tiers, onTiersChange, onOpen }: MerchantGridProps) {
  const { t, i18n } = useTranslation('merchants');
  const language = i18n.language;
  const client = useCockpitClient();
  const [sort, setSort] = useState<Sort>({ field: 'score', dir: 'desc' });
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [selection] = useState(() => new Selection());
  const [inView] = useState(() => new InView());
  const [blockError, setBlockError] = useState<Error | null>(null);
  const [counted, setCounted] = useState<Counted | null>(null);
  const apiRef = useRef<GridApi<GridRow> | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const scope = useMemo<Scope>(() => ({ periodDays, ...(tiers.length ? { tiers } : {}), ...(search ? { search } : {}), ...filterInput(filters) }), [periodDays, tiers, search, filters]);
  const datasource = useMemo(
    () =>
      merchantDatasource(client, { ...scope, sort }, BLOCK_SIZE, {
        onAnswer: (next) => {
          setBlockError(null);
          // The same count and sums again (the next block): no new render.
          setCounted((current) => (current && sameCount(current, next) ? current : next));
        },
        onError: setBlockError,
      }),
    [client, scope, sort],
  );
  const infinite = useMemo(() => ({ datasource, blockSize: BLOCK_SIZE, maxBlocksInCache: MAX_BLOCKS, blockLoadDebounceMillis: BLOCK_DEBOUNCE_MS }), [datasource]);
  useEffect(() => {
    datasource.setLive(true);
    // Another order or filter: from the top, and shift-clicks start again.
    selection.forgetAnchor();
    apiRef.current?.ensureIndexVisible(0, 'top');
    // Replaced: its late answers no longer set the count.
    return () => datasource.setLive(false);
  }, [datasource, selection]);

  // The board's summary (every merchant of the period) is refetched after every action and every
  // sync: the blocks on screen are then read again, in place. (Its first answer, or another
  // period's, is not a change.)
  const summary = useMerchantList({ periodDays, offset: 0, limit: 1 });
  const seen = useRef<{ periodDays: number; at: number } | null>(null);
  useEffect(() => {
    if (!summary.data || summary.isPlaceholderData) return;
    const previous = seen.current;
    seen.current = { periodDays, at: summary.dataUpdatedAt };
    if (previous?.periodDays === periodDays && previous.at !== summary.dataUpdatedAt) apiRef.current?.refreshInfiniteCache();
  }, [summary.data, summary.isPlaceholderData, summary.dataUpdatedAt, periodDays]);

  const changeSort = useCallback((next: Sort) => setSort(next), []);
  const packages = usePackages();
  // Filled in place when the packages arrive (after the first rows, often): the package column is
  // redrawn then, rather than every column defined and drawn again.
  const [packageNames] = useState(() => new Map<string, string>());
  useEffect(() => {
    packageNames.clear();
    for (const p of packages.data ?? []) packageNames.set(p.id, p.name);
    apiRef.current?.refreshCells({ columns: ['packages'], force: true });
  }, [packages.data, packageNames]);
  const cols = useMemo(() => columns(t, language, sort, changeSort, onOpen, selection, packageNames), [t, language, sort, changeSort, onOpen, selection, packageNames]);
  const data = counted;
  const totalsRows = useMemo<GridRow[] | undefined>(() => (data ? [{ totalsOf: data.total, ...data.totals }] : undefined), [data]);
  const onApi = useCallback((api: GridApi<GridRow> | null) => (apiRef.current = api), []);
  const onViewportChanged = useCallback((api: GridApi<GridRow>) => inView.update(api), [inView]);
  const error = blockError;

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap align="center">
        <Input.Search
          size="small"
          allowClear
          placeholder={t('list.search')}
          aria-label={t('list.search')}
          value={typed}
          onChange={(event) => {
            setTyped(event.target.value);
            if (event.target.value === '') setSearch('');
          }}
          onSearch={(value) => setSearch(value.trim())}
          style={{ width: 340 }}
          data-testid="merchants-search"
        />
        <Select
          size="small"
          mode="multiple"
          allowClear
          placeholder={t('distribution.all')}
          value={tiers}
          onChange={(value: TierKey[]) => onTiersChange(value)}
          options={TIER_KEYS.map((key) => ({ value: key, label: tierLabel(t, key) }))}
          style={{ minWidth: 200 }}
          aria-label={t('grid.tier')}
          data-testid="merchants-tier-filter"
        />
        <Select
          size="small"
          value={sort.field}
          onChange={(field: SortField) => changeSort({ field, dir: sort.dir })}
          options={MERCHANT_SORT_FIELDS.map((field) => ({ value: field, label: t('list.sortLabel', { field: sortFieldLabel(t, field) }) }))}
          style={{ width: 190 }}
          aria-label={t('list.sortBy')}
        />
        <Button size="small" icon={sort.dir === 'asc' ? <ArrowUpOutlined /> : <ArrowDownOutlined />} onClick={() => changeSort({ field: sort.field, dir: sort.dir === 'asc' ? 'desc' : 'asc' })}>
          {sort.dir === 'asc' ? t('list.asc') : t('list.desc')}
        </Button>
        <Flex flex={1} />
        {data && <RangeText inView={inView} total={data.total} />}
      </Flex>
      <FilterBar filters={filters} onChange={setFilters} facets={summary.data?.facets} packages={packages.data} />
      {error && <QueryError error={error} onRetry={() => apiRef.current?.refreshInfiniteCache()} />}
      <DataGrid<GridRow>
        gridId="merchants"
        rows={undefined}
        infinite={infinite}
        pinnedBottomRows={totalsRows}
        columns={cols}
        exportName={t('title')}
        rowId={gridRowId}
        // Small enough that on a 900 px high window the totals row is on screen without scrolling the page.
        minHeight={300}
        onApi={onApi}
        onViewportChanged={onViewportChanged}
        toolbar={
          // One line: the bulk actions, the hint (cut short, in full on hover), the export at the end.
          <Flex gap={12} align="center" style={{ flex: 1, minWidth: 0 }}>
            <BulkBar selection={selection} idsInView={() => (apiRef.current ? idsInView(apiRef.current) : [])} canSelect={(data?.total ?? 0) > 0} />
            <Typography.Text type="secondary" ellipsis={{ tooltip: t('list.hint') }} style={{ flex: 1, minWidth: 0 }}>
              {t('list.hint')}
            </Typography.Text>
          </Flex>
        }
        exportButton={<ExportAllButton input={{ ...scope, sort }} total={data?.total ?? 0} />}
      />
    </Flex>
  );
}

function sameCount(a: Counted, b: Counted): boolean {
  return a.total === b.total && a.totals.gmvFen === b.totals.gmvFen && a.totals.gmvPrevFen === b.totals.gmvPrevFen && a.totals.orders === b.totals.orders;
}

/** "Rows 1–32 of 200,000": where the user is in the whole filtered set. */
function RangeText({ inView, total }: { inView: InView; total: number }) {
  const { t, i18n } = useTranslation('merchants');
  const range = useSyncExternalStore(inView.subscribe, inView.snapshot);
  const language = i18n.language;
  const from = total === 0 ? 0 : Math.min(range?.from ?? 1, total);
  const to = total === 0 ? 0 : Math.min(range?.to ?? Math.min(total, BLOCK_SIZE), total);
  return (
    <Typography.Text strong data-testid="merchants-page" style={{ whiteSpace: 'nowrap' }}>
      {t('list.page', { from: numberText(from, language), to: numberText(to, language), total: numberText(total, language) })}
    </Typography.Text>
  );
}

function sortFieldLabel(t: MerchantsT, field: SortField): string {
  if (field === 'id') return t('grid.id');
  if (field === 'name') return t('grid.name');
  if (field === 'tier') return t('grid.tier');
  if (field === 'score') return t('grid.score');
  return t(`metrics.${field}`);
}

/** The bulk bar: what to do with the ticked merchants (all of them, wherever they are in the grid). */
function BulkBar({ selection, idsInView, canSelect }: { selection: Selection; idsInView: () => string[]; canSelect: boolean }) {
  const { t } = useTranslation('merchants');
  useSelectionVersion(selection);
  const [open, setOpen] = useState<'assign' | 'revoke' | 'override' | null>(null);
  const ids = selection.list();
  const done = () => {
    setOpen(null);
    selection.clear();
  };
  return (
    <Flex gap={8} align="center" data-testid="merchants-bulk" style={{ flex: 'none' }}>
      <Typography.Text strong={ids.length > 0}>{t('bulk.selected', { count: ids.length })}</Typography.Text>
      <Button size="small" onClick={() => selection.addAll(idsInView())} disabled={!canSelect} data-testid="merchants-select-in-view">
        {t('bulk.selectInView')}
      </Button>
      <Button size="small" onClick={() => selection.clear()} disabled={ids.length === 0}>
        {t('bulk.clear')}
      </Button>
      <Space.Compact>
        <Button size="small" type="primary" ghost disabled={ids.length === 0} onClick={() => setOpen('assign')} data-testid="merchants-bulk-assign">
          {t('bulk.assign')}
        </Button>
        <Button size="small" disabled={ids.length === 0} onClick={() => setOpen('revoke')} data-testid="merchants-bulk-revoke">
          {t('bulk.revoke')}
        </Button>
        <Button size="small" disabled={ids.length === 0} onClick={() => setOpen('override')} data-testid="merchants-bulk-override">
          {t('bulk.override')}
        </Button>
      </Space.Compact>
      {ids.length > 0 && <ClearOverrideButton merchantIds={ids} onDone={done} />}
      <Modal open={open === 'assign'} title={`${t('bulk.assign')} · ${t('bulk.selected', { count: ids.length })}`} footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        <AssignPackageForm merchantIds={ids} onDone={done} />
      </Modal>
      <Modal open={open === 'override'} title={`${t('bulk.override')} · ${t('bulk.selected', { count: ids.length })}`} footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        <OverrideForm merchantIds={ids} onDone={done} />
      </Modal>
      <Modal open={open === 'revoke'} title={`${t('bulk.revoke')} · ${t('bulk.selected', { count: ids.length })}`} footer={null} onCancel={() => setOpen(null)} destroyOnHidden>
        <BulkRevokeForm merchantIds={ids} onDone={done} />
      </Modal>
    </Flex>
  );
}

/**
 * Revoking needs the assignment ids, which the list does not carry: they are read from each
 * selected merchant's detail (a selection is tens, not thousands, of merchants).
 */
function BulkRevokeForm({ merchantIds, onDone }: { merchantIds: string[]; onDone: () => void }) {
  const { t } = useTranslation('merchants');
  const { message } = App.useApp();
  const client = useCockpitClient();
  const [packageId, setPackageId] = useState<string | null>(null);
  const revoke = useMerchantAction('merchants.revokePackage', {
    onSuccess: (answer) => {
      void message.success(t('bulk.queued', { count: answer.commandIds.length }));
      onDone();
    },
    onError: (error) => void message.error(<ErrorText error={error} />),
  });
  const details = useQueries({
    queries: merchantIds.map((id) => ({ queryKey: cockpitQueryKey('merchants.detail', { id }), queryFn: () => client.call('merchants.detail', { id }) })),
  });
  const busy = details.some((query) => query.isLoading);
  const held = useMemo(() => {
    const byPackage = new Map<string, { packageId: string; name: string; assignmentIds: string[] }>();
    for (const detail of details) {
      for (const assignment of detail.data?.packages.filter((p) => p.status === 'active') ?? []) {
        const entry = byPackage.get(assignment.packageId) ?? { packageId: assignment.packageId, name: assignment.packageName ?? assignment.packageId, assignmentIds: [] };
        entry.assignmentIds.push(assignment.id);
        byPackage.set(assignment.packageId, entry);
      }
    }
    return [...byPackage.values()];
  }, [details]);
  const chosen = held?.find((entry) => entry.packageId === packageId);
  return (
    <Flex gap={8} wrap>
      <Select
        size="small"
        loading={busy}
        placeholder={t('packages.whichToRevoke')}
        value={packageId}
        onChange={setPackageId}
        options={held.map((entry) => ({ value: entry.packageId, label: `${entry.name} · ${t('bulk.selected', { count: entry.assignmentIds.length })}` }))}
        style={{ minWidth: 260 }}
        data-testid="merchant-revoke-package"
      />
      <Button
        size="small"
        danger
        disabled={!chosen}
        loading={revoke.isPending}
        onClick={() => chosen && revoke.mutate({ assignmentIds: chosen.assignmentIds, reason: t('packages.revokeReasonDefault') })}
        data-testid="merchant-revoke-submit"
      >
        {t('packages.revoke')}
      </Button>
    </Flex>
  );
}

/** The whole filtered, sorted set as CSV, read from the core in pages of 5,000. */
function ExportAllButton({ input, total }: { input: ListInput; total: number }) {
  const { t, i18n } = useTranslation('merchants');
  const { t: tShell } = useTranslation();
  const { message } = App.useApp();
  const client = useCockpitClient();
  const [done, setDone] = useState<number | null>(null);
  const run = async () => {
    const words = { yes: tShell('grid.yes'), no: tShell('grid.no') };
    const headers = [t('grid.id'), t('grid.name'), t('grid.tier'), t('grid.computedTier'), t('grid.override'), t('grid.score'),
      `${t('metrics.gmvFen')}（${tShell('grid.units.wanYuan')}）`, `${t('metrics.gmvPrevFen')}（${tShell('grid.units.wanYuan')}）`, t('metrics.growth'), t('metrics.orders'),
      t('metrics.repeatRate'), t('metrics.refundRate'), t('metrics.rating'), t('metrics.sellThrough'), t('metrics.disputesPer1000'), t('grid.packages'), t('grid.status')];
    const body: CsvValue[][] = [];
    setDone(0);
    try {
      for (let offset = 0; offset < total; offset += EXPORT_PAGE) {
        const page = await client.call('merchants.list', { ...input, offset, limit: EXPORT_PAGE });
        for (const row of page.rows) {
          const m = row.metrics;
          body.push([row.id, row.name, tierLabel(t, row.tier), tierLabel(t, row.computedTier), row.override ? tierLabel(t, row.override) : '', row.score,
            m.gmvFen / 1_000_000, m.gmvPrevFen / 1_000_000, m.growth, m.orders, m.repeatRate, m.refundRate, m.rating, m.sellThrough, m.disputesPer1000,
            row.packageIds.join(' '), statusWord(t, row.status)]);
        }
        setDone(body.length);
      }
      const file = csvFileName(t('title'));
      downloadCsv(file, toCsv(headers, body, words));
      void message.success(t('list.exported', { count: numberText(body.length, i18n.language), file }));
    } catch (error) {
      void message.error(<ErrorText error={error} />);
    } finally {
      setDone(null);
    }
  };
  return (
    <Button size="small" icon={<DownloadOutlined />} disabled={total === 0} loading={done !== null} onClick={() => void run()} data-testid="merchants-export-all">
      {done === null ? t('list.exportAll') : t('list.exporting', { done: numberText(done, i18n.language), total: numberText(total, i18n.language) })}
    </Button>
  );
}

/** The list's other filters: shop type, status, province (with their counts over every merchant), override and package. */
interface Filters {
  shopTypes: string[];
  statuses: string[];
  provinces: string[];
  overridden: 'any' | 'with' | 'without';
  /** A package id, 'none' (holding none) or 'any'. */
  packageId: string;
}

const NO_FILTERS: Filters = { shopTypes: [], statuses: [], provinces: [], overridden: 'any', packageId: 'any' };

function filterInput(filters: Filters): Partial<Scope> {
  return {
    ...(filters.shopTypes.length ? { shopTypes: filters.shopTypes } : {}),
    ...(filters.statuses.length ? { statuses: filters.statuses } : {}),
    ...(filters.provinces.length ? { provinces: filters.provinces } : {}),
    ...(filters.overridden === 'any' ? {} : { overridden: filters.overridden === 'with' }),
    ...(filters.packageId === 'any' ? {} : { packageId: filters.packageId }),
  };
}

type Facets = { shopTypes: Record<string, number>; statuses: Record<string, number>; provinces: Record<string, number> };

function FilterBar({ filters, onChange, facets, packages }: { filters: Filters; onChange: (next: Filters) => void; facets: Facets | undefined; packages: { id: string; name: string }[] | undefined }) {
  const { t } = useTranslation('merchants');
  const choices = (counts: Record<string, number> | undefined, label: (value: string) => string) =>
    Object.entries(counts ?? {})
      .sort(([a], [b]) => a.localeCompare(b, 'zh-CN'))
      .map(([value, count]) => ({ value, label: t('list.facet', { label: label(value), count: count.toLocaleString() }) }));
  // A value the platform added after this release shows as it is.
  const word = (group: 'shopTypes' | 'status') => (value: string) => (t(group, { returnObjects: true }) as Record<string, string>)[value] ?? value;
  const multiple = { size: 'small' as const, mode: 'multiple' as const, allowClear: true, maxTagCount: 'responsive' as const, style: { minWidth: 170, maxWidth: 280 } };
  const active = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  return (
    <Flex gap={8} wrap align="center" data-testid="merchants-filters">
      <Select {...multiple} placeholder={t('list.filterShopType')} aria-label={t('list.filterShopType')} value={filters.shopTypes} onChange={(shopTypes: string[]) => onChange({ ...filters, shopTypes })} options={choices(facets?.shopTypes, word('shopTypes'))} data-testid="merchants-filter-shop-type" />
      <Select {...multiple} placeholder={t('list.filterStatus')} aria-label={t('list.filterStatus')} value={filters.statuses} onChange={(statuses: string[]) => onChange({ ...filters, statuses })} options={choices(facets?.statuses, word('status'))} data-testid="merchants-filter-status" />
      <Select {...multiple} placeholder={t('list.filterProvince')} aria-label={t('list.filterProvince')} value={filters.provinces} onChange={(provinces: string[]) => onChange({ ...filters, provinces })} options={choices(facets?.provinces, (value) => value)} data-testid="merchants-filter-province" />
      <Select
        size="small"
        aria-label={t('list.filterOverride')}
        value={filters.overridden}
        onChange={(overridden: Filters['overridden']) => onChange({ ...filters, overridden })}
        options={[
          { value: 'any', label: `${t('list.filterOverride')}: ${t('list.any')}` },
          { value: 'with', label: t('list.overrideWith') },
          { value: 'without', label: t('list.overrideWithout') },
        ]}
        style={{ width: 150 }}
        data-testid="merchants-filter-override"
      />
      <Select
        size="small"
        showSearch
        optionFilterProp="label"
        aria-label={t('list.filterPackage')}
        value={filters.packageId}
        onChange={(packageId: string) => onChange({ ...filters, packageId })}
        options={[
          { value: 'any', label: `${t('list.filterPackage')}: ${t('list.any')}` },
          { value: 'none', label: t('list.packageNone') },
          ...(packages ?? []).map((p) => ({ value: p.id, label: p.name })),
        ]}
        style={{ width: 200 }}
        data-testid="merchants-filter-package"
      />
      {active && (
        <Button size="small" type="link" onClick={() => onChange(NO_FILTERS)}>
          {t('list.clearFilters')}
        </Button>
      )}
    </Flex>
  );
}
