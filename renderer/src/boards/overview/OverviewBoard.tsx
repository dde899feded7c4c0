import { useMemo } from 'react';
import { Badge, Button, Card, Col, Descriptions, Row, Tag, Typography } from 'antd';
import { RightOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCockpitQuery } from '../../api/hooks';
import { BoardHeader } from '../../components/BoardHeader';
import { resourceLabel } from '../../components/resource-labels';
import { EChart, type EChartOption } from '../../components/EChart';
import { QueryError } from '../../components/QueryError';
import { BoardCards } from './BoardCards';
import { NorthStarCard } from './NorthStar';

export default function OverviewBoard() {
  const { t } = useTranslation();
  return (
    <>
      <BoardHeader title={t('boards.overview.title')} description={t('boards.overview.description')} />
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <BoardCards />
        </Col>
        <Col span={24}>
          <NorthStarCard />
        </Col>
        <Col xs={24} xl={12}>
          <SyncStateCard />
        </Col>
        <Col xs={24} xl={12}>
          <AppInfoCard />
        </Col>
        <Col span={24}>
          <TableCountsChart />
        </Col>
      </Row>
    </>
  );
}

function TableCountsChart() {
  const { t } = useTranslation();
  const counts = useCockpitQuery('overview.tableCounts', {});
  const option = useMemo<EChartOption>(() => barOption((counts.data ?? []).map((count) => ({ label: resourceLabel(t, count.table), rows: count.rows }))), [counts.data, t]);
  return (
    <Card title={t('boards.overview.chartTitle')} size="small">
      {counts.error && <QueryError error={counts.error} onRetry={() => void counts.refetch()} />}
      <EChart option={option} ariaLabel={t('boards.overview.chartTitle')} height={420} />
    </Card>
  );
}

function barOption(counts: { label: string; rows: number }[]): EChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: counts.map((count) => count.label), inverse: true },
    series: [{ type: 'bar', data: counts.map((count) => count.rows), barMaxWidth: 18 }],
  };
}

function AppInfoCard() {
  const { t } = useTranslation();
  const info = useCockpitQuery('app.info', {});
  if (info.error) return <QueryError error={info.error} onRetry={() => void info.refetch()} />;
  const app = info.data;
  return (
    <Card title={t('boards.overview.appInfo')} size="small" loading={info.isPending}>
      {app && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t('boards.overview.version')}>{`${app.name} ${app.version}`}</Descriptions.Item>
          <Descriptions.Item label={t('boards.overview.mode')}>
            {app.mode === 'electron' ? t('boards.overview.modeElectron') : t('boards.overview.modeBrowser')}
          </Descriptions.Item>
          <Descriptions.Item label={t('boards.overview.dataDir')}>
            <Typography.Text copyable code>{app.dataDir}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('boards.overview.logFile')}>
            <Typography.Text copyable code>{app.logFile}</Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

function SyncStateCard() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useCockpitQuery('status.get', {});
  const platform = useCockpitQuery('platform.get', {});
  const connected = platform.data !== undefined && platform.data.kind !== 'none';
  const progress = useCockpitQuery('sync.progress', {}, { enabled: connected });
  const resources = connected ? progress.data?.resources : undefined;
  const conflicts = connected ? (progress.data?.outbox.conflict ?? 0) : 0;
  return (
    <Card
      title={t('boards.overview.syncState')}
      size="small"
      data-testid="overview-sync"
      extra={
        <Button type="link" size="small" onClick={() => void navigate('/sync')}>
          {t('boards.overview.openSync')} <RightOutlined />
        </Button>
      }
    >
      {status.error && <QueryError error={status.error} onRetry={() => void status.refetch()} />}
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={t('boards.overview.platform')}>
          {platform.data && (
            <>
              {t(`boards.platform.kinds.${platform.data.kind}`)}
              {platform.data.url && <Typography.Text type="secondary">{` · ${platform.data.url}`}</Typography.Text>}
            </>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('boards.overview.connection')}>
          {status.data && <Badge status={status.data.online ? 'success' : 'default'} text={status.data.online ? t('status.online') : t('status.offline')} />}
        </Descriptions.Item>
        <Descriptions.Item label={t('boards.overview.lastSync')}>
          {status.data && (status.data.lastSyncAt ? dayjs(status.data.lastSyncAt).format('YYYY-MM-DD HH:mm:ss') : t('boards.overview.never'))}
        </Descriptions.Item>
        {resources && (
          <Descriptions.Item label={t('boards.sync.progress')}>
            {t('boards.overview.resourcesCaughtUp', {
              done: resources.filter((resource) => resource.state === 'caught_up').length,
              total: resources.length,
            })}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('boards.overview.pendingChanges')}>{status.data?.pendingChanges ?? '—'}</Descriptions.Item>
        {conflicts > 0 && (
          <Descriptions.Item label={t('boards.overview.conflicts')}>
            <Tag color="warning">{conflicts}</Tag>
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
