/**
 * Every merchant in scope, one page at a time: the core sorts, filters by tier and searches over
 * all 200k and answers a page of PAGE_SIZE rows with the totals of the whole filtered set, so the
 * grid never holds more than a page. Header clicks sort on the core; the tier filter and the
 * search run on the core; the selection (for bulk actions) spans pages.
 */
import { useMemo, useState, useSyncExternalStore } from 'react';
import type { ColDef, IHeaderParams, ICellRendererParams } from 'ag-grid-community';
import { App, Button, Checkbox, Flex, Input, Modal, Pagination, Select, Space, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MERCHANT_SORT_FIELDS, type MerchantRow } from '../../../../electron/core/api/merchants';
import { useQueries } from '@tanstack/react-query';
import { cockpitQueryKey, useCockpitClient } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { csvFileName, downloadCsv, toCsv, type CsvValue } from '../../components/csv-export';
import { numberColumn, untrustedTextColumn } from '../../components/grid-columns';
import { numberText } from '../../components/number-format';
import { ErrorText } from '../../components/ErrorText';
import { UntrustedText } from '../../components/UntrustedText';
import { useMerchantAction, useMerchantList, usePackages, type ListInput } from './api';
import { AssignPackageForm, ClearOverrideButton, OverrideForm } from './forms';
import { TIER_KEYS, TIER_TAG_COLORS, tierKeyOf, tierLabel, shopTypeWord, statusWord, wanYuan, type MerchantsT, type TierKey } from './format';

export const PAGE_SIZE = 500;
const EXPORT_PAGE = 5000;
type SortField = (typeof MERCHANT_SORT_FIELDS)[number];
export type Sort = { field: SortField; dir: 'asc' | 'desc' };

/** The selection, outside React state so a tick re-renders its checkbox, not the grid. */
class Selection {
  private ids = new Set<string>();
  private listeners = new Set<() => void>();
  private version = 0;
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

function SelectCell({ data, selection, label }: ICellRendererParams<MerchantRow> & { selection: Selection; label: string }) {
  useSelectionVersion(selection);
  if (!data) return null;
  return (
    <Checkbox
      checked={selection.has(data.id)}
      onChange={(event) => selection.toggle(data.id, event.target.checked)}
      aria-label={`${label} ${data.id}`}
      data-testid={`merchant-select-${data.id}`}
    />
  );
}

/** A header that sorts on the core (the grid holds one page: its own sort would sort the page only). */
function CoreSortHeader({ displayName, field, sort, onSort }: IHeaderParams<MerchantRow> & { field: SortField; sort: Sort; onSort: (sort: Sort) => void }) {
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

function TierCell({ data, t }: ICellRendererParams<MerchantRow> & { t: MerchantsT }) {
  if (!data) return null;
  const key = tierKeyOf(data.tier);
  return (
    <Tag color={TIER_TAG_COLORS[key]} style={{ marginInlineEnd: 0 }}>
      {tierLabel(t, data.tier)}
    </Tag>
  );
}

function NameCell({ data, onOpen }: ICellRendererParams<MerchantRow> & { onOpen: (id: string) => void }) {
  if (!data) return null;
  return (
    <Typography.Link onClick={() => onOpen(data.id)} data-testid={`merchant-open-${data.id}`} style={{ display: 'block', overflow: 'hidden', textOverflow: 'ellipsis' }}>
      <UntrustedText text={data.name} />
    </Typography.Link>
  );
}

function columns(t: MerchantsT, sort: Sort, onSort: (sort: Sort) => void, onOpen: (id: string) => void, selection: Selection, packageNames: Map<string, string>): ColDef<MerchantRow>[] {
  const sorted = (field: SortField): Partial<ColDef<MerchantRow>> => ({ sortable: false, filter: false, headerComponent: CoreSortHeader, headerComponentParams: { field, sort, onSort } });
  const plain: Partial<ColDef<MerchantRow>> = { sortable: false, filter: false };
  return [
    { colId: 'select', headerName: '', width: 44, minWidth: 44, pinned: 'left', ...plain, cellRenderer: SelectCell, cellRendererParams: { selection, label: t('grid.select') }, context: { csv: false } },
    { field: 'name', headerName: t('grid.name'), pinned: 'left', width: 200, ...sorted('name'), cellRenderer: NameCell, cellRendererParams: { onOpen } },
    { field: 'id', headerName: t('grid.id'), width: 110, ...sorted('id') },
    {
      colId: 'tier', headerName: t('grid.tier'), width: 90, ...sorted('tier'),
      valueGetter: ({ data }) => (data ? tierLabel(t, data.tier) : null),
      cellRenderer: TierCell, cellRendererParams: { t },
    },
    {
      colId: 'override', headerName: t('grid.override'), width: 110, ...plain,
      valueGetter: ({ data }) => (data?.override ? t('grid.overrideTag', { tier: tierLabel(t, data.override) }) : ''),
    },
    { colId: 'packages', headerName: t('grid.packages'), width: 180, ...plain, valueGetter: ({ data }) => data?.packageIds.map((id) => packageNames.get(id) ?? id).join('、') ?? '' },
    numberColumn<MerchantRow>({ colId: 'score', headerName: t('grid.score'), valueGetter: ({ data }) => data?.score, fractionDigits: 1, ...sorted('score') }),
    numberColumn<MerchantRow>({ colId: 'gmvFen', headerName: t('metrics.gmvFen'), valueGetter: ({ data }) => (data ? data.metrics.gmvFen / 1_000_000 : null), unit: 'wanYuan', fractionDigits: 2, ...sorted('gmvFen') }),
    numberColumn<MerchantRow>({ colId: 'growth', headerName: t('metrics.growth'), valueGetter: ({ data }) => data?.metrics.growth, unit: 'percent', fractionDigits: 1, ...sorted('growth') }),
    numberColumn<MerchantRow>({ colId: 'orders', headerName: t('metrics.orders'), valueGetter: ({ data }) => data?.metrics.orders, ...sorted('orders') }),
    numberColumn<MerchantRow>({ colId: 'repeatRate', headerName: t('metrics.repeatRate'), valueGetter: ({ data }) => data?.metrics.repeatRate, unit: 'percent', fractionDigits: 1, ...sorted('repeatRate') }),
    numberColumn<MerchantRow>({ colId: 'refundRate', headerName: t('metrics.refundRate'), valueGetter: ({ data }) => data?.metrics.refundRate, unit: 'percent', fractionDigits: 1, ...sorted('refundRate') }),
    numberColumn<MerchantRow>({ colId: 'rating', headerName: t('metrics.rating'), valueGetter: ({ data }) => data?.metrics.rating, fractionDigits: 2, ...sorted('rating') }),
    numberColumn<MerchantRow>({ colId: 'sellThrough', headerName: t('metrics.sellThrough'), valueGetter: ({ data }) => data?.metrics.sellThrough, unit: 'percent', fractionDigits: 1, ...sorted('sellThrough') }),
    numberColumn<MerchantRow>({ colId: 'disputesPer1000', headerName: t('metrics.disputesPer1000'), valueGetter: ({ data }) => data?.metrics.disputesPer1000, fractionDigits: 2, ...sorted('disputesPer1000') }),
    { colId: 'computedTier', headerName: t('grid.computedTier'), width: 90, ...plain, valueGetter: ({ data }) => (data ? tierLabel(t, data.computedTier) : '') },
    { colId: 'earlierTier', headerName: t('grid.earlierTier'), width: 90, ...plain, valueGetter: ({ data }) => (data ? tierLabel(t, data.earlierTier) : '') },
    { colId: 'status', headerName: t('grid.status'), width: 90, ...plain, valueGetter: ({ data }) => (data ? statusWord(t, data.status) : '') },
    { colId: 'shopType', headerName: t('grid.shopType'), width: 100, ...plain, valueGetter: ({ data }) => (data ? shopTypeWord(t, data.shopType) : '') },
    untrustedTextColumn<MerchantRow>({ field: 'province', headerName: t('grid.province'), width: 90, ...plain }),
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
  const [sort, setSort] = useState<Sort>({ field: 'score', dir: 'desc' });
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [selection] = useState(() => new Selection());
  const offset = (page - 1) * PAGE_SIZE;
  const input: ListInput = { periodDays, offset, limit: PAGE_SIZE, sort, ...(tiers.length ? { tiers } : {}), ...(search ? { search } : {}) };
  const list = useMerchantList(input);
  const changeSort = (next: Sort) => {
    setSort(next);
    setPage(1);
  };
  const packages = usePackages();
  const packageNames = useMemo(() => new Map((packages.data ?? []).map((p) => [p.id, p.name])), [packages.data]);
  const cols = useMemo(() => columns(t, sort, changeSort, onOpen, selection, packageNames), [t, sort, onOpen, selection, packageNames]);
  const data = list.data;
  const language = i18n.language;

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
            if (event.target.value === '') {
              setSearch('');
              setPage(1);
            }
          }}
          onSearch={(value) => {
            setSearch(value.trim());
            setPage(1);
          }}
          style={{ width: 340 }}
          data-testid="merchants-search"
        />
        <Select
          size="small"
          mode="multiple"
          allowClear
          placeholder={t('distribution.all')}
          value={tiers}
          onChange={(value: TierKey[]) => {
            onTiersChange(value);
            setPage(1);
          }}
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
        <ExportAllButton input={input} total={data?.total ?? 0} />
      </Flex>
      {data && (
        <Typography.Text data-testid="merchants-totals">
          {t('list.totals', {
            count: numberText(data.total, language),
            gmv: wanYuan(data.totals.gmvFen, language),
            prev: wanYuan(data.totals.gmvPrevFen, language),
            orders: numberText(data.totals.orders, language),
          })}
        </Typography.Text>
      )}
      <BulkBar selection={selection} pageIds={data?.rows.map((row) => row.id) ?? []} />
      {list.error && <ErrorText error={list.error} />}
      <DataGrid<MerchantRow>
        gridId="merchants"
        rows={data?.rows}
        columns={cols}
        exportName={t('title')}
        loading={list.isFetching && !data}
        rowId={(row) => row.id}
        minHeight={420}
        toolbar={<Typography.Text type="secondary">{t('list.hint')}</Typography.Text>}
      />
      {data && (
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary" data-testid="merchants-page">
            {t('list.page', {
              from: numberText(data.total === 0 ? 0 : offset + 1, language),
              to: numberText(Math.min(offset + PAGE_SIZE, data.total), language),
              total: numberText(data.total, language),
            })}
          </Typography.Text>
          <Pagination size="small" current={page} pageSize={PAGE_SIZE} total={data.total} showSizeChanger={false} onChange={setPage} />
        </Flex>
      )}
    </Flex>
  );
}

function sortFieldLabel(t: MerchantsT, field: SortField): string {
  if (field === 'id') return t('grid.id');
  if (field === 'name') return t('grid.name');
  if (field === 'tier') return t('grid.tier');
  if (field === 'score') return t('grid.score');
  return t(`metrics.${field}`);
}

/** The bulk bar: what to do with the ticked merchants (all of them, on every page). */
function BulkBar({ selection, pageIds }: { selection: Selection; pageIds: string[] }) {
  const { t } = useTranslation('merchants');
  useSelectionVersion(selection);
  const [open, setOpen] = useState<'assign' | 'revoke' | 'override' | null>(null);
  const ids = selection.list();
  const done = () => {
    setOpen(null);
    selection.clear();
  };
  return (
    <Flex gap={8} align="center" wrap data-testid="merchants-bulk">
      <Typography.Text strong={ids.length > 0}>{t('bulk.selected', { count: ids.length })}</Typography.Text>
      <Button size="small" onClick={() => selection.addAll(pageIds)} disabled={pageIds.length === 0}>
        {t('bulk.selectPage')}
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
