/** Migrations between two snapshots (Sankey), the package mismatch worklist, the growth centre. */
import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Row, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { DataGrid } from '../../components/DataGrid';
import { EChart, type EChartClickParams, type EChartOption } from '../../components/EChart';
import { ErrorText } from '../../components/ErrorText';
import { numberColumn, rowActionColumn, untrustedTextColumn } from '../../components/grid-columns';
import { numberText } from '../../components/number-format';
import { QueryError } from '../../components/QueryError';
import { UntrustedText } from '../../components/UntrustedText';
import { useGrowth, useMerchantAction, useMigrationMerchants, useMigrations, useMismatches, usePackages, useSnapshots } from './api';
import { TIER_COLORS, TIER_KEYS, TIER_TAG_COLORS, escapeHtml, tierKeyOf, tierLabel } from './format';
import './charts';

type Flow = { from: string; to: string };

/** The flow a click on the Sankey chose: a link carries its tiers (see the option's links); a node chooses none. */
export function flowOfSankeyClick(params: EChartClickParams): Flow | null {
  if (params.dataType !== 'edge' || typeof params.data !== 'object' || params.data === null) return null;
  const { from, to } = params.data as { from?: unknown; to?: unknown };
  return typeof from === 'string' && typeof to === 'string' ? { from, to } : null;
}

export function Migrations({ onOpen }: { onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation('merchants');
  const language = i18n.language;
  const snapshots = useSnapshots();
  const list = snapshots.data ?? [];
  const [chosen, setChosen] = useState<{ from: number | null; to: number | null }>({ from: null, to: null });
  const from = chosen.from ?? list.at(-2)?.id ?? null;
  const to = chosen.to ?? list.at(-1)?.id ?? null;
  const migrations = useMigrations(from, to);
  const [flow, setFlow] = useState<Flow | null>(null);
  // A link of the chart chooses its flow as its row in the table does.
  const chooseFromChart = useCallback((params: EChartClickParams) => {
    const chosenFlow = flowOfSankeyClick(params);
    if (chosenFlow) setFlow(chosenFlow);
  }, []);
  const merchants = useMigrationMerchants(flow && from !== null && to !== null ? { fromSnapshotId: from, toSnapshotId: to, from: flow.from, to: flow.to, limit: 500 } : null);
  const flows = useMemo(
    () => [...(migrations.data?.flows ?? [])].sort((a, b) => TIER_KEYS.indexOf(tierKeyOf(a.from)) - TIER_KEYS.indexOf(tierKeyOf(b.from)) || b.count - a.count),
    [migrations.data],
  );
  const option = useMemo<EChartOption>(() => {
    const before = (tier: string) => `${tierLabel(t, tier)} ·1`;
    const after = (tier: string) => `${tierLabel(t, tier)} ·2`;
    const tiers = TIER_KEYS.filter((tier) => flows.some((f) => tierKeyOf(f.from) === tier || tierKeyOf(f.to) === tier));
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { dataType: string; name: string; value: number; data: { source?: string; target?: string } }) =>
          p.dataType === 'edge'
            ? `${escapeHtml(String(p.data.source).replace(/ ·\d$/, ''))} → ${escapeHtml(String(p.data.target).replace(/ ·\d$/, ''))}: ${escapeHtml(numberText(p.value, language))}`
            : `${escapeHtml(p.name.replace(/ ·\d$/, ''))}: ${escapeHtml(numberText(p.value, language))}`,
      },
      series: [
        {
          type: 'sankey',
          animation: false,
          left: 8, right: 80, top: 8, bottom: 8,
          nodeAlign: 'justify',
          emphasis: { focus: 'adjacency' },
          label: { formatter: (p: { name: string }) => p.name.replace(/ ·\d$/, '') },
          data: [...tiers.map((tier) => ({ name: before(tier), itemStyle: { color: TIER_COLORS[tier] } })), ...tiers.map((tier) => ({ name: after(tier), itemStyle: { color: TIER_COLORS[tier] } }))],
          // `from` / `to`: the tiers, for a click on the link (ECharts hands the item back as given).
          links: flows.map((f) => ({ source: before(f.from), target: after(f.to), value: f.count, from: f.from, to: f.to })),
          lineStyle: { color: 'gradient', opacity: 0.4 },
        },
      ],
    };
  }, [flows, language, t]);

  if (snapshots.error) return <QueryError error={snapshots.error} />;
  if (list.length < 2) return <Alert type="info" showIcon title={t('migrations.none')} data-testid="merchant-migrations-none" />;
  const snapshotOptions = list.map((s) => ({ value: s.id, label: t('migrations.snapshot', { id: s.id, date: s.takenAt.slice(0, 16).replace('T', ' '), name: s.ruleSetName }) }));
  return (
    <Flex vertical gap={12} data-testid="merchant-migrations">
      <Flex gap={8} align="center" wrap>
        <span>{t('migrations.from')}</span>
        <Select size="small" value={from} options={snapshotOptions} onChange={(v: number) => setChosen({ from: v, to })} style={{ minWidth: 280 }} />
        <span>{t('migrations.to')}</span>
        <Select size="small" value={to} options={snapshotOptions} onChange={(v: number) => setChosen({ from, to: v })} style={{ minWidth: 280 }} />
      </Flex>
      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <Card size="small">
            {flows.length === 0 ? <Empty /> : <EChart option={option} height={340} ariaLabel={t('migrations.aria')} onClick={chooseFromChart} />}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('migrations.flows')}>
            <Table
              size="small"
              pagination={false}
              scroll={{ y: 280 }}
              rowKey={(f) => `${f.from}>${f.to}`}
              dataSource={flows}
              onRow={(f) => ({ onClick: () => setFlow({ from: f.from, to: f.to }), style: { cursor: 'pointer' }, 'data-testid': `merchant-flow-${f.from}-${f.to}` }) as never}
              rowClassName={(f) => (flow && f.from === flow.from && f.to === flow.to ? 'ant-table-row-selected' : '')}
              columns={[
                { title: t('migrations.from'), dataIndex: 'from', render: (tier: string) => <Tag color={TIER_TAG_COLORS[tierKeyOf(tier)]}>{tierLabel(t, tier)}</Tag> },
                { title: t('migrations.to'), dataIndex: 'to', render: (tier: string, f) => (tier === f.from ? <Typography.Text type="secondary">{t('migrations.stay')}</Typography.Text> : <Tag color={TIER_TAG_COLORS[tierKeyOf(tier)]}>{tierLabel(t, tier)}</Tag>) },
                { title: t('migrations.count'), dataIndex: 'count', align: 'right', render: (n: number) => numberText(n, language) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      {flow && (
        <Card size="small" title={t('migrations.merchantsOf', { from: tierLabel(t, flow.from), to: tierLabel(t, flow.to) })} data-testid="merchant-flow-merchants">
          {merchants.error && <QueryError error={merchants.error} />}
          <Table
            size="small"
            loading={merchants.isLoading}
            rowKey="id"
            pagination={{ pageSize: 20, size: 'small' }}
            dataSource={merchants.data ?? []}
            columns={[
              { title: t('grid.id'), dataIndex: 'id', width: 120 },
              { title: t('grid.name'), dataIndex: 'name', render: (name: string, m) => <Typography.Link onClick={() => onOpen(m.id)}><UntrustedText text={name} /></Typography.Link> },
              { title: t('migrations.fromScore'), dataIndex: 'fromScore', align: 'right', render: (n: number) => numberText(n, language, { fractionDigits: 1 }) },
              { title: t('migrations.toScore'), dataIndex: 'toScore', align: 'right', render: (n: number) => numberText(n, language, { fractionDigits: 1 }) },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}

type Mismatch = NonNullable<ReturnType<typeof useMismatches>['data']>['rows'][number];

export function Worklist({ periodDays, onOpen }: { periodDays: number; onOpen: (id: string) => void }) {
  const { t } = useTranslation('merchants');
  const { message } = App.useApp();
  const mismatches = useMismatches(periodDays);
  const packages = usePackages();
  const packageName = useMemo(() => new Map((packages.data ?? []).map((p) => [p.id, p.name])), [packages.data]);
  const [busy, setBusy] = useState<Set<string>>(new Set());
  const fix = useMerchantAction('merchants.fixMismatch', {
    onSuccess: (answer) => void message.success(t('worklist.fixed', { count: answer.commandIds.length })),
    onError: (error) => void message.error(<ErrorText error={error} />),
  });
  const fixMutate = fix.mutate;
  const run = useCallback(
    (ids: string[]) => {
      setBusy(new Set(ids));
      fixMutate({ assignmentIds: ids, periodDays }, { onSettled: () => setBusy(new Set()) });
    },
    [fixMutate, periodDays],
  );
  const columns = useMemo<ColDef<Mismatch>[]>(
    () => [
      untrustedTextColumn<Mismatch>({ field: 'merchantName', headerName: t('worklist.merchant'), width: 200 }),
      { field: 'merchantId', headerName: t('grid.id'), width: 110 },
      { colId: 'tier', headerName: t('worklist.tier'), width: 100, valueGetter: ({ data }) => (data ? tierLabel(t, data.tier) : '') },
      untrustedTextColumn<Mismatch>({ field: 'packageName', headerName: t('worklist.package'), width: 200 }),
      { colId: 'target', headerName: t('worklist.target'), width: 136, valueGetter: ({ data }) => (data ? tierLabel(t, data.targetTier) : '') },
      untrustedTextColumn<Mismatch>({ colId: 'suggested', headerName: t('worklist.suggested'), width: 200, valueGetter: ({ data }) => (data?.suggestedPackageId ? (packageName.get(data.suggestedPackageId) ?? data.suggestedPackageId) : '—') }),
      rowActionColumn<Mismatch>({
        headerName: '',
        actions: [
          { id: 'merchant-fix', label: t('worklist.fix'), shortcut: 'f', available: () => true, run: (row) => run([row.assignmentId]), busy: (row) => busy.has(row.assignmentId) },
          { id: 'merchant-open', label: t('common.open'), shortcut: 'o', available: () => true, run: (row) => onOpen(row.merchantId) },
        ],
      }),
    ],
    [t, busy, onOpen, packageName, run],
  );
  if (mismatches.error) return <QueryError error={mismatches.error} onRetry={() => void mismatches.refetch()} />;
  const rows = mismatches.data?.rows;
  return (
    <Flex vertical gap={8} data-testid="merchant-worklist">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('worklist.intro')}</Typography.Paragraph>
      <DataGrid<Mismatch>
        gridId="merchants-worklist"
        rows={rows}
        columns={columns}
        exportName={t('tabs.worklist')}
        rowId={(row) => row.assignmentId}
        loading={mismatches.isLoading}
        minHeight={360}
        toolbar={
          <Flex gap={8} align="center">
            <Typography.Text strong data-testid="merchant-worklist-total">{t('worklist.total', { count: mismatches.data?.total ?? 0 })}</Typography.Text>
            <Button size="small" type="primary" disabled={!rows?.length} loading={fix.isPending} onClick={() => rows && run(rows.map((r) => r.assignmentId))}>
              {t('worklist.fixAll')}
            </Button>
          </Flex>
        }
      />
    </Flex>
  );
}

type GrowthRow = NonNullable<ReturnType<typeof useGrowth>['data']>[number];

export function GrowthCentre({ periodDays }: { periodDays: number }) {
  const { t, i18n } = useTranslation('merchants');
  const language = i18n.language;
  const { t: tShell } = useTranslation();
  const growth = useGrowth(periodDays);
  const snapshots = useSnapshots();
  const columns = useMemo<ColDef<GrowthRow>[]>(
    () => [
      { colId: 'tier', headerName: t('growth.tier'), width: 100, valueGetter: ({ data }) => (data ? tierLabel(t, data.tier) : '') },
      numberColumn<GrowthRow>({ field: 'merchants', headerName: t('growth.merchants') }),
      numberColumn<GrowthRow>({ colId: 'gmv', headerName: t('growth.gmv'), valueGetter: ({ data }) => (data ? data.gmvFen / 1_000_000 : null), unit: 'wanYuan', fractionDigits: 2 }),
      numberColumn<GrowthRow>({ colId: 'gmvPrev', headerName: t('growth.gmvPrev'), valueGetter: ({ data }) => (data ? data.gmvPrevFen / 1_000_000 : null), unit: 'wanYuan', fractionDigits: 2 }),
      numberColumn<GrowthRow>({ field: 'growth', headerName: t('growth.growth'), unit: 'percent', fractionDigits: 1 }),
      numberColumn<GrowthRow>({ field: 'movedUp', headerName: t('growth.movedUp') }),
      numberColumn<GrowthRow>({ field: 'movedDown', headerName: t('growth.movedDown') }),
    ],
    [t],
  );
  const option = useMemo<EChartOption>(() => {
    const rows = (growth.data ?? []).filter((r) => r.merchants > 0);
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => numberText(v, language, { fractionDigits: 2 }) },
      legend: { top: 0 },
      grid: { left: 56, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: rows.map((r) => tierLabel(t, r.tier)) },
      yAxis: { type: 'value', name: tShell('grid.units.wanYuan') },
      series: [
        { name: t('growth.gmvPrev'), type: 'bar', data: rows.map((r) => Math.round(r.gmvPrevFen / 10_000) / 100), itemStyle: { color: '#bfbfbf' } },
        { name: t('growth.gmv'), type: 'bar', data: rows.map((r) => ({ value: Math.round(r.gmvFen / 10_000) / 100, itemStyle: { color: TIER_COLORS[tierKeyOf(r.tier)] } })) },
      ],
    };
  }, [growth.data, language, t, tShell]);
  if (growth.error) return <QueryError error={growth.error} onRetry={() => void growth.refetch()} />;
  return (
    <Flex vertical gap={8} data-testid="merchant-growth">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('growth.intro')}</Typography.Paragraph>
      {(snapshots.data?.length ?? 0) < 2 && <Alert type="info" showIcon title={t('growth.noSnapshots')} />}
      <Row gutter={[12, 12]}>
        <Col span={24}>
          <DataGrid<GrowthRow> gridId="merchants-growth" rows={growth.data} columns={columns} exportName={t('tabs.growth')} rowId={(r) => r.tier} height="auto" />
        </Col>
        <Col span={24}>
          <Card size="small" title={`${t('growth.gmv')} / ${t('growth.gmvPrev')}`}>
            <EChart option={option} height={240} ariaLabel={`${t('growth.gmv')} / ${t('growth.gmvPrev')}`} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
