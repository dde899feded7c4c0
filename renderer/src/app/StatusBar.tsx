import { Badge, Flex, theme, Tooltip, Typography } from 'antd';
import { CloudUploadOutlined, SyncOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Status } from '../../../electron/core/api';
import { useCockpitQuery } from '../api/hooks';
import { agoText } from '../components/relative-time';
import { useNow } from '../components/use-now';
import { SYNC_PATH } from './routes';

const PLATFORM_LABEL_KEYS = {
  none: 'status.platformNone',
  demo: 'status.platformDemo',
  remote: 'status.platformRemote',
} as const satisfies Record<Status['platform'], string>;

/**
 * Connection and sync at a glance. Kept current by `status.changed` events (see useCockpitEvents).
 * The whole bar is one button that opens the sync screen, where the details are.
 */
export function StatusBar() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const status = useCockpitQuery('status.get', {});
  return (
    <footer
      role="status"
      aria-label={t('status.label')}
      data-testid="status-bar"
      style={{ height: 28, background: token.colorBgContainer, borderTop: `1px solid ${token.colorSplit}` }}
    >
      <button
        type="button"
        className="status-bar-button"
        title={t('status.openSync')}
        onClick={() => void navigate(SYNC_PATH)}
        data-testid="status-open-sync"
        style={{ gap: 20, paddingInline: 16, fontSize: token.fontSizeSM, color: token.colorText }}
      >
        {status.data ? <StatusItems status={status.data} /> : <Typography.Text type="secondary">{t('status.unknown')}</Typography.Text>}
      </button>
    </footer>
  );
}

function StatusItems({ status }: { status: Status }) {
  const { t } = useTranslation();
  const text = { fontSize: 'inherit' } as const;
  return (
    <>
      <Badge status={status.online ? 'success' : 'default'} text={<span style={text}>{status.online ? t('status.online') : t('status.offline')}</span>} data-testid="status-online" />
      <Flex component="span" gap={6} align="center">
        {status.syncing && <SyncOutlined spin aria-label={t('status.syncing')} />}
        <LastSync lastSyncAt={status.lastSyncAt} />
      </Flex>
      <Typography.Text style={text} data-testid="status-pending">
        <CloudUploadOutlined /> {t('status.pending', { count: status.pendingChanges })}
      </Typography.Text>
      <Typography.Text type="secondary" style={text} data-testid="status-platform">
        {t('status.platform', { name: t(PLATFORM_LABEL_KEYS[status.platform]) })}
      </Typography.Text>
    </>
  );
}

function LastSync({ lastSyncAt }: { lastSyncAt: string | null }) {
  const { t } = useTranslation();
  // Re-rendered every 30 s so the relative time ("3 分钟前") stays true.
  const now = dayjs(useNow(30_000));
  if (!lastSyncAt) return <Typography.Text style={{ fontSize: 'inherit' }}>{t('status.lastSync', { when: t('status.never') })}</Typography.Text>;
  const at = dayjs(lastSyncAt);
  return (
    <Tooltip title={at.format('YYYY-MM-DD HH:mm:ss')}>
      <Typography.Text style={{ fontSize: 'inherit' }} data-testid="status-last-sync">
        {t('status.lastSync', { when: agoText(at, now) ?? t('time.justNow') })}
      </Typography.Text>
    </Tooltip>
  );
}

