import { useMemo } from 'react';
import { Alert, App, Button, Card, Tag, Tooltip, Typography } from 'antd';
import { CloudSyncOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AlertRow } from '../../../../electron/core/api';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';
import { BoardHeader } from '../../components/BoardHeader';
import { DataGrid } from '../../components/DataGrid';
import { QueryError } from '../../components/QueryError';

const SEVERITY_COLORS: Record<string, string> = { P1: 'red', P2: 'orange', P3: 'gold' };
const STATUS_COLORS: Record<string, string> = {
  open: 'error',
  acknowledged: 'processing',
  responding: 'warning',
  resolved: 'success',
  dismissed: 'default',
};
const KNOWN_STATUSES = ['open', 'acknowledged', 'responding', 'resolved', 'dismissed'] as const;
type KnownStatus = (typeof KNOWN_STATUSES)[number];

const alertRowId = (row: AlertRow) => row.id;

/**
 * Public-opinion alerts, as synced from the platform, with the one action that exists so far:
 * acknowledging. It is queued in the outbox (it works offline); the row says so until the
 * platform has accepted it. Titles come from the internet: the grid shows them as text only.
 */
export default function OpinionBoard() {
  const { t } = useTranslation();
  const platform = useCockpitQuery('platform.get', {});
  const alerts = useCockpitQuery('alerts.list', { limit: 2000 });
  const columns = useAlertColumns();
  const rows = alerts.data;
  return (
    <>
      <BoardHeader title={t('boards.opinion.title')} description={t('boards.opinion.description')} />
      {platform.data?.kind === 'none' && rows?.length === 0 && (
        <Alert type="info" showIcon title={t('boards.opinion.noPlatform')} style={{ marginBottom: 16 }} />
      )}
      <Card title={t('boards.opinion.alerts')} size="small">
        {alerts.error ? (
          <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />
        ) : (
          <DataGrid
            gridId="opinion-alerts"
            exportName="alerts"
            rows={rows}
            columns={columns}
            loading={alerts.isPending}
            rowId={alertRowId}
            searchable
            height="calc(100vh - 340px)"
            toolbar={rows && <Typography.Text type="secondary">{t('boards.opinion.count', { count: rows.length })}</Typography.Text>}
          />
        )}
      </Card>
    </>
  );
}

function useAlertColumns(): ColDef<AlertRow>[] {
  const { t } = useTranslation();
  return useMemo<ColDef<AlertRow>[]>(
    () => [
      {
        field: 'severity',
        headerName: t('boards.opinion.severity'),
        width: 90,
        cellRenderer: ({ value }: ICellRendererParams<AlertRow, string>) => (
          <Tag color={SEVERITY_COLORS[value ?? ''] ?? 'default'}>{value}</Tag>
        ),
      },
      { field: 'title', headerName: t('boards.opinion.alertTitle'), flex: 3, minWidth: 240 },
      {
        field: 'status',
        headerName: t('boards.opinion.status'),
        width: 110,
        valueFormatter: ({ value }: ValueFormatterParams<AlertRow, string>) => statusLabel(t, value),
        cellRenderer: ({ value, valueFormatted }: ICellRendererParams<AlertRow, string>) => (
          <Tag color={STATUS_COLORS[value ?? ''] ?? 'default'}>{valueFormatted ?? value}</Tag>
        ),
      },
      {
        field: 'slaDueAt',
        headerName: t('boards.opinion.slaDue'),
        width: 170,
        valueFormatter: ({ value }: ValueFormatterParams<AlertRow, string>) => (value ? dayjs(value).format('MM-DD HH:mm') : ''),
        cellRenderer: SlaCell,
      },
      { field: 'mentionCount', headerName: t('boards.opinion.mentions'), width: 120, type: 'rightAligned', filter: 'agNumberColumnFilter' },
      {
        field: 'negativeShare',
        headerName: t('boards.opinion.negativeShare'),
        width: 120,
        type: 'rightAligned',
        filter: 'agNumberColumnFilter',
        valueFormatter: ({ value }: ValueFormatterParams<AlertRow, number>) => (value === null || value === undefined ? '' : `${(value * 100).toFixed(0)}%`),
      },
      {
        colId: 'sync',
        headerName: t('boards.opinion.sync'),
        width: 120,
        field: 'unsyncedCommands',
        valueFormatter: ({ value }: ValueFormatterParams<AlertRow, number>) => (value ? t('boards.opinion.unsynced') : ''),
        cellRenderer: UnsyncedCell,
      },
      {
        colId: 'actions',
        headerName: t('boards.opinion.actions'),
        width: 110,
        sortable: false,
        filter: false,
        cellRenderer: AcknowledgeCell,
      },
    ],
    // `t` changes with the language: the headers are rebuilt then.
    [t],
  );
}

function statusLabel(t: ReturnType<typeof useTranslation>['t'], status: string | null | undefined): string {
  if (!status) return '';
  return (KNOWN_STATUSES as readonly string[]).includes(status) ? t(`boards.opinion.statuses.${status as KnownStatus}`) : status;
}

function SlaCell({ data, valueFormatted }: ICellRendererParams<AlertRow, string>) {
  const { t } = useTranslation();
  if (!data) return null;
  const open = data.status === 'open' || data.status === 'acknowledged' || data.status === 'responding';
  const overdue = open && dayjs(data.slaDueAt).isBefore(dayjs());
  return (
    <span>
      {valueFormatted}
      {overdue && (
        <Tag color="red" style={{ marginInlineStart: 6 }}>
          {t('boards.opinion.overdue')}
        </Tag>
      )}
    </span>
  );
}

function UnsyncedCell({ data }: ICellRendererParams<AlertRow, number>) {
  const { t } = useTranslation();
  if (!data || data.unsyncedCommands === 0) return null;
  return (
    <Tooltip title={t('boards.opinion.unsyncedHint', { count: data.unsyncedCommands })}>
      <Tag icon={<CloudSyncOutlined />} color="warning" data-testid={`unsynced-${data.id}`}>
        {t('boards.opinion.unsynced')}
      </Tag>
    </Tooltip>
  );
}

function AcknowledgeCell({ data }: ICellRendererParams<AlertRow>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const acknowledge = useCockpitMutation('alerts.acknowledge', {
    onSuccess: () => void message.success(t('boards.opinion.acknowledged')),
    onError: (error) => void message.error(t('boards.opinion.acknowledgeFailed', { message: error.message })),
    onSettled: () => refreshSyncedData(queryClient),
  });
  if (!data || data.status !== 'open') return null;
  return (
    <Button size="small" type="primary" ghost loading={acknowledge.isPending} onClick={() => acknowledge.mutate({ id: data.id })} data-testid={`ack-${data.id}`}>
      {t('boards.opinion.acknowledge')}
    </Button>
  );
}
