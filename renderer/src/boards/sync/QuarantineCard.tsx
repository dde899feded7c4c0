import { Badge, Card, Empty, Table, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { QuarantinedRecord } from '../../../../electron/core/api';
import { useCockpitQuery } from '../../api/hooks';
import { QueryError } from '../../components/QueryError';
import { resourceLabel } from './labels';

const QUARANTINE_LIMIT = 500;

/**
 * Malformed records the sync kept aside instead of storing. The raw text came from the network:
 * it is shown as text, in a <pre>, never interpreted.
 */
export function QuarantineCard({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  const quarantine = useCockpitQuery('sync.quarantine', { limit: QUARANTINE_LIMIT }, { enabled: connected });
  const records = connected ? quarantine.data : [];
  const columns: TableColumnsType<QuarantinedRecord> = [
    { key: 'resource', title: t('boards.sync.resource'), width: 140, render: (_, row) => resourceLabel(t, row.resource) },
    { key: 'recordId', title: t('boards.sync.recordId'), width: 200, render: (_, row) => <Typography.Text code>{row.recordId}</Typography.Text> },
    { key: 'version', title: t('boards.sync.version'), width: 70, align: 'right', render: (_, row) => row.version ?? '—' },
    { key: 'reason', title: t('boards.sync.reason'), render: (_, row) => <Typography.Text>{row.reason}</Typography.Text> },
    { key: 'receivedAt', title: t('boards.sync.receivedAt'), width: 160, render: (_, row) => dayjs(row.receivedAt).format('YYYY-MM-DD HH:mm:ss') },
  ];
  return (
    <Card
      size="small"
      data-testid="sync-quarantine"
      title={
        <span>
          {t('boards.sync.quarantine')} <Badge count={records?.length ?? 0} showZero color={records?.length ? 'orange' : 'rgba(127, 127, 127, 0.6)'} overflowCount={QUARANTINE_LIMIT - 1} data-testid="quarantine-count" />
        </span>
      }
    >
      <Typography.Paragraph type="secondary">{t('boards.sync.quarantineHint')}</Typography.Paragraph>
      {quarantine.error && connected ? (
        <QueryError error={quarantine.error} onRetry={() => void quarantine.refetch()} />
      ) : (
        <Table<QuarantinedRecord>
          size="small"
          rowKey={(row) => `${row.resource}/${row.recordId}/${row.version ?? ''}/${row.receivedAt}`}
          columns={columns}
          dataSource={records}
          loading={connected && quarantine.isPending}
          pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('boards.sync.quarantineEmpty')} /> }}
          expandable={{
            expandedRowRender: (row) => (
              <div>
                <Typography.Text type="secondary">{t('boards.sync.raw')}</Typography.Text>
                <pre className="raw-text">{row.raw}</pre>
              </div>
            ),
          }}
          scroll={{ x: 800 }}
        />
      )}
    </Card>
  );
}
