import { Alert, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertRow } from '../../../../electron/core/api';
import { BoardHeader } from '../../components/BoardHeader';
import { DataGrid } from '../../components/DataGrid';
import { QueryError } from '../../components/QueryError';
import { useAlerts, usePlatformInfo } from './api';
import { useAlertColumns } from './columns';

const alertRowId = (row: AlertRow) => row.id;

/**
 * Public-opinion alerts, as synced from the platform, with the one action that exists so far:
 * acknowledging. It is queued in the outbox (it works offline); the row says so until the
 * platform has accepted it. Titles come from the internet: the grid shows them as text only.
 */
export default function OpinionBoard() {
  const { t } = useTranslation();
  const platform = usePlatformInfo();
  const alerts = useAlerts();
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

