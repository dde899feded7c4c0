import { useMemo } from 'react';
import { Alert, App, Badge, Button, Card, Empty, Flex, Progress, Tag, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { ResourceProgress, SyncProgress } from '../../../../electron/core/api';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { ErrorText, useErrorMessage } from '../../components/ErrorText';
import { numberColumn } from '../../components/grid-columns';
import { QueryError } from '../../components/QueryError';
import { durationText, resourceLabel } from './labels';
import { outboxSummary, percentDone, shownEta, shownResourceState, syncNowOutcome } from './sync-words';

const STATE_COLORS: Record<ResourceProgress['state'], string> = {
  idle: 'default',
  bootstrapping: 'processing',
  catching_up: 'processing',
  caught_up: 'success',
  error: 'error',
  paused: 'warning',
};

/** A resource's row: the engine's progress, the words shown for it, and what the local table holds. */
interface ResourceRow extends ResourceProgress {
  label: string;
  shownState: ResourceProgress['state'];
  stored: number | null;
  eta: number | null;
  online: boolean;
}

/**
 * Per resource: its state, a progress bar, the rows stored locally next to those received and
 * written in this session (they differ, and the note says why), rate and time left. Kept current
 * by the core's `sync.progress` events (see useCockpitEvents); the query only supplies the first picture.
 */
export function ProgressCard({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const progress = useCockpitQuery('sync.progress', {}, { enabled: connected });
  const counts = useCockpitQuery('overview.tableCounts', {});
  const syncNow = useCockpitMutation('sync.now', {
    onSuccess: (answer) => {
      const outcome = syncNowOutcome(answer);
      if (outcome === 'started') void message.success(t('boards.sync.syncStarted'));
      else if (outcome === 'whenOnline') void message.info(t('boards.sync.syncQueuedOffline'));
      else void message.warning(t('boards.sync.unauthorized'));
    },
    onError: (error) => void message.error(t('boards.sync.syncFailed', { message: errorMessage(error) })),
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
          {data && <SyncSummary progress={data} />}
          {data?.unauthorized && <Alert type="error" showIcon title={t('boards.sync.unauthorized')} />}
          {data?.lastError && !data.unauthorized && (
            <Alert type="warning" showIcon title={<ErrorText error={data.lastError} prefix={(text) => t('boards.sync.lastError', { message: text })} />} data-testid="sync-last-error" />
          )}
          <ResourceGrid progress={data} stored={counts.data} loading={progress.isPending} />
          <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="sync-rows-note">
            {t('boards.sync.rowsNote')}
          </Typography.Text>
        </Flex>
      )}
    </Card>
  );
}

function SyncSummary({ progress }: { progress: SyncProgress }) {
  const { t } = useTranslation();
  const summary = outboxSummary(progress);
  return (
    <Flex gap={20} wrap align="center" data-testid="sync-summary">
      <Badge status={progress.online ? 'success' : 'default'} text={progress.online ? t('boards.sync.online') : t('boards.sync.offline')} />
      {progress.online ? (
        <Badge status={progress.syncing ? 'processing' : 'default'} text={progress.syncing ? t('boards.sync.syncing') : t('boards.sync.idle')} />
      ) : (
        <Badge status="warning" text={t('boards.sync.pausedOffline')} />
      )}
      <Typography.Text type="secondary" className="tabular" data-testid="sync-outbox-summary">
        {t(summary.key, summary.values)}
      </Typography.Text>
    </Flex>
  );
}

function ResourceGrid({ progress, stored, loading }: { progress: SyncProgress | undefined; stored: { table: string; rows: number }[] | undefined; loading: boolean }) {
  const { t } = useTranslation();
  const rows = useMemo<ResourceRow[] | undefined>(() => {
    if (!progress) return undefined;
    const storedRows = new Map((stored ?? []).map((count) => [count.table, count.rows]));
    return progress.resources.map((row) => ({
      ...row,
      label: resourceLabel(t, row.resource),
      shownState: shownResourceState(row, progress.online),
      stored: storedRows.get(row.resource) ?? null,
      eta: shownEta(row, progress.online),
      online: progress.online,
    }));
  }, [progress, stored, t]);
  const columns = useMemo<ColDef<ResourceRow>[]>(
    () => [
      { field: 'label', headerName: t('boards.sync.resource'), minWidth: 130, flex: 1 },
      {
        colId: 'state',
        headerName: t('boards.sync.state'),
        width: 110,
        valueGetter: ({ data }) => (data ? t(`boards.sync.states.${data.shownState}`) : ''),
        cellRenderer: StateCell,
      },
      {
        colId: 'progress',
        headerName: t('boards.sync.progress'),
        minWidth: 160,
        flex: 2,
        filter: false,
        valueGetter: ({ data }) => (data ? percentDone(data) : null),
        cellRenderer: ProgressCell,
      },
      numberColumn<ResourceRow>({ field: 'stored', headerName: t('boards.sync.stored') }),
      numberColumn<ResourceRow>({ field: 'rowsReceived', headerName: t('boards.sync.received') }),
      numberColumn<ResourceRow>({ field: 'rowsApplied', headerName: t('boards.sync.written') }),
      numberColumn<ResourceRow>({ colId: 'rate', headerName: t('boards.sync.rate'), valueGetter: ({ data }) => (data && data.rowsPerSec > 0 && data.online ? Math.round(data.rowsPerSec) : null) }),
      {
        colId: 'eta',
        headerName: t('boards.sync.eta'),
        width: 110,
        type: 'rightAligned',
        filter: false,
        valueGetter: ({ data }) => (data && data.eta !== null ? durationText(t, data.eta) : t('boards.sync.etaUnknown')),
      },
      // Wide enough for its English name ("Kept aside") when the counts are short.
      numberColumn<ResourceRow>({ field: 'malformed', headerName: t('boards.sync.malformed'), minWidth: 120 }),
    ],
    [t],
  );
  return <DataGrid gridId="sync-resources" exportName="sync-resources" rows={rows} columns={columns} loading={loading} rowId={resourceRowId} height="auto" searchable />;
}

const resourceRowId = (row: ResourceRow) => row.resource;

function StateCell({ data, value }: ICellRendererParams<ResourceRow, string>) {
  if (!data) return null;
  return (
    <Tag color={STATE_COLORS[data.shownState]} data-testid={`sync-state-${data.resource}`}>
      {value}
    </Tag>
  );
}

function ProgressCell({ data, value }: ICellRendererParams<ResourceRow, number | null>) {
  if (!data) return null;
  if (value === null || value === undefined) return <Progress percent={0} size="small" status={data.online ? 'active' : 'normal'} format={() => '…'} />;
  const status = data.shownState === 'error' ? 'exception' : data.shownState === 'bootstrapping' || data.shownState === 'catching_up' ? 'active' : 'normal';
  return <Progress percent={value} size="small" status={status} />;
}
