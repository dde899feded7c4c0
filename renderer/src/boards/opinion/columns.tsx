/** The alert queue's columns and cells. Titles and ids come from the internet: shown as text only. */
import { useMemo } from 'react';
import { Tag, Tooltip } from 'antd';
import { CloudSyncOutlined, DesktopOutlined } from '@ant-design/icons';
import type { ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AlertQueueRow } from '../../../../electron/core/api';
import { dateColumn, numberColumn, rowActionColumn, untrustedTextColumn } from '../../components/grid-columns';
import type { RowAction } from '../../components/row-actions';
import { UntrustedText } from '../../components/UntrustedText';
import { useNow } from '../../components/use-now';
import { countdownText, slaView } from './sla-clock';
import './messages';

export const SEVERITY_COLORS: Record<string, string> = { P1: 'red', P2: 'orange', P3: 'gold' };
export const STATUS_COLORS: Record<string, string> = {
  open: 'error',
  acknowledged: 'processing',
  responding: 'warning',
  resolved: 'success',
  dismissed: 'default',
};
const SLA_COLORS: Record<string, string> = { on_track: 'default', warning: 'orange', breached: 'red', responded: 'green' };

/** A queue row as the grid shows it: with the assignee's name (rows change when names load; columns do not). */
export type QueueRow = AlertQueueRow & { assigneeName: string };

export function useAlertColumns(actions: readonly RowAction<QueueRow>[]): ColDef<QueueRow>[] {
  const { t } = useTranslation('opinion');
  return useMemo<ColDef<QueueRow>[]>(
    () => [
      {
        field: 'severity',
        headerName: t('grid.severity'),
        width: 86,
        cellRenderer: ({ value }: ICellRendererParams<QueueRow, string>) => <Tag color={SEVERITY_COLORS[value ?? ''] ?? 'default'}>{value}</Tag>,
      },
      {
        colId: 'sla',
        headerName: t('grid.sla'),
        width: 170,
        // Sorting keeps the core's risk order: breached first, then least time left.
        valueGetter: ({ data }) => (data ? (data.slaState === 'responded' ? Number.POSITIVE_INFINITY : (data.slaMsLeft ?? 0)) : null),
        valueFormatter: ({ data }) => (data ? dayjs(data.slaDueAt).format('MM-DD HH:mm') : ''),
        cellRenderer: SlaCell,
      },
      untrustedTextColumn<QueueRow>({ field: 'title', headerName: t('grid.title'), flex: 3, minWidth: 220 }),
      {
        field: 'status',
        headerName: t('grid.status'),
        width: 124,
        valueFormatter: ({ value }: ValueFormatterParams<QueueRow, string>) => (value ? t(`statuses.${value}` as 'statuses.open') : ''),
        cellRenderer: ({ value, valueFormatted }: ICellRendererParams<QueueRow, string>) => (
          <Tag color={STATUS_COLORS[value ?? ''] ?? 'default'}>{valueFormatted ?? value}</Tag>
        ),
      },
      // Beside the status: whether the platform has it yet is part of the state the operator reads.
      {
        colId: 'sync',
        headerName: t('grid.sync'),
        width: 110,
        valueGetter: ({ data }) => (data ? (data.local ? t('local') : data.unsyncedCommands ? t('unsynced') : '') : ''),
        cellRenderer: SyncCell,
      },
      // Early in the row, so the actions stay on screen without scrolling sideways.
      rowActionColumn<QueueRow>({ headerName: t('grid.actions'), width: 150, actions }),
      {
        field: 'topic',
        headerName: t('grid.topic'),
        width: 136,
        valueFormatter: ({ value }: ValueFormatterParams<QueueRow, string | null>) => t(`topics.${value ?? 'other'}` as 'topics.other', { defaultValue: value ?? '' }),
      },
      {
        colId: 'subject',
        headerName: t('grid.subject'),
        width: 170,
        valueGetter: ({ data }) => (data ? `${t(`subjects.${data.subjectType}`)} ${data.subjectId ?? ''}`.trim() : ''),
        cellRenderer: ({ value }: ICellRendererParams<QueueRow, string>) => <UntrustedText text={value} />,
      },
      untrustedTextColumn<QueueRow>({ field: 'assigneeName', headerName: t('grid.assignee'), width: 110 }),
      numberColumn<QueueRow>({ field: 'mentionCount', headerName: t('grid.mentions'), width: 90 }),
      numberColumn<QueueRow>({ field: 'negativeShare', headerName: t('grid.negativeShare'), width: 90, unit: 'percent', fractionDigits: 0 }),
      numberColumn<QueueRow>({ field: 'escalationLevel', headerName: t('grid.escalation'), width: 112 }),
      dateColumn<QueueRow>({ field: 'openedAt', headerName: t('grid.opened'), width: 130, format: 'MM-DD HH:mm' }),
    ],
    // `t` changes with the language: the headers are rebuilt then.
    [t, actions],
  );
}

function SlaCell({ data }: ICellRendererParams<QueueRow>) {
  const { t, i18n } = useTranslation('opinion');
  const now = useNow(1000);
  if (!data) return null;
  const sla = slaView(data, now);
  const left = sla.msLeft === null ? '' : countdownText(sla.msLeft, i18n.language);
  return (
    <Tooltip title={t('sla.hint', { due: dayjs(data.slaDueAt).format('MM-DD HH:mm') })}>
      <Tag color={SLA_COLORS[sla.state]} className="grid-number" data-testid={`sla-${data.id}`} data-sla-state={sla.state}>
        {t(`sla.${sla.state}`, { left })}
      </Tag>
    </Tooltip>
  );
}

function SyncCell({ data }: ICellRendererParams<QueueRow>) {
  const { t } = useTranslation('opinion');
  if (!data) return null;
  if (data.local) {
    return (
      <Tooltip title={t('localHint')}>
        <Tag icon={<DesktopOutlined />} color="purple" data-testid={`local-${data.id}`}>
          {t('local')}
        </Tag>
      </Tooltip>
    );
  }
  if (data.unsyncedCommands === 0) return null;
  return (
    <Tooltip title={t('unsyncedHint', { count: data.unsyncedCommands })}>
      <Tag icon={<CloudSyncOutlined />} color="warning" data-testid={`unsynced-${data.id}`}>
        {t('unsynced')}
      </Tag>
    </Tooltip>
  );
}
