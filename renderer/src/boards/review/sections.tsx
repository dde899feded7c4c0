/**
 * The pack's sections: each a card with its grid (antd tables: plain DOM, so they print whole)
 * and, where a picture says more, a chart. Text from the platform (titles, names) is rendered by
 * React as text; chart tooltips are drawn as rich text, never HTML.
 */
import { useMemo } from 'react';
import { Card, Col, Row, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { formatKpiChange, formatKpiValue, PACK_TOTAL_LABEL, type KpiMetric, type ReviewPackView } from '../../../../electron/core/api/overview';
import { coverageCategoryCount, coverageChart, merchantsChart, okrChart, slaChart, type BarChartBody } from '../../../../electron/core/api/review-pack-charts';
import { EChart, type EChartOption } from '../../components/EChart';
import { numberText } from '../../components/number-format';
import './charts';

type Pack = ReviewPackView;
type Language = 'zh-CN' | 'en';

/** The first rows of a long list on screen and paper; the workbook has them all. */
const ALERTS_SHOWN = 100;

function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

const percent = (value: number | null, language: string) => (value === null ? '—' : numberText(value, language, { unit: 'percent', fractionDigits: 1 }));
const count = (value: number, language: string) => numberText(value, language);

/** A change between two shares, in percentage points. */
function pointChange(current: number | null, previous: number | null, language: Language): string {
  if (current === null || previous === null) return '—';
  const points = (current - previous) * 100;
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return `${sign}${Math.abs(points).toFixed(1)}${language === 'en' ? ' pt' : '个百分点'}`;
}

function Section({ title, testId, extra, children }: { title: string; testId: string; extra?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Card title={title} size="small" extra={extra} data-testid={testId}>
      {children}
    </Card>
  );
}

const tableProps = { size: 'small' as const, pagination: false as const, bordered: true, scroll: { x: 'max-content' } };

interface BarLayout {
  /** Bar thickness cap in px. */
  barMaxWidth: number;
  legend?: boolean;
  valueFormatter?: (value: unknown) => string;
  /** Room on the right for value labels. */
  right?: number;
}

/** A bar chart as the board draws it: tooltips as rich text (never HTML), legend on top when there are several series. */
function barOption(body: Omit<BarChartBody, 'series'> & { series: object[] }, { barMaxWidth, legend = true, valueFormatter, right = 16 }: BarLayout): EChartOption {
  return {
    tooltip: { trigger: 'axis', renderMode: 'richText', ...(valueFormatter ? { valueFormatter } : {}) },
    ...(legend ? { legend: { top: 0 } } : {}),
    grid: { left: 8, right, top: legend ? 32 : 12, bottom: 8, containLabel: true },
    ...body,
    series: body.series.map((series) => ({ ...series, barMaxWidth })),
  };
}

const percentText = (digits: number) => (value: unknown) => (typeof value === 'number' ? `${value.toFixed(digits)}%` : '—');

export function NorthStarSection({ pack }: { pack: Pack }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  // One row per figure: the whole platform this period, previous and change, then each category this period.
  const scopes = [...new Set(pack.northStar.map((row) => row.scope))];
  const categories = scopes.filter((scope) => scope !== 'platform');
  const cell = (scope: string, metric: KpiMetric) => pack.northStar.find((row) => row.scope === scope && row.metric === metric);
  const scopeName = (scope: string) => pack.northStar.find((row) => row.scope === scope)?.scopeName ?? scope;
  const metrics = [...new Set(pack.northStar.map((row) => row.metric))];
  const rows = metrics.map((metric) => ({ key: metric, metric }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('metric'), key: 'metric', fixed: 'left', render: (_, row) => t(`metrics.${row.metric}`) },
    {
      title: t('platform'),
      children: [
        { title: t('thisPeriod'), key: 'current', align: 'right', render: (_, row) => formatKpiValue(row.metric, cell('platform', row.metric)?.current ?? null, language) },
        { title: t('previous'), key: 'previous', align: 'right', render: (_, row) => formatKpiValue(row.metric, cell('platform', row.metric)?.previous ?? null, language) },
        { title: t('change'), key: 'change', align: 'right', render: (_, row) => { const c = cell('platform', row.metric); return c ? formatKpiChange(row.metric, c, language) : '—'; } },
      ],
    },
    ...categories.map((scope) => ({
      title: `${scopeName(scope)} · ${t('thisPeriod')}`,
      key: scope,
      align: 'right' as const,
      render: (_: unknown, row: (typeof rows)[number]) => formatKpiValue(row.metric, cell(scope, row.metric)?.current ?? null, language),
    })),
  ];
  const platform = useMemo(() => pack.northStar.filter((row) => row.scope === 'platform'), [pack.northStar]);
  const comparable = platform.some((row) => changePercent(row.metric, row.current, row.previous) !== null);
  const option = useMemo<EChartOption>(() => {
    return barOption(
      {
        xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        yAxis: { type: 'category', inverse: true, data: platform.map((row) => t(`metrics.${row.metric}`)) },
        series: [
          {
            type: 'bar',
            // Green when the figure moved the right way, red otherwise, its change written beside it.
            data: platform.map((row) => ({ value: changePercent(row.metric, row.current, row.previous), itemStyle: { color: isGood(row.metric, row.current, row.previous) ? '#3f8600' : '#cf1322' } })),
            label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '—' : `${p.value.toFixed(1)}%`) },
          },
        ],
      },
      { barMaxWidth: 16, legend: false, right: 48 },
    );
  }, [platform, t]);
  return (
    <Section title={t('northStar')} testId="review-north-star">
      <Row gutter={16}>
        <Col xs={24} xxl={16}>
          <Table {...tableProps} columns={columns} dataSource={rows} />
        </Col>
        <Col xs={24} xxl={8} className="print-keep">
          <Typography.Text strong>{t('northStarChart')}</Typography.Text>
          {comparable ? <EChart option={option} ariaLabel={t('northStarChart')} height={260} /> : <Typography.Paragraph type="secondary">{t('noPrevious')}</Typography.Paragraph>}
        </Col>
      </Row>
    </Section>
  );
}

/** Change in %, for a rate as the relative change of the rate itself. */
function changePercent(_metric: KpiMetric, current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return ((current - previous) / previous) * 100;
}

const LOWER_IS_BETTER = new Set<KpiMetric>(['refund_rate', 'avg_delivery_hours']);
function isGood(metric: KpiMetric, current: number | null, previous: number | null): boolean {
  if (current === null || previous === null) return true;
  return LOWER_IS_BETTER.has(metric) ? current <= previous : current >= previous;
}

export function MerchantsSection({ pack }: { pack: Pack }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const groupName = (group: string) => packGroupName(pack, group, t);
  const rows = pack.merchants.rows.map((row) => ({ ...row, key: row.group }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('group'), key: 'group', render: (_, row) => (row.group === PACK_TOTAL_LABEL ? <strong>{groupName(row.group)}</strong> : groupName(row.group)) },
    { title: t('merchantCount'), key: 'merchants', align: 'right', render: (_, row) => count(row.merchants, language) },
    { title: `${t('sellThrough')} · ${t('thisPeriod')}`, key: 'st', align: 'right', render: (_, row) => percent(row.sellThrough, language) },
    { title: `${t('sellThrough')} · ${t('previous')}`, key: 'stPrev', align: 'right', render: (_, row) => percent(row.previousSellThrough, language) },
    { title: t('change'), key: 'stChange', align: 'right', render: (_, row) => pointChange(row.sellThrough, row.previousSellThrough, language) },
    { title: t('orders'), key: 'orders', align: 'right', render: (_, row) => count(row.orders, language) },
    { title: `${t('returnRate')} · ${t('thisPeriod')}`, key: 'rr', align: 'right', render: (_, row) => percent(row.returnRate, language) },
    { title: `${t('returnRate')} · ${t('previous')}`, key: 'rrPrev', align: 'right', render: (_, row) => percent(row.previousReturnRate, language) },
    { title: t('change'), key: 'rrChange', align: 'right', render: (_, row) => pointChange(row.returnRate, row.previousReturnRate, language) },
  ];
  const option = useMemo<EChartOption>(() => {
    const shares = [
      { key: 'sellThrough', name: t('thisPeriod') },
      { key: 'previousSellThrough', name: t('previous') },
    ] as const;
    return barOption(merchantsChart(pack, (group) => packGroupName(pack, group, t), shares), { barMaxWidth: 24, valueFormatter: percentText(1) });
  }, [pack, t]);
  const grouping = pack.merchants.groupedBy === 'tier' ? t('merchantsByTier', { snapshot: pack.merchants.snapshotId }) : t('merchantsByShopType');
  return (
    <Section title={t('merchants')} testId="review-merchants" extra={<Typography.Text type="secondary">{grouping}</Typography.Text>}>
      <Row gutter={16}>
        <Col xs={24} xxl={15}>
          <Table {...tableProps} columns={columns} dataSource={rows} />
        </Col>
        <Col xs={24} xxl={9} className="print-keep">
          <Typography.Text strong>{t('merchantsChart')}</Typography.Text>
          <EChart option={option} ariaLabel={t('merchantsChart')} height={260} />
        </Col>
      </Row>
    </Section>
  );
}

const TIER_KEYS = { head: true, waist: true, smb: true, individual: true, '(none)': true } as const;

/** A merchant group in words: a tier, or a shop type when no tier snapshot has been applied yet. */
function packGroupName(pack: Pack, group: string, t: TFunction<'review'>): string {
  if (group === PACK_TOTAL_LABEL) return t('total');
  if (pack.merchants.groupedBy === 'tier' && group in TIER_KEYS) return t(`tiers.${group as keyof typeof TIER_KEYS}`);
  // A shop type the platform added after this release shows as it is.
  return (t('shopTypes', { returnObjects: true }) as Record<string, string>)[group] ?? group;
}

export function SlaSection({ pack }: { pack: Pack }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const summary = pack.slaSummary.map((row) => ({ ...row, key: row.severity }));
  const summaryColumns: TableColumnsType<(typeof summary)[number]> = [
    { title: t('severity'), dataIndex: 'severity' },
    { title: t('opened'), key: 'opened', align: 'right', render: (_, row) => count(row.opened, language) },
    { title: t('acknowledged'), key: 'ack', align: 'right', render: (_, row) => count(row.acknowledged, language) },
    { title: t('met'), key: 'met', align: 'right', render: (_, row) => count(row.met, language) },
    { title: t('breached'), key: 'breached', align: 'right', render: (_, row) => (row.breached > 0 ? <Tag color="error">{count(row.breached, language)}</Tag> : '0') },
    { title: t('pending'), key: 'pending', align: 'right', render: (_, row) => count(row.pending, language) },
    { title: t('metRate'), key: 'metRate', align: 'right', render: (_, row) => percent(row.metRate, language) },
    { title: t('previousMetRate'), key: 'prevMetRate', align: 'right', render: (_, row) => percent(row.previousMetRate, language) },
  ];
  const alerts = pack.alerts.slice(0, ALERTS_SHOWN).map((row) => ({ ...row, key: row.id }));
  const outcome = { met: t('met'), breached: t('breached'), pending: t('pending') } as const;
  const alertColumns: TableColumnsType<(typeof alerts)[number]> = [
    { title: t('severity'), dataIndex: 'severity', width: 64 },
    { title: t('alertTitle'), dataIndex: 'title', ellipsis: true },
    { title: t('status'), key: 'status', width: 110, render: (_, row) => (t('alertStatus', { returnObjects: true }) as Record<string, string>)[row.status] ?? row.status },
    { title: t('openedAt'), key: 'openedAt', width: 150, render: (_, row) => minute(row.openedAt) },
    { title: t('dueAt'), key: 'dueAt', width: 150, render: (_, row) => minute(row.slaDueAt) },
    { title: 'SLA', key: 'sla', width: 90, render: (_, row) => <Tag color={row.sla === 'met' ? 'success' : row.sla === 'breached' ? 'error' : 'default'}>{outcome[row.sla]}</Tag> },
  ];
  const option = useMemo<EChartOption>(
    () => barOption(slaChart(pack, { met: t('met'), breached: t('breached'), pending: t('pending') }), { barMaxWidth: 32 }),
    [pack, t],
  );
  return (
    <Section title={t('sla')} testId="review-sla">
      <Row gutter={16}>
        <Col xs={24} xxl={15}>
          <Table {...tableProps} columns={summaryColumns} dataSource={summary} />
        </Col>
        <Col xs={24} xxl={9} className="print-keep">
          <Typography.Text strong>{t('slaChart')}</Typography.Text>
          <EChart option={option} ariaLabel={t('slaChart')} height={220} />
        </Col>
      </Row>
      <Typography.Title level={5} style={{ marginTop: 12 }}>
        {t('alerts', { count: pack.alerts.length })}
      </Typography.Title>
      <Table {...tableProps} columns={alertColumns} dataSource={alerts} data-testid="review-alerts" />
      {pack.alerts.length > ALERTS_SHOWN && <Typography.Text type="secondary">{t('alertsMore', { shown: ALERTS_SHOWN })}</Typography.Text>}
    </Section>
  );
}

/** An RFC 3339 instant in +08:00 as the desk reads it: YYYY-MM-DD HH:mm. */
function minute(iso: string | null): string {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '—';
}

export function CoverageSection({ pack }: { pack: Pack }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const rows = pack.coverage.map((row) => ({ ...row, key: row.categoryId }));
  const name = (row: Pack['coverage'][number]) => (row.categoryId === PACK_TOTAL_LABEL ? t('total') : (row.categoryName ?? row.categoryId));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('category'), key: 'category', render: (_, row) => (row.categoryId === PACK_TOTAL_LABEL ? <strong>{name(row)}</strong> : name(row)) },
    { title: t('coreSkus'), key: 'core', align: 'right', render: (_, row) => count(row.coreSkus, language) },
    { title: t('noPrimary'), key: 'np', align: 'right', render: (_, row) => (row.noPrimary > 0 ? <Tag color="error">{count(row.noPrimary, language)}</Tag> : '0') },
    { title: t('singleSource'), key: 'ss', align: 'right', render: (_, row) => (row.singleSource > 0 ? <Tag color="warning">{count(row.singleSource, language)}</Tag> : '0') },
    { title: t('covered'), key: 'cov', align: 'right', render: (_, row) => count(row.covered, language) },
    { title: t('coveredShare'), key: 'share', align: 'right', render: (_, row) => percent(row.coreSkus > 0 ? row.covered / row.coreSkus : null, language) },
  ];
  const option = useMemo<EChartOption>(
    () => barOption(coverageChart(pack, { noPrimary: t('noPrimary'), singleSource: t('singleSource'), covered: t('covered') }), { barMaxWidth: 16 }),
    [pack, t],
  );
  return (
    <Section title={t('coverage')} testId="review-coverage">
      <Row gutter={16}>
        <Col xs={24} xxl={13}>
          <Table {...tableProps} columns={columns} dataSource={rows} />
        </Col>
        <Col xs={24} xxl={11} className="print-keep">
          <Typography.Text strong>{t('coverageChart')}</Typography.Text>
          <EChart option={option} ariaLabel={t('coverageChart')} height={Math.max(200, coverageCategoryCount(pack) * 28 + 48)} />
        </Col>
      </Row>
    </Section>
  );
}

export function OkrSection({ pack }: { pack: Pack }) {
  const { t } = useTranslation('review');
  const language = useLanguage();
  const rows = pack.okrTeams.map((row) => ({ ...row, key: row.id }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: t('team'), dataIndex: 'name' },
    { title: t('status'), key: 'status', width: 90, render: (_, row) => (t('teamStatus', { returnObjects: true }) as Record<string, string>)[row.status] ?? row.status },
    { title: t('lead'), key: 'lead', render: (_, row) => row.leadName ?? '—' },
    { title: t('category'), key: 'category', render: (_, row) => row.categoryName ?? '—' },
    { title: t('span'), key: 'span', render: (_, row) => `${row.startsOn} – ${row.endsOn}` },
    { title: t('keyResults'), key: 'krs', align: 'right', render: (_, row) => count(row.keyResults, language) },
    { title: t('progress'), key: 'progress', align: 'right', render: (_, row) => percent(row.progress, language) },
    { title: t('timeElapsed'), key: 'time', align: 'right', render: (_, row) => percent(row.timeElapsed, language) },
    {
      title: '',
      key: 'pace',
      render: (_, row) => (row.status === 'active' && row.progress !== null && row.progress < row.timeElapsed ? <Tag color="warning">{t('behind')}</Tag> : null),
    },
  ];
  const option = useMemo<EChartOption>(
    () => barOption(okrChart(pack, { progress: t('progress'), timeElapsed: t('timeElapsed') }), { barMaxWidth: 12, valueFormatter: percentText(0) }),
    [pack, t],
  );
  return (
    <Section title={t('okr')} testId="review-okr">
      <Row gutter={16}>
        <Col xs={24} xxl={14}>
          <Table {...tableProps} columns={columns} dataSource={rows} locale={{ emptyText: t('none') }} />
        </Col>
        <Col xs={24} xxl={10} className="print-keep">
          <Typography.Text strong>{t('okrChart')}</Typography.Text>
          <EChart option={option} ariaLabel={t('okrChart')} height={Math.max(200, pack.okrTeams.length * 36 + 48)} />
        </Col>
      </Row>
    </Section>
  );
}
