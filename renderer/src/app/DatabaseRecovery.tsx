import { useMemo } from 'react';
import { App, Button, Card, Flex, List, Popconfirm, Result, Typography } from 'antd';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { DatabaseHealth } from '../../../electron/core/api';
import { cockpitQueryKey, useCockpitMutation } from '../api/hooks';
import { useErrorMessage } from '../components/ErrorText';

type Backup = DatabaseHealth['backups'][number];

export function DatabaseRecovery({ health }: { health: DatabaseHealth }) {
  const { t } = useTranslation();
  const backups = useMemo(() => [...health.backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt)), [health.backups]);
  return (
    <Flex justify="center" style={{ padding: 32, minHeight: '100%', boxSizing: 'border-box' }}>
      <Card style={{ maxWidth: 880, width: '100%' }}>
        <Result
          status="warning"
          title={<span data-testid="recovery-title">{t('recovery.title')}</span>}
          subTitle={t('recovery.subtitle', { file: health.file })}
        />
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('recovery.problems')}
        </Typography.Title>
        <List size="small" bordered dataSource={health.problems} renderItem={(problem) => <List.Item>{problem}</List.Item>} />
        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
          {t('recovery.backups')}
        </Typography.Title>
        <List
          bordered
          dataSource={backups}
          locale={{ emptyText: t('recovery.noBackups') }}
          renderItem={(backup) => <BackupRow backup={backup} />}
        />
        <StartOver />
      </Card>
    </Flex>
  );
}

/** After a restore or a fresh start: the shell follows the database's new health. */
function showReopened(queryClient: QueryClient, health: DatabaseHealth): void {
  // Everything cached came from (or failed on) the damaged file.
  if (health.state === 'ok') void queryClient.invalidateQueries();
  queryClient.setQueryData(cockpitQueryKey('database.health', {}), health);
}

/** The way out when no backup helps: start empty, with the unconfirmed commands rescued. */
function StartOver() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const startEmpty = useCockpitMutation('database.startEmpty', {
    onSuccess: ({ health, rescuedCommands, rescueProblem }) => {
      const words = rescueProblem === null
        ? t('recovery.startedOver', { count: rescuedCommands })
        : t('recovery.startedOverPartly', { count: rescuedCommands });
      void (rescueProblem === null ? message.success(words, 8) : message.warning(words, 12));
      showReopened(queryClient, health);
    },
    onError: (error) => void message.error(t('recovery.startOverFailed', { message: errorMessage(error) })),
  });
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('recovery.startOver')}
      </Typography.Title>
      <Flex gap={16} align="center" justify="space-between">
        <Typography.Text type="secondary">{t('recovery.startOverHint')}</Typography.Text>
        <Popconfirm title={t('recovery.startOverConfirm')} onConfirm={() => startEmpty.mutate({ confirm: true })}>
          <Button danger loading={startEmpty.isPending} data-testid="recovery-start-empty" style={{ flexShrink: 0 }}>
            {t('recovery.startOverButton')}
          </Button>
        </Popconfirm>
      </Flex>
    </>
  );
}

function BackupRow({ backup }: { backup: Backup }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const restore = useCockpitMutation('database.restoreBackup', {
    onSuccess: (health) => {
      if (health.state === 'ok') void message.success(t('recovery.restored'));
      showReopened(queryClient, health);
    },
    onError: (error) => void message.error(t('recovery.restoreFailed', { message: errorMessage(error) })),
  });
  const time = dayjs(backup.createdAt).format('YYYY-MM-DD HH:mm:ss');
  return (
    <List.Item
      data-testid="backup-row"
      actions={[
        <Popconfirm key="restore" title={t('recovery.restoreConfirm', { time })} onConfirm={() => restore.mutate({ file: backup.file })}>
          <Button type="primary" loading={restore.isPending} data-testid="backup-restore">
            {t('recovery.restore')}
          </Button>
        </Popconfirm>,
      ]}
    >
      <List.Item.Meta
        title={`${time} (${dayjs(backup.createdAt).fromNow()})`}
        description={`${t('recovery.size')}: ${formatBytes(backup.bytes)} · ${backup.file}`}
      />
    </List.Item>
  );
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}
