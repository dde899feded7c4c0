/**
 * The desk's north-star figures (北极星指标): today so far against the same time yesterday for the
 * platform or one category, a sparkline of the day, and a target per figure set here (kept locally).
 */
import { useState } from 'react';
import { Button, Card, Col, Flex, InputNumber, Popover, Row, Select, Space, Typography } from 'antd';
import { EditOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import {
  formatKpiChange,
  formatKpiValue,
  LOWER_IS_BETTER,
  METRIC_AGGREGATION,
  METRIC_UNIT,
  type KpiMetric,
  type NorthStarFigure,
} from '../../../../electron/core/api/overview';
import { cockpitQueryKey, useCockpitMutation, useCockpitQuery } from '../../api/hooks';
import { registerBoardMessages, type Widen } from '../../i18n';
import { kpiMetricsEn, kpiMetricsZh } from '../../i18n/kpi-metrics';
import { QueryError } from '../../components/QueryError';

const northStarZh = {
  title: '北极星指标',
  subtitle: '今日截至 {{time}}，对比昨日同时段',
  platform: '全平台',
  warRoom: '作战室大屏',
  metrics: kpiMetricsZh,
  vsYesterday: '较昨日同时段 {{change}}',
  noComparison: '昨日同时段无完整数据',
  target: '目标 {{value}}',
  progress: '达成 {{percent}}%',
  noTarget: '未设目标',
  setTarget: '设置目标',
  targetUnit: { fen: '万元', count: '', rate: '%', hours: '小时' },
  save: '保存',
  clear: '清除目标',
  noData: '暂无 KPI 数据：同步完成后显示',
};

const northStarEn: Widen<typeof northStarZh> = {
  title: 'North-star figures',
  subtitle: 'Today up to {{time}}, against the same time yesterday',
  platform: 'Platform',
  warRoom: 'War-room screen',
  metrics: kpiMetricsEn,
  vsYesterday: '{{change}} vs same time yesterday',
  noComparison: 'No full data for this time yesterday',
  target: 'Target {{value}}',
  progress: '{{percent}}% of target',
  noTarget: 'No target',
  setTarget: 'Set target',
  targetUnit: { fen: '10k yuan', count: '', rate: '%', hours: 'h' },
  save: 'Save',
  clear: 'Clear target',
  noData: 'No KPI data yet: shown once the sync has run',
};

declare module '../../i18n' {
  interface BoardMessages {
    overviewNorthStar: typeof northStarZh;
  }
}

registerBoardMessages('overviewNorthStar', { 'zh-CN': northStarZh, en: northStarEn });

/** Targets are typed in the unit people think in (万元, %), stored in the metric's own (fen, decimal). */
const ENTRY_FACTOR: Record<ReturnType<typeof unitOf>, number> = { fen: 1_000_000, count: 1, rate: 0.01, hours: 1 };
function unitOf(metric: KpiMetric) {
  return METRIC_UNIT[metric];
}

export function NorthStarCard() {
  const { t } = useTranslation('overviewNorthStar');
  const navigate = useNavigate();
  const northStar = useCockpitQuery('overview.northStar', {});
  const [scope, setScope] = useState('platform');
  const scopes = northStar.data?.scopes ?? [];
  const shown = scopes.find((s) => s.scope === scope) ?? scopes[0];
  return (
    <Card
      size="small"
      data-testid="overview-north-star"
      title={
        <Space size={12} wrap>
          <span>{t('title')}</span>
          {northStar.data?.asOf && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
              {t('subtitle', { time: northStar.data.asOf.slice(11, 16) })}
            </Typography.Text>
          )}
        </Space>
      }
      extra={
        <Space>
          {scopes.length > 1 && (
            <Select
              size="small"
              value={shown?.scope}
              onChange={setScope}
              style={{ minWidth: 140 }}
              aria-label={t('title')}
              options={scopes.map((s) => ({ value: s.scope, label: s.scope === 'platform' ? t('platform') : (s.name ?? s.scope) }))}
            />
          )}
          <Button size="small" icon={<FundProjectionScreenOutlined />} onClick={() => void navigate('/war-room')}>
            {t('warRoom')}
          </Button>
        </Space>
      }
    >
      {northStar.error && <QueryError error={northStar.error} onRetry={() => void northStar.refetch()} />}
      {northStar.data && !shown && <Typography.Text type="secondary">{t('noData')}</Typography.Text>}
      {shown && (
        <Row gutter={[12, 12]}>
          {shown.figures.map((figure) => (
            <Col key={figure.metric} xs={12} md={8} xl={6}>
              <FigureCell scope={shown.scope} figure={figure} />
            </Col>
          ))}
        </Row>
      )}
    </Card>
  );
}

function FigureCell({ scope, figure }: { scope: string; figure: NorthStarFigure }) {
  const { t, i18n } = useTranslation('overviewNorthStar');
  const language = i18n.language === 'en' ? 'en' : 'zh-CN';
  const good = figure.delta === null || figure.delta === 0 ? null : (figure.delta > 0) !== LOWER_IS_BETTER.has(figure.metric);
  const progress = figure.target !== null && figure.today !== null && figure.target > 0
    ? (LOWER_IS_BETTER.has(figure.metric) ? Math.min(1, figure.target / Math.max(figure.today, Number.EPSILON)) : figure.today / figure.target)
    : null;
  return (
    <div data-testid={`north-star-${figure.metric}`} style={{ padding: '8px 10px', border: '1px solid var(--ant-color-split, #f0f0f0)', borderRadius: 8, height: '100%' }}>
      <Typography.Text type="secondary">{t(`metrics.${figure.metric}`)}</Typography.Text>
      <div style={{ fontSize: 24, fontWeight: 600, fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{formatKpiValue(figure.metric, figure.today, language)}</div>
      <Typography.Text type={good === null ? 'secondary' : good ? 'success' : 'danger'} style={{ fontSize: 12 }}>
        {figure.delta === null ? t('noComparison') : t('vsYesterday', { change: formatKpiChange(figure.metric, figure, language) })}
      </Typography.Text>
      <MiniSparkline figure={figure} />
      <Flex justify="space-between" align="center" style={{ fontSize: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {figure.target === null
            ? t('noTarget')
            : `${t('target', { value: formatKpiValue(figure.metric, figure.target, language) })}${progress !== null ? ` · ${t('progress', { percent: Math.round(progress * 100) })}` : ''}`}
        </Typography.Text>
        <TargetEditor scope={scope} figure={figure} />
      </Flex>
    </div>
  );
}

function TargetEditor({ scope, figure }: { scope: string; figure: NorthStarFigure }) {
  const { t } = useTranslation('overviewNorthStar');
  const queryClient = useQueryClient();
  const unit = unitOf(figure.metric);
  const [open, setOpen] = useState(false);
  const [entry, setEntry] = useState<number | null>(null);
  const setTarget = useCockpitMutation('overview.setTarget', {
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: cockpitQueryKey('overview.northStar', {}) });
    },
  });
  const save = (value: number | null) => setTarget.mutate({ scope, metric: figure.metric, value: value === null ? null : value * ENTRY_FACTOR[unit] });
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) setEntry(figure.target === null ? null : figure.target / ENTRY_FACTOR[unit]);
      }}
      title={`${t('setTarget')} · ${t(`metrics.${figure.metric}`)}`}
      content={
        <Space direction="vertical">
          <InputNumber
            autoFocus
            min={0}
            max={unit === 'rate' ? 100 : undefined}
            value={entry}
            onChange={(value) => setEntry(typeof value === 'number' ? value : null)}
            onPressEnter={() => save(entry)}
            addonAfter={t(`targetUnit.${unit}`) || undefined}
            style={{ width: 200 }}
          />
          <Space>
            <Button type="primary" size="small" loading={setTarget.isPending} disabled={entry === null} onClick={() => save(entry)}>
              {t('save')}
            </Button>
            {figure.target !== null && (
              <Button size="small" onClick={() => save(null)}>
                {t('clear')}
              </Button>
            )}
          </Space>
        </Space>
      }
    >
      <Button type="text" size="small" icon={<EditOutlined />} aria-label={`${t('setTarget')} · ${t(`metrics.${figure.metric}`)}`} />
    </Popover>
  );
}

/** The day so far on a 24-hour axis (see daySeries); the target as a dashed line. */
function MiniSparkline({ figure }: { figure: NorthStarFigure }) {
  const width = 200;
  const height = 32;
  const cumulative = METRIC_AGGREGATION[figure.metric] === 'sum';
  const series = daySeries(figure.sparkline, cumulative);
  if (series.length === 0) return <div style={{ height }} />;
  const values = [...series.map((p) => p.value), ...(figure.target !== null ? [figure.target] : [])];
  const max = Math.max(...values);
  const min = cumulative ? 0 : Math.min(...values);
  const y = (v: number) => height - ((v - min) / (max - min || 1)) * height;
  const points = series.map((p) => `${((p.minute / 1439) * width).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <svg width="100%" height={height} viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true" style={{ display: 'block', margin: '4px 0' }}>
      {figure.target !== null && <line x1={0} x2={width} y1={y(figure.target)} y2={y(figure.target)} stroke="#faad14" strokeDasharray="4 3" vectorEffect="non-scaling-stroke" />}
      <polyline points={points} fill="none" stroke="#1677ff" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

/** Counters as a running total; rates as a 15-minute moving mean (per-minute rates jitter too much to read). */
function daySeries(values: readonly (number | null)[], cumulative: boolean): { minute: number; value: number }[] {
  const series: { minute: number; value: number }[] = [];
  const recent: number[] = [];
  let running = 0;
  values.forEach((value, minute) => {
    if (value === null) return;
    running += value;
    recent.push(value);
    if (recent.length > 15) recent.shift();
    series.push({ minute, value: cumulative ? running : recent.reduce((a, b) => a + b, 0) / recent.length });
  });
  return series;
}
