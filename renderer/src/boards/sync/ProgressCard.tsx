import { Alert, App, Badge, Button, Card, Empty, Flex, Progress, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ResourceProgress } from '../../../../electron/core/api';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';
import { QueryError } from '../../components/QueryError';
import { durationText, resourceLabel } from './labels';

const STATE_COLORS: Record<ResourceProgress['state'], string> = {
  idle: 'default',
  bootstrapping: 'processing',
  catching_up: 'processing',
  caught_up: 'success',
  error: 'error',
  paused: 'warning',
};

/**
 * Per resource: its state, a progress bar, rows, rate and time left. Kept current by the core's
 * `sync.progress` events (see useCockpitEvents); the query only supplies the first picture.
 */
export function ProgressCard({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const progress = useCockpitQuery('sync.progress', {}, { enabled: connected });
  const syncNow = useCockpitMutation('sync.now', {
    onSuccess: () => void message.success(t('boards.sync.syncStarted')),
    onError: (error) => void message.error(t('boards.sync.syncFailed', { message: error.message })),
    onSettled: () => refreshSyncedData(queryClient),
  });
  const data = connected ? progress.data : undefined;

  const extra = (
    <Button
      type="primary"
      size="small"
      icon={<SyncOutlined spin={syncNow.isPending} />}
      disabled={!connected}
      loading={syncNow.isPending}
      onClick={() => syncNow.mutate({})}
      data-testid="sync-now"
    >
      {t('boards.sync.syncNow')}
    </Button>
  );

  return (
    <Card title={t('boards.sync.progress')} size="small" extra={extra} data-testid="sync-progress">
      {!connected ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('boards.sync.notConnected')} />
      ) : progress.error ? (
        <QueryError error={progress.error} onRetry={() => void progress.refetch()} />
      ) : (
        <Flex vertical gap={12}>
          {data && (
            <Flex gap={20} wrap align="center">
              <Badge status={data.online ? 'success' : 'default'} text={data.online ? t('boards.sync.online') : t('boards.sync.offline')} />
              <Badge status={data.syncing ? 'processing' : 'default'} text={data.syncing ? t('boards.sync.syncing') : t('boards.sync.idle')} />
              <Typography.Text type="secondary">
                {t('boards.sync.outboxCounts', data.outbox)}
              </Typography.Text>
            </Flex>
          )}
          {data?.unauthorized && <Alert type="error" showIcon title={t('boards.sync.unauthorized')} />}
          {data?.lastError && !data.unauthorized && (
            <Alert type="warning" showIcon title={<Typography.Text>{t('boards.sync.lastError', { message: data.lastError })}</Typography.Text>} />
          )}
          <ResourceTable resources={data?.resources} loading={progress.isPending} />
        </Flex>
      )}
    </Card>
  );
}

function ResourceTable({ resources, loading }: { resources: ResourceProgress[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<ResourceProgress> = [
    {
      key: 'resource',
      title: t('boards.sync.resource'),
      width: 150,
      render: (_, row) => (
        <Flex vertical>
          <Typography.Text>{resourceLabel(t, row.resource)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.resource}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'state',
      title: t('boards.sync.state'),
      width: 110,
      render: (_, row) => (
        <Tag color={STATE_COLORS[row.state]} data-testid={`sync-state-${row.resource}`}>
          {t(`boards.sync.states.${row.state}`)}
        </Tag>
      ),
    },
    {
      key: 'progress',
      title: t('boards.sync.progress'),
      render: (_, row) => <ResourceProgressBar row={row} />,
    },
    {
      key: 'rows',
      title: t('boards.sync.rows'),
      align: 'right',
      width: 110,
      render: (_, row) => row.rowsApplied.toLocaleString(),
    },
    {
      key: 'rate',
      title: t('boards.sync.rate'),
      align: 'right',
      width: 120,
      render: (_, row) => (row.rowsPerSec > 0 ? t('boards.sync.rateValue', { rate: Math.round(row.rowsPerSec).toLocaleString() }) : '—'),
    },
    {
      key: 'eta',
      title: t('boards.sync.eta'),
      align: 'right',
      width: 110,
      render: (_, row) => (row.etaSeconds === null || row.state === 'caught_up' ? t('boards.sync.etaUnknown') : durationText(t, row.etaSeconds)),
    },
    {
      key: 'malformed',
      title: t('boards.sync.malformed'),
      align: 'right',
      width: 90,
      render: (_, row) => (row.malformed > 0 ? <Typography.Text type="warning">{row.malformed.toLocaleString()}</Typography.Text> : '0'),
    },
  ];
  return (
    <Table<ResourceProgress>
      size="small"
      rowKey="resource"
      columns={columns}
      dataSource={resources}
      loading={loading}
      pagination={false}
      scroll={{ x: 800 }}
      data-testid="sync-resources"
    />
  );
}

/**
 * The share done is known only when the server says how much is left (an ETA at the current
 * rate): received / (received + rate × ETA). Otherwise the bar shows activity and the row count.
 */
function ResourceProgressBar({ row }: { row: ResourceProgress }) {
  if (row.state === 'caught_up') return <Progress percent={100} size="small" />;
  const remaining = row.etaSeconds !== null ? row.etaSeconds * row.rowsPerSec : null;
  const percent = remaining !== null && row.rowsReceived + remaining > 0 ? Math.min(99, Math.floor((100 * row.rowsReceived) / (row.rowsReceived + remaining))) : 0;
  const status = row.state === 'error' ? 'exception' : row.state === 'bootstrapping' || row.state === 'catching_up' ? 'active' : 'normal';
  return <Progress percent={percent} size="small" status={status} format={remaining === null ? () => '…' : undefined} />;
}
