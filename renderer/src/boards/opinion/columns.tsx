/** The alert grid's columns and cells. Titles come from the internet: shown as text only. */
import { useMemo } from 'react';
import { App, Button, Tag, Tooltip } from 'antd';
import { CloudSyncOutlined } from '@ant-design/icons';
import type { ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AlertRow, AlertStatus } from '../../../../electron/core/api';
import { useAcknowledgeAlert } from './api';

const SEVERITY_COLORS: Record<string, string> = { P1: 'red', P2: 'orange', P3: 'gold' };
const STATUS_COLORS: Record<string, string> = {
  open: 'error',
  acknowledged: 'processing',
  responding: 'warning',
  resolved: 'success',
  dismissed: 'default',
};

export function useAlertColumns(): ColDef<AlertRow>[] {
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
        valueFormatter: ({ value }: ValueFormatterParams<AlertRow, AlertStatus>) => statusLabel(t, value),
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

function statusLabel(t: ReturnType<typeof useTranslation>['t'], status: AlertStatus | null | undefined): string {
  return status ? t(`boards.opinion.statuses.${status}`) : '';
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
  const acknowledge = useAcknowledgeAlert({
    onSuccess: () => void message.success(t('boards.opinion.acknowledged')),
    onError: (error) => void message.error(t('boards.opinion.acknowledgeFailed', { message: error.message })),
  });
  if (!data || data.status !== 'open') return null;
  return (
    <Button size="small" type="primary" ghost loading={acknowledge.isPending} onClick={() => acknowledge.mutate({ id: data.id })} data-testid={`ack-${data.id}`}>
      {t('boards.opinion.acknowledge')}
    </Button>
  );
}
