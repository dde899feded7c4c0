/** One merchant: its daily trend, why it has its tier, its tier history, override and packages. */
import { useMemo } from 'react';
import { App, Button, Card, Descriptions, Drawer, Empty, Flex, List, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SCORED_METRICS, type TierReason } from '../../../../electron/core/api/merchants';
import { EChart, type EChartOption } from '../../components/EChart';
import { ErrorText } from '../../components/ErrorText';
import { numberText } from '../../components/number-format';
import { QueryError } from '../../components/QueryError';
import { UntrustedText } from '../../components/UntrustedText';
import { useMerchantAction, useMerchantDetail } from './api';
import { AssignPackageForm, ClearOverrideButton, OverrideForm } from './forms';
import { metricText, reasonText, shopTypeWord, statusWord, TIER_TAG_COLORS, tierKeyOf, tierLabel, type MerchantsT } from './format';
import './charts';

type Detail = NonNullable<ReturnType<typeof useMerchantDetail>['data']>;

export function MerchantDrawer({ id, periodDays, onClose }: { id: string | null; periodDays: number; onClose: () => void }) {
  const { t } = useTranslation('merchants');
  const detail = useMerchantDetail(id, periodDays);
  const row = detail.data?.row;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={760}
      title={
        row ? (
          <Flex gap={8} align="center">
            <UntrustedText text={row.name} />
            <Tag color={TIER_TAG_COLORS[tierKeyOf(row.tier)]}>{tierLabel(t, row.tier)}</Tag>
            <Typography.Text type="secondary">{row.id}</Typography.Text>
          </Flex>
        ) : (
          t('drawer.title')
        )
      }
      data-testid="merchant-drawer"
      destroyOnHidden
    >
      {detail.error && <QueryError error={detail.error} onRetry={() => void detail.refetch()} />}
      {!detail.data && !detail.error && <Card loading />}
      {detail.data && <DetailBody detail={detail.data} />}
    </Drawer>
  );
}

function DetailBody({ detail }: { detail: Detail }) {
  const { t, i18n } = useTranslation('merchants');
  const language = i18n.language;
  const { row } = detail;
  const activeOverride = detail.overrides.find((o) => o.active);
  return (
    <Flex vertical gap={16}>
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label={t('grid.score')}>{numberText(row.score, language, { fractionDigits: 1 })}</Descriptions.Item>
        <Descriptions.Item label={t('grid.computedTier')}>{tierLabel(t, row.computedTier)}</Descriptions.Item>
        <Descriptions.Item label={t('grid.earlierTier')}>{tierLabel(t, row.earlierTier)}</Descriptions.Item>
        {(['gmvFen', 'gmvPrevFen', 'growth', 'orders', 'repeatRate', 'refundRate', 'rating', 'sellThrough', 'disputesPer1000'] as const).map((metric) => (
          <Descriptions.Item key={metric} label={t(`metrics.${metric}`)}>
            {metricText(metric, row.metrics[metric], language, t)}
          </Descriptions.Item>
        ))}
        <Descriptions.Item label={t('grid.status')}>{statusWord(t, row.status)}</Descriptions.Item>
        <Descriptions.Item label={t('grid.shopType')}>{shopTypeWord(t, row.shopType)}</Descriptions.Item>
        <Descriptions.Item label={t('grid.province')}><UntrustedText text={`${row.province} ${row.city}`} /></Descriptions.Item>
      </Descriptions>

      <Card size="small" title={t('drawer.why')} data-testid="merchant-why">
        <Flex vertical gap={8}>
          {row.reasons.map((reason, index) => (
            <Typography.Text key={index} strong={reason.code !== 'score'}>
              {reasonText(t, reason, language)}
            </Typography.Text>
          ))}
          <ScoreParts reasons={row.reasons} t={t} language={language} />
        </Flex>
      </Card>

      <Card size="small" title={`${t('drawer.trend')} · ${t('drawer.opened', { date: detail.openedOn })}`}>
        <Trend detail={detail} />
      </Card>

      <Card size="small" title={t('drawer.overrides')} data-testid="merchant-overrides">
        <Flex vertical gap={12}>
          {detail.overrides.length === 0 ? (
            <Typography.Text type="secondary">{t('drawer.noOverride')}</Typography.Text>
          ) : (
            detail.overrides.map((o) => (
              <Flex key={o.id} gap={8} align="center" wrap>
                <Tag color={o.active ? 'processing' : 'default'}>{o.active ? t('drawer.active') : t('drawer.expired')}</Tag>
                <Typography.Text strong>{tierLabel(t, o.tier)}</Typography.Text>
                <UntrustedText text={o.reason} />
                <Typography.Text type="secondary">
                  {o.expiresOn ? t('drawer.until', { date: o.expiresOn }) : t('drawer.noExpiry')} · {t('drawer.setBy', { who: o.setBy })}
                </Typography.Text>
              </Flex>
            ))
          )}
          {activeOverride && <div><ClearOverrideButton merchantIds={[row.id]} /></div>}
          <OverrideForm merchantIds={[row.id]} initialTier={row.override ?? row.computedTier} />
        </Flex>
      </Card>

      <Card size="small" title={t('drawer.packages')} data-testid="merchant-packages">
        <Flex vertical gap={12}>
          <PackageList detail={detail} />
          <AssignPackageForm merchantIds={[row.id]} />
        </Flex>
      </Card>

      <Card size="small" title={t('drawer.history')}>
        {detail.history.length === 0 ? (
          <Typography.Text type="secondary">{t('drawer.noHistory')}</Typography.Text>
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey="snapshotId"
            dataSource={detail.history}
            columns={[
              { title: '#', dataIndex: 'snapshotId', width: 60 },
              { title: t('drawer.asOf'), dataIndex: 'asOf' },
              { title: t('grid.tier'), dataIndex: 'tier', render: (tier: string | null) => <Tag color={TIER_TAG_COLORS[tierKeyOf(tier)]}>{tierLabel(t, tier)}</Tag> },
              { title: t('grid.score'), dataIndex: 'score', align: 'right', render: (score: number) => numberText(score, language, { fractionDigits: 1 }) },
            ]}
          />
        )}
      </Card>
    </Flex>
  );
}

function ScoreParts({ reasons, t, language }: { reasons: TierReason[]; t: MerchantsT; language: string }) {
  const score = reasons.find((reason) => reason.code === 'score');
  if (!score || score.code !== 'score') return null;
  const parts = [...score.parts].sort((a, b) => SCORED_METRICS.indexOf(a.metric) - SCORED_METRICS.indexOf(b.metric));
  return (
    <Table
      size="small"
      pagination={false}
      rowKey="metric"
      dataSource={parts}
      aria-label={t('drawer.scoreParts')}
      columns={[
        { title: t('drawer.metric'), dataIndex: 'metric', render: (metric: (typeof parts)[number]['metric']) => t(`metrics.${metric}`) },
        { title: t('drawer.value'), dataIndex: 'value', align: 'right', render: (value: number | null, part) => metricText(part.metric, value, language, t) },
        {
          title: t('drawer.points'),
          align: 'right',
          render: (_, part) =>
            part.points === null ? (
              <Typography.Text type="secondary">{t('drawer.leftOut')}</Typography.Text>
            ) : (
              `${numberText(part.points, language, { fractionDigits: 1 })} / ${part.weight}`
            ),
        },
      ]}
    />
  );
}

function PackageList({ detail }: { detail: Detail }) {
  const { t } = useTranslation('merchants');
  const { message } = App.useApp();
  const revoke = useMerchantAction('merchants.revokePackage', {
    onSuccess: () => void message.success(t('packages.revoked')),
    onError: (error) => void message.error(<ErrorText error={error} />),
  });
  if (detail.packages.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('drawer.noPackages')} />;
  return (
    <List
      size="small"
      dataSource={detail.packages}
      renderItem={(p) => (
        <List.Item
          actions={
            p.status === 'active'
              ? [
                  <Button key="revoke" size="small" danger loading={revoke.isPending} onClick={() => revoke.mutate({ assignmentIds: [p.id], reason: t('packages.revokeReasonDefault') })} data-testid={`merchant-revoke-${p.packageId}`}>
                    {t('packages.revoke')}
                  </Button>,
                ]
              : []
          }
        >
          <Space wrap>
            <Tag color={p.status === 'active' ? 'green' : 'default'}>{p.status === 'active' || p.status === 'revoked' || p.status === 'expired' ? t(`drawer.packageStatus.${p.status}`) : p.status}</Tag>
            <UntrustedText text={p.packageName ?? p.packageId} />
            {p.targetTier && <Typography.Text type="secondary">{t('drawer.targets', { tier: tierLabel(t, p.targetTier) })}</Typography.Text>}
            <Typography.Text type="secondary">{t('drawer.assignedOn', { date: p.assignedOn, who: p.assignedBy })}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

function Trend({ detail }: { detail: Detail }) {
  const { t, i18n } = useTranslation('merchants');
  const option = useMemo<EChartOption>(() => {
    const language = i18n.language;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => numberText(value, language, { fractionDigits: 2 }) },
      legend: { top: 0 },
      grid: { left: 64, right: 56, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: detail.daily.map((d) => d.date.slice(5)) },
      yAxis: [
        { type: 'value', name: t('drawer.gmvYuan'), axisLabel: { formatter: (v: number) => numberText(v, language) } },
        { type: 'value', name: t('drawer.orders'), splitLine: { show: false } },
      ],
      series: [
        { name: t('drawer.gmvYuan'), type: 'line', showSymbol: false, data: detail.daily.map((d) => d.gmvFen / 100) },
        { name: t('drawer.orders'), type: 'line', yAxisIndex: 1, showSymbol: false, data: detail.daily.map((d) => d.orders) },
      ],
    };
  }, [detail.daily, i18n.language, t]);
  return <EChart option={option} height={240} ariaLabel={t('drawer.trendAria', { name: detail.row.id })} />;
}
