import { useState } from 'react';
import { App, Button, Card, Descriptions, Flex, InputNumber, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { RETENTION_DEFAULT_DAYS, RETENTION_MAX_DAYS, RETENTION_MIN_DAYS, type RetentionStatus } from '../../../../electron/core/api/opinion';
import { cockpitQueryKey, useCockpitMutation, useCockpitQuery } from '../../api/hooks';
import { useErrorMessage } from '../../components/ErrorText';
import { numberText } from '../../components/number-format';
import { QueryError } from '../../components/QueryError';
import { durationText } from './labels';

const MB = 1024 * 1024;
const GB = 1024 * MB;

/** 0.4 MB, 512.3 MB, 1.25 GB (binary units, as file managers count). */
export function sizeText(bytes: number, language: string): string {
  if (bytes >= GB) return `${numberText(bytes / GB, language, { fractionDigits: 2 })} GB`;
  return `${numberText(bytes / MB, language, { fractionDigits: 1 })} MB`;
}

function inWindowRange(days: number | null): days is number {
  return days !== null && Number.isInteger(days) && days >= RETENTION_MIN_DAYS && days <= RETENTION_MAX_DAYS;
}

/**
 * The local database: its size, the free space inside the file (what pruning freed is reused by
 * new data; SQLite never shrinks the file), how long mentions are kept (editable) and what the
 * background pruning did. Local, so it shows with or without a platform.
 */
export function StorageCard() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const language = i18n.language;
  const status = useCockpitQuery('opinion.retention', {}, {
    // A pass goes slice by slice: follow it closely while it runs, otherwise now and then.
    refetchInterval: (query) => (query.state.data?.running ? 1_000 : 10_000),
  });
  const [draft, setDraft] = useState<number | null>(null);
  const save = useCockpitMutation('opinion.setRetention', {
    onSuccess: (answer) => {
      queryClient.setQueryData<RetentionStatus>(cockpitQueryKey('opinion.retention', {}), answer);
      setDraft(null);
      void message.success(t('boards.sync.storage.saved', { days: numberText(answer.windowDays, language) }));
    },
    onError: (error) => void message.error(t('boards.sync.storage.saveFailed', { message: errorMessage(error) })),
  });

  const data = status.data;
  const shown = draft ?? data?.windowDays ?? null;
  const changed = inWindowRange(draft) && draft !== data?.windowDays;
  const submit = () => {
    if (changed) save.mutate({ windowDays: draft });
  };
  const rows = (count: number) => t('boards.sync.storage.rows', { rows: numberText(count, language) });
  const pass = data?.lastPass ?? null;
  const passDuration = pass ? (pass.durationMs < 1_000 ? t('boards.sync.storage.ms', { ms: numberText(pass.durationMs, language) }) : durationText(t, pass.durationMs / 1_000)) : '';

  return (
    <Card size="small" title={t('boards.sync.storage.title')} data-testid="storage-card">
      <Typography.Paragraph type="secondary">{t('boards.sync.storage.hint')}</Typography.Paragraph>
      {status.error && <QueryError error={status.error} onRetry={() => void status.refetch()} />}
      <Descriptions size="small" column={1} bordered styles={{ label: { width: 200 } }}>
        <Descriptions.Item label={t('boards.sync.storage.databaseSize')}>
          <span data-testid="storage-database-size">{data ? sizeText(data.databaseBytes, language) : '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('boards.sync.storage.freeSpace')}>
          <Flex vertical>
            <span data-testid="storage-free-space">{data ? sizeText(data.freeBytes, language) : '—'}</span>
            <Typography.Text type="secondary">{t('boards.sync.storage.freeSpaceNote')}</Typography.Text>
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('boards.sync.storage.window')}>
          <Flex vertical gap={4}>
            <Flex gap={8} align="center">
              <InputNumber
                aria-label={t('boards.sync.storage.window')}
                data-testid="storage-window-input"
                min={RETENTION_MIN_DAYS}
                max={RETENTION_MAX_DAYS}
                precision={0}
                value={shown}
                disabled={!data}
                onChange={(value) => setDraft(value)}
                onPressEnter={submit}
                suffix={t('boards.sync.storage.days')}
                style={{ width: 140 }}
              />
              <Button
                type="primary"
                data-testid="storage-window-save"
                loading={save.isPending}
                disabled={!changed}
                onClick={submit}
              >
                {t('boards.sync.storage.save')}
              </Button>
            </Flex>
            <Typography.Text type="secondary" data-testid="storage-window-hint">
              {t('boards.sync.storage.windowHint', {
                min: RETENTION_MIN_DAYS,
                max: numberText(RETENTION_MAX_DAYS, language),
                default: RETENTION_DEFAULT_DAYS,
                cutoff: data ? data.cutoff.slice(0, 10) : '—',
              })}
            </Typography.Text>
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('boards.sync.storage.lastPass')}>
          <Flex vertical data-testid="storage-last-pass">
            {pass ? (
              <>
                <span>
                  {t('boards.sync.storage.lastPassValue', {
                    at: dayjs(pass.at).format('YYYY-MM-DD HH:mm:ss'),
                    rows: numberText(pass.rows, language),
                    kept: numberText(pass.keptForAlerts, language),
                  })}
                </span>
                <Typography.Text type="secondary">
                  {t('boards.sync.storage.lastPassFreed', { size: sizeText(pass.freedBytes, language), duration: passDuration })}
                </Typography.Text>
                {pass.keptPending > 0 && (
                  <Typography.Text type="secondary">{t('boards.sync.storage.keptPending', { pending: numberText(pass.keptPending, language) })}</Typography.Text>
                )}
              </>
            ) : (
              <Typography.Text type="secondary">{t('boards.sync.storage.never')}</Typography.Text>
            )}
            {data?.running && <Typography.Text type="warning">{t('boards.sync.storage.running')}</Typography.Text>}
            {data?.waitingForIndex && <Typography.Text type="secondary">{t('boards.sync.storage.waitingForIndex')}</Typography.Text>}
          </Flex>
        </Descriptions.Item>
        <Descriptions.Item label={t('boards.sync.storage.totalPruned')}>
          <span data-testid="storage-total-pruned">{data ? rows(data.totalPrunedRows) : '—'}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
