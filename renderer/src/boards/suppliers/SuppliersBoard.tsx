import { useMemo, useState } from 'react';
import { Card, Col, Empty, Flex, Row, Select, Space, Statistic, Tabs, Tag, Typography } from 'antd';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import { COVERAGE_STATES, SUPPLIER_GRADES, type CoverageRow, type MethodInput, type RiskEventRow } from './contract';
import { BoardHeader } from '../../components/BoardHeader';
import { DataGrid } from '../../components/DataGrid';
import { EChart, type EChartOption } from '../../components/EChart';
import { dateColumn, numberColumn, rowActionColumn, untrustedTextColumn } from '../../components/grid-columns';
import { numberText } from '../../components/number-format';
import { QueryError } from '../../components/QueryError';
import type { RowAction } from '../../components/row-actions';
import { UntrustedText } from '../../components/UntrustedText';
import { useCoverageRows, useImpact, useProvinces, useRiskEvents, useSupplierRows, useSupplyOverview } from './api';
import { COVERAGE_COLORS, useCoverageColumns, useSupplierColumns } from './columns';
import { ProvinceTiles } from './ProvinceTiles';
import { provinceLabel } from './provinces';
import { RulesPanel } from './RulesPanel';
import { SwitchPlanDialog } from './SwitchPlanDialog';
import './messages';

const skuRowId = (row: CoverageRow) => row.skuId;
const eventRowId = (row: RiskEventRow) => row.id;

/**
 * Supplier backup pools: coverage of the core SKUs, the supplier grid with QCDS grades, risk
 * events with a province tile grid and their switch plans, and the grading rules. Switching the
 * primary is an outbox command: it works offline and the row says "not synced" until confirmed.
 */
export default function SuppliersBoard() {
  const { t } = useTranslation('suppliers');
  const [tab, setTab] = useState('overview');
  const [planSku, setPlanSku] = useState<string | null>(null);
  return (
    <>
      <BoardHeader title={t('title')} description={t('description')} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'overview', label: t('tabs.overview'), children: <Overview /> },
          { key: 'coverage', label: t('tabs.coverage'), children: <CoverageGrid onPlan={setPlanSku} /> },
          { key: 'suppliers', label: t('tabs.suppliers'), children: <SupplierGrid /> },
          { key: 'risk', label: t('tabs.risk'), children: <RiskPanel onPlan={setPlanSku} /> },
          { key: 'rules', label: t('tabs.rules'), children: <RulesPanel /> },
        ]}
      />
      <SwitchPlanDialog key={planSku ?? ''} skuId={planSku} onClose={() => setPlanSku(null)} />
    </>
  );
}

function yuanText(fen: number, language: string): string {
  return numberText(Math.round(fen / 100), language);
}

function Overview() {
  const { t, i18n } = useTranslation('suppliers');
  const overview = useSupplyOverview();
  const data = overview.data;
  const coverageOption = useMemo<EChartOption | null>(
    () =>
      data ? {
        grid: { left: 90, right: 24, top: 8, bottom: 24 },
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: COVERAGE_STATES.map((s) => t(`coverage.${s}`)) },
        tooltip: { renderMode: 'richText' },
        series: [{ type: 'bar', data: COVERAGE_STATES.map((s) => ({ value: data.byCoverage[s], itemStyle: { color: { no_primary: '#cf1322', single_source: '#fa8c16', covered: '#389e0d' }[s] } })), label: { show: true, position: 'right' } }],
      } : null,
    [data, t],
  );
  const gradeOption = useMemo<EChartOption | null>(
    () =>
      data ? {
        grid: { left: 40, right: 16, top: 24, bottom: 24 },
        xAxis: { type: 'category', data: [...SUPPLIER_GRADES] },
        yAxis: { type: 'value' },
        tooltip: { renderMode: 'richText' },
        series: [{ type: 'bar', data: SUPPLIER_GRADES.map((g) => data.gradeCounts[g]), label: { show: true, position: 'top' } }],
      } : null,
    [data],
  );
  const trendOption = useMemo<EChartOption | null>(
    () =>
      data ? {
        grid: { left: 40, right: 16, top: 8, bottom: 24 },
        xAxis: { type: 'category', data: data.singleSourceTrend.map((p) => p.at.slice(5, 16).replace('T', ' ')) },
        yAxis: { type: 'value' },
        tooltip: { renderMode: 'richText' },
        series: [{ type: 'bar', data: data.singleSourceTrend.map((p) => p.singleSource), itemStyle: { color: '#fa8c16' } }],
      } : null,
    [data],
  );
  if (overview.error) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  if (!data) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="suppliers-overview">
      <Row gutter={12}>
        <Col span={4}><Card size="small"><Statistic title={t('overview.coreSkus')} value={data.coreSkus} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={t('coverage.single_source')} value={data.byCoverage.single_source} styles={{ content: { color: '#fa8c16' } }} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={t('coverage.no_primary')} value={data.byCoverage.no_primary} styles={{ content: { color: '#cf1322' } }} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={t('overview.capacityShort')} value={data.capacityShort} /></Card></Col>
        <Col span={4}><Card size="small"><Statistic title={t('overview.expiring')} value={`${data.expiringWithin.d30} / ${data.expiringWithin.d60} / ${data.expiringWithin.d90}`} /></Card></Col>
        <Col span={4}>
          <Card size="small">
            <Statistic title={t('overview.revenueAtRisk')} value={yuanText(data.openRevenueAtRiskFen, i18n.language)} data-testid="open-revenue-at-risk" />
            <Typography.Text type="secondary">{t('overview.openEvents')}: {data.openEvents}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}><Card size="small" title={t('overview.byCoverage')}>{coverageOption && <EChart option={coverageOption} ariaLabel={t('overview.byCoverage')} height={220} />}</Card></Col>
        <Col span={8}><Card size="small" title={t('overview.trend')}>{trendOption && <EChart option={trendOption} ariaLabel={t('overview.trend')} height={220} />}</Card></Col>
        <Col span={8}><Card size="small" title={t('overview.grades')}>{gradeOption && <EChart option={gradeOption} ariaLabel={t('overview.grades')} height={220} />}</Card></Col>
      </Row>
      <Typography.Text type="secondary">{t('overview.asOf', { date: data.asOf })}</Typography.Text>
    </Space>
  );
}

function CoverageGrid({ onPlan }: { onPlan(skuId: string): void }) {
  const { t } = useTranslation('suppliers');
  const rows = useCoverageRows();
  const actions = useMemo<RowAction<CoverageRow>[]>(
    () => [{ id: 'plan', label: t('actions.plan'), shortcut: 'p', available: (row) => row.primaryLinkId !== null, run: (row) => onPlan(row.skuId) }],
    [t, onPlan],
  );
  const columns = useCoverageColumns(actions);
  if (rows.error) return <QueryError error={rows.error} onRetry={() => void rows.refetch()} />;
  return <DataGrid gridId="suppliers-coverage" rows={rows.data} columns={columns} exportName="core-sku-coverage" rowId={skuRowId} searchable loading={rows.isLoading} />;
}

function SupplierGrid() {
  const rows = useSupplierRows();
  const columns = useSupplierColumns();
  if (rows.error) return <QueryError error={rows.error} onRetry={() => void rows.refetch()} />;
  return <DataGrid gridId="suppliers-grid" rows={rows.data} columns={columns} exportName="suppliers" rowId={(row) => row.id} searchable loading={rows.isLoading} />;
}

function RiskPanel({ onPlan }: { onPlan(skuId: string): void }) {
  const { t, i18n } = useTranslation('suppliers');
  const events = useRiskEvents();
  const provinces = useProvinces();
  const [eventId, setEventId] = useState<string | null>(null);
  const [chosenProvinces, setChosenProvinces] = useState<string[]>([]);
  const impactInput: MethodInput<'suppliers.impact'> | null = chosenProvinces.length > 0 ? { provinces: chosenProvinces } : eventId ? { eventId } : null;
  const impact = useImpact(impactInput);
  const event = events.data?.find((e) => e.id === eventId) ?? null;
  const actions = useMemo<RowAction<RiskEventRow>[]>(
    () => [{ id: 'impact', label: t('actions.impact'), shortcut: 'i', available: () => true, run: (row) => { setChosenProvinces([]); setEventId(row.id); } }],
    [t],
  );
  const eventColumns = useMemo<ColDef<RiskEventRow>[]>(
    () => [
      { field: 'severity', headerName: t('risk.severity'), width: 104, sort: 'desc', cellRenderer: ({ value }: { value: number }) => <Tag color={value >= 4 ? 'red' : value === 3 ? 'orange' : 'gold'}>{value}</Tag> },
      { field: 'status', headerName: t('grid.status'), width: 90, valueFormatter: ({ value }) => t(`eventStatuses.${value as 'open'}`, { defaultValue: String(value) }) },
      { field: 'type', headerName: t('risk.type'), width: 110, valueFormatter: ({ value }) => t(`eventTypes.${value as 'financial'}`, { defaultValue: String(value) }) },
      untrustedTextColumn<RiskEventRow>({ field: 'title', headerName: t('risk.titleCol'), flex: 2, minWidth: 220 }),
      { colId: 'provinces', headerName: t('risk.provinces'), width: 120, valueGetter: ({ data }) => (data ? data.provinces.map((p) => provinceLabel(p, i18n.language)).join('、') : '') },
      numberColumn<RiskEventRow>({ field: 'affectedSuppliers', headerName: t('risk.suppliersCol'), width: 90 }),
      numberColumn<RiskEventRow>({ field: 'coreSkus', headerName: t('risk.core'), width: 80 }),
      numberColumn<RiskEventRow>({ colId: 'revenue', headerName: t('risk.revenue'), width: 140, valueGetter: ({ data }) => (data ? Math.round(data.revenueAtRiskFen / 100) : null) }),
      dateColumn<RiskEventRow>({ field: 'startedAt', headerName: t('risk.started'), width: 120, format: 'MM-DD HH:mm' }),
      rowActionColumn<RiskEventRow>({ headerName: t('grid.actions'), actions }),
    ],
    [t, i18n.language, actions],
  );
  const openEvents = useMemo(() => events.data?.filter((e) => e.status !== 'closed'), [events.data]);
  if (events.error) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <DataGrid gridId="suppliers-events" rows={openEvents} columns={eventColumns} exportName="risk-events" rowId={eventRowId} height={300} />
      <Row gutter={12}>
        <Col span={10}>
          <Card size="small" title={t('risk.tiles')} extra={<Typography.Text type="secondary">{t('risk.tilesHint')}</Typography.Text>}>
            <Select
              mode="multiple"
              allowClear
              style={{ width: '100%', marginBottom: 8 }}
              placeholder={t('risk.province')}
              aria-label={t('risk.province')}
              value={chosenProvinces}
              onChange={setChosenProvinces}
              options={(provinces.data ?? []).filter((p) => p.suppliers > 0).map((p) => ({ value: p.province, label: `${provinceLabel(p.province, i18n.language)} (${p.suppliers})` }))}
              data-testid="province-picker"
            />
            {provinces.data && <ProvinceTiles rows={provinces.data} selected={chosenProvinces.length > 0 ? chosenProvinces : (event?.provinces ?? [])} />}
          </Card>
        </Col>
        <Col span={14}>
          <Card
            size="small"
            data-testid="impact-panel"
            title={event && chosenProvinces.length === 0 ? <span>{t('risk.impactTitle', { title: '' })}<UntrustedText text={event.title} /></span> : t('risk.plans')}
          >
            {impact.error && <QueryError error={impact.error} />}
            {!impactInput && <Empty description={t('risk.noEvent')} />}
            {impactInput && impact.data && (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Flex gap={24} wrap>
                  <Statistic title={t('risk.affectedSuppliers', { count: impact.data.suppliers.length })} value={impact.data.skus} suffix={t('risk.skus')} />
                  <Statistic title={t('risk.core')} value={impact.data.coreSkus} />
                  <Statistic title={t('risk.revenue')} value={yuanText(impact.data.revenueAtRiskFen, i18n.language)} />
                </Flex>
                <PlanList plans={impact.data.plans} onPlan={onPlan} />
              </Space>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

interface PlanLine {
  skuId: string;
  backups: number;
  best: string;
}

function PlanList({ plans, onPlan }: { plans: { skuId: string; backups: { supplierId: string; grade: string; leadTimeDays: number }[] }[]; onPlan(skuId: string): void }) {
  const { t } = useTranslation('suppliers');
  const rows = useMemo<PlanLine[]>(
    () =>
      plans.map((plan) => ({
        skuId: plan.skuId,
        backups: plan.backups.length,
        best: plan.backups[0] ? t('risk.best', { supplier: plan.backups[0].supplierId, grade: plan.backups[0].grade, days: plan.backups[0].leadTimeDays }) : t('risk.noBackup'),
      })),
    [plans, t],
  );
  const actions = useMemo<RowAction<PlanLine>[]>(() => [{ id: 'plan', label: t('actions.plan'), shortcut: 'p', available: (row) => row.backups > 0, run: (row) => onPlan(row.skuId) }], [t, onPlan]);
  const columns = useMemo<ColDef<PlanLine>[]>(
    () => [
      { field: 'skuId', headerName: t('grid.sku'), width: 130, cellRenderer: ({ value }: { value: string }) => <Tag color={COVERAGE_COLORS.no_primary}>{value}</Tag> },
      numberColumn<PlanLine>({ field: 'backups', headerName: t('grid.backups'), width: 100 }),
      untrustedTextColumn<PlanLine>({ field: 'best', headerName: t('plan.supplier'), flex: 1 }),
      rowActionColumn<PlanLine>({ headerName: t('grid.actions'), actions }),
    ],
    [t, actions],
  );
  return <DataGrid gridId="suppliers-plans" rows={rows} columns={columns} exportName="switch-plans" rowId={(row) => row.skuId} height={300} />;
}

