import { useMemo, useState } from 'react';
import { Badge, Card, Modal, Typography } from 'antd';
import type { ColDef } from 'ag-grid-community';
import { useTranslation } from 'react-i18next';
import type { QuarantinedRecord } from '../../../../electron/core/api';
import { useCockpitQuery } from '../../api/hooks';
import { DataGrid } from '../../components/DataGrid';
import { dateColumn, numberColumn, rowActionColumn, untrustedTextColumn } from '../../components/grid-columns';
import { QueryError } from '../../components/QueryError';
import type { RowAction } from '../../components/row-actions';
import { visibleText } from '../../components/untrusted-text';
import { UntrustedText } from '../../components/UntrustedText';
import { resourceLabel } from './labels';
import { quarantineReasonText } from './quarantine-reason';

const QUARANTINE_LIMIT = 500;

interface KeptRecord extends QuarantinedRecord {
  key: string;
  resourceName: string;
  /** The reason in the user's words (the core's own text when its shape is unknown). */
  reasonText: string;
}

/**
 * Malformed records the sync kept aside instead of storing. Everything here came from the network:
 * ids, reasons and the raw text are shown as untrusted text (visible escapes, isolated direction),
 * the raw text in a <pre>, never interpreted.
 */
export function QuarantineCard({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  const quarantine = useCockpitQuery('sync.quarantine', { limit: QUARANTINE_LIMIT }, { enabled: connected });
  const [shown, setShown] = useState<KeptRecord | null>(null);
  const records = useMemo<KeptRecord[] | undefined>(
    () =>
      connected
        ? quarantine.data?.map((row) => ({
            ...row,
            key: `${row.resource}/${row.recordId}/${row.version ?? ''}/${row.receivedAt}`,
            resourceName: resourceLabel(t, row.resource),
            reasonText: quarantineReasonText(t, row.reason) ?? row.reason,
          }))
        : [],
    [connected, quarantine.data, t],
  );
  const columns = useMemo<ColDef<KeptRecord>[]>(() => {
    const showRaw: RowAction<KeptRecord> = { id: 'show-raw', label: t('boards.sync.showRaw'), shortcut: 'o', available: () => true, run: setShown };
    return [
      { field: 'resourceName', headerName: t('boards.sync.resource'), width: 130 },
      untrustedTextColumn<KeptRecord>({ field: 'recordId', headerName: t('boards.sync.recordId'), width: 200 }),
      numberColumn<KeptRecord>({ field: 'version', headerName: t('boards.sync.version') }),
      { ...untrustedTextColumn<KeptRecord>({ field: 'reasonText', headerName: t('boards.sync.reason'), flex: 1, minWidth: 220 }), colId: 'reason' },
      dateColumn<KeptRecord>({ field: 'receivedAt', headerName: t('boards.sync.receivedAt'), format: 'YYYY-MM-DD HH:mm:ss', width: 160 }),
      untrustedTextColumn<KeptRecord>({ field: 'raw', headerName: t('boards.sync.raw'), hide: true }),
      rowActionColumn<KeptRecord>({ headerName: t('boards.sync.details'), actions: [showRaw] }),
    ];
  }, [t]);
  const count = records?.length ?? 0;
  return (
    <Card
      size="small"
      data-testid="sync-quarantine"
      title={
        <span>
          {t('boards.sync.quarantine')} <Badge count={count} showZero color={count ? 'orange' : 'rgba(127, 127, 127, 0.6)'} overflowCount={QUARANTINE_LIMIT - 1} data-testid="quarantine-count" />
        </span>
      }
    >
      <Typography.Paragraph type="secondary">{t('boards.sync.quarantineHint')}</Typography.Paragraph>
      {quarantine.error && connected ? (
        <QueryError error={quarantine.error} onRetry={() => void quarantine.refetch()} />
      ) : count === 0 && (!connected || !quarantine.isPending) ? (
        <Typography.Text type="secondary">{t('boards.sync.quarantineEmpty')}</Typography.Text>
      ) : (
        <DataGrid
          gridId="sync-quarantine"
          exportName="records-kept-aside"
          rows={records}
          columns={columns}
          loading={connected && quarantine.isPending}
          rowId={keptRecordId}
          searchable
          height={360}
        />
      )}
      <Modal
        open={shown !== null}
        onCancel={() => setShown(null)}
        footer={null}
        width={800}
        title={shown && <UntrustedText text={`${shown.resourceName} · ${shown.recordId}`} />}
        data-testid="quarantine-raw"
      >
        {shown && (
          <>
            <Typography.Paragraph>
              {t('boards.sync.reason')}：<UntrustedText text={shown.reasonText} ellipsis={false} />
            </Typography.Paragraph>
            {shown.reasonText !== shown.reason && (
              <Typography.Paragraph type="secondary" copyable={{ text: shown.reason }} data-testid="quarantine-raw-reason">
                <UntrustedText text={shown.reason} ellipsis={false} />
              </Typography.Paragraph>
            )}
            <Typography.Text type="secondary">{t('boards.sync.raw')}</Typography.Text>
            <pre className="raw-text">{visibleText(shown.raw)}</pre>
          </>
        )}
      </Modal>
    </Card>
  );
}

const keptRecordId = (row: KeptRecord) => row.key;
