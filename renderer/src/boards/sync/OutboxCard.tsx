import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Popconfirm, Row, Segmented, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, CloudDownloadOutlined, WarningOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { OutboxEntry } from '../../../../electron/core/api';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';
import { ErrorText, useErrorMessage } from '../../components/ErrorText';
import { visibleText } from '../../components/untrusted-text';
import { QueryError } from '../../components/QueryError';
import { UntrustedText } from '../../components/UntrustedText';
import { commandTypeLabel, fieldLabel, valueText } from './labels';
import { shownOutboxState, type ShownOutboxState } from './sync-words';

type OutboxState = OutboxEntry['state'];

const STATE_COLORS: Record<ShownOutboxState, string> = {
  pending: 'default',
  waiting: 'warning',
  sent: 'processing',
  done: 'success',
  conflict: 'warning',
  rejected: 'error',
  resolved: 'cyan',
};
const UNSETTLED: OutboxState[] = ['pending', 'sent', 'conflict', 'rejected'];
const OUTBOX_LIMIT = 1000;
/** Shown first when comparing versions: what an operator looks at to decide. */
const LEADING_FIELDS = ['version', 'status', 'updated_at', 'title', 'severity', 'acknowledged_at', 'acknowledged_by', 'assignee_id', 'escalation_level'];

type Filter = 'all' | 'unsettled';

/**
 * The outbox: every local change and where it stands. Conflicts come first, each with the
 * user's intent next to the platform's current record and the two ways out; rejected commands
 * say why and that they will not be sent again.
 */
export function OutboxCard({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  const progress = useCockpitQuery('sync.progress', {}, { enabled: connected });
  const online = progress.data?.online ?? false;
  const [filter, setFilter] = useState<Filter>('all');
  const outbox = useCockpitQuery('sync.outbox', filter === 'all' ? { limit: OUTBOX_LIMIT } : { states: UNSETTLED, limit: OUTBOX_LIMIT }, { enabled: connected });
  // Asked apart so no conflict is ever hidden behind the list's limit.
  const conflicts = useCockpitQuery('sync.outbox', { states: ['conflict'] }, { enabled: connected });
  // Newest first.
  const entries = useMemo(() => (connected && outbox.data ? [...outbox.data].reverse() : []), [connected, outbox.data]);

  return (
    <Card title={t('boards.sync.outbox')} size="small" data-testid="sync-outbox">
      <Typography.Paragraph type="secondary">{t('boards.sync.outboxHint')}</Typography.Paragraph>
      {connected && conflicts.data && conflicts.data.length > 0 && (
        <Flex vertical gap={12} style={{ marginBottom: 16 }}>
          <Typography.Title level={2} style={{ fontSize: 15, margin: 0 }}>
            <WarningOutlined /> {t('boards.sync.conflicts')} ({conflicts.data.length})
          </Typography.Title>
          {conflicts.data.map((entry) => (
            <ConflictCompare key={entry.id} entry={entry} />
          ))}
        </Flex>
      )}
      <Flex justify="flex-end" style={{ marginBottom: 8 }}>
        <Segmented<Filter>
          size="small"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: t('boards.sync.filterAll') },
            { value: 'unsettled', label: t('boards.sync.filterUnsettled') },
          ]}
        />
      </Flex>
      {outbox.error && connected ? <QueryError error={outbox.error} onRetry={() => void outbox.refetch()} /> : <OutboxTable entries={entries} loading={connected && outbox.isPending} online={online} />}
    </Card>
  );
}

/**
 * What the command is about in words (the core names it: the alert's title, the merchant's name;
 * untrusted text), the id small beside it (copyable, for support).
 */
function EntitySubject({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  return (
    <Flex vertical style={{ minWidth: 0 }}>
      {entry.subject ? <UntrustedText text={entry.subject} data-testid={`outbox-subject-${entry.id}`} /> : <Typography.Text type="secondary">{t('boards.sync.entityMissing')}</Typography.Text>}
      <Typography.Text type="secondary" copyable={{ text: entry.entityId }} style={{ fontSize: 12 }} ellipsis>
        {entry.entityId.slice(0, 8)}
      </Typography.Text>
    </Flex>
  );
}

function OutboxTable({ entries, loading, online }: { entries: OutboxEntry[]; loading: boolean; online: boolean }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<OutboxEntry> = [
    {
      key: 'state',
      title: t('boards.sync.state'),
      width: 130,
      render: (_, entry) => {
        const shown = shownOutboxState(entry, online);
        return (
          <Tag color={STATE_COLORS[shown]} data-testid={`outbox-state-${entry.id}`}>
            {t(`boards.sync.outboxStates.${shown}`)}
          </Tag>
        );
      },
    },
    { key: 'type', title: t('boards.sync.command'), width: 140, render: (_, entry) => commandTypeLabel(t, entry.type) },
    { key: 'entity', title: t('boards.sync.entity'), width: 260, render: (_, entry) => <EntitySubject entry={entry} /> },
    { key: 'baseVersion', title: t('boards.sync.baseVersion'), width: 90, align: 'right', render: (_, entry) => entry.baseVersion ?? '—' },
    { key: 'issuedAt', title: t('boards.sync.issuedAt'), width: 160, render: (_, entry) => dayjs(entry.issuedAt).format('YYYY-MM-DD HH:mm:ss') },
    { key: 'attempts', title: t('boards.sync.attempts'), width: 90, align: 'right', render: (_, entry) => entry.attempts },
    { key: 'details', title: t('boards.sync.details'), render: (_, entry) => <EntryDetails entry={entry} /> },
  ];
  return (
    <Table<OutboxEntry>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={entries}
      loading={loading}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('boards.sync.outboxEmpty')} /> }}
      scroll={{ x: 900 }}
      data-testid="outbox-table"
    />
  );
}

/** What the user can do about, or needs to know of, one command. */
function EntryDetails({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  switch (entry.state) {
    case 'rejected':
      return (
        <Typography.Text type="danger" data-testid={`outbox-rejected-${entry.id}`}>
          {entry.lastError ? (
            <ErrorText error={entry.lastError} prefix={(reason) => t('boards.sync.rejectedNote', { reason })} />
          ) : (
            t('boards.sync.rejectedNote', { reason: t('boards.sync.rejectedUnknown') })
          )}
        </Typography.Text>
      );
    case 'conflict':
      return <Typography.Text type="warning">{t('boards.sync.conflictBelow')}</Typography.Text>;
    case 'resolved':
      return entry.resolution ? <Typography.Text type="secondary">{t(`boards.sync.resolutions.${entry.resolution}`)}</Typography.Text> : null;
    case 'pending':
    case 'sent':
      return entry.lastError ? (
        <Typography.Text type="secondary">
          <ErrorText error={entry.lastError} prefix={(message) => t('boards.sync.retrying', { message })} />
        </Typography.Text>
      ) : null;
    default:
      return null;
  }
}

/** The user's intent and the platform's current record, side by side, with the two ways out. */
function ConflictCompare({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const resolve = useCockpitMutation('sync.resolveConflict', {
    onSuccess: (_result, { choice }) => void message.success(choice === 'keep_mine' ? t('boards.sync.keptMine') : t('boards.sync.tookTheirs')),
    onError: (error) => void message.error(t('boards.sync.resolveFailed', { message: errorMessage(error) })),
    onSettled: () => refreshSyncedData(queryClient),
  });
  const payloadEntries = Object.entries(entry.payload);
  const server = entry.serverEntity ?? {};
  const serverFields = orderedFields(server);
  return (
    <Card
      size="small"
      type="inner"
      data-testid={`conflict-${entry.id}`}
      title={
        <Space wrap>
          <Tag color="warning">{t('boards.sync.outboxStates.conflict')}</Tag>
          <span>{commandTypeLabel(t, entry.type)}</span>
          <EntitySubject entry={entry} />
        </Space>
      }
    >
      <Alert type="warning" showIcon title={t('boards.sync.conflictHint')} style={{ marginBottom: 12 }} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Descriptions
            size="small"
            column={1}
            bordered
            title={t('boards.sync.mine')}
            data-testid={`conflict-mine-${entry.id}`}
            items={[
              { key: 'type', label: t('boards.sync.command'), children: commandTypeLabel(t, entry.type) },
              { key: 'base', label: t('boards.sync.baseVersion'), children: entry.baseVersion ?? '—' },
              { key: 'issued', label: t('boards.sync.issuedAt'), children: dayjs(entry.issuedAt).format('YYYY-MM-DD HH:mm:ss') },
              {
                key: 'payload',
                label: t('boards.sync.payload'),
                children:
                  payloadEntries.length === 0 ? (
                    t('boards.sync.noPayload')
                  ) : (
                    <pre className="raw-text">{payloadEntries.map(([key, value]) => `${key}: ${visibleText(valueText(value))}`).join('\n')}</pre>
                  ),
              },
            ]}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Descriptions
            size="small"
            column={1}
            bordered
            title={t('boards.sync.theirs')}
            data-testid={`conflict-theirs-${entry.id}`}
            items={serverFields.map(([key, value]) => ({
              key,
              label: fieldLabel(t, key),
              children: <UntrustedText className="field-value" text={valueText(value)} ellipsis={false} />,
            }))}
          />
        </Col>
      </Row>
      <Flex gap={8} justify="flex-end" style={{ marginTop: 12 }}>
        <Popconfirm title={t('boards.sync.takeTheirsConfirm')} onConfirm={() => resolve.mutate({ commandId: entry.id, choice: 'take_theirs' })}>
          <Button icon={<CloudDownloadOutlined />} loading={resolve.isPending && resolve.variables?.choice === 'take_theirs'} data-testid={`take-theirs-${entry.id}`}>
            {t('boards.sync.takeTheirs')}
          </Button>
        </Popconfirm>
        <Button
          type="primary"
          icon={<CheckOutlined />}
          loading={resolve.isPending && resolve.variables?.choice === 'keep_mine'}
          onClick={() => resolve.mutate({ commandId: entry.id, choice: 'keep_mine' })}
          data-testid={`keep-mine-${entry.id}`}
        >
          {t('boards.sync.keepMine')}
        </Button>
      </Flex>
    </Card>
  );
}

function orderedFields(record: Record<string, unknown>): [string, unknown][] {
  const leading = LEADING_FIELDS.filter((key) => key in record).map((key): [string, unknown] => [key, record[key]]);
  const rest = Object.entries(record)
    .filter(([key]) => !LEADING_FIELDS.includes(key))
    .sort(([a], [b]) => a.localeCompare(b));
  return [...leading, ...rest];
}
