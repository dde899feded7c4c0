import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Select, Tabs, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ALERT_SEVERITIES, ALERT_STATUSES, OPINION_TOPICS, type AlertSeverity, type AlertStatus } from '../../../../electron/core/api';
import { BoardHeader } from '../../components/BoardHeader';
import { DataGrid } from '../../components/DataGrid';
import { QueryError } from '../../components/QueryError';
import type { RowAction } from '../../components/row-actions';
import { isolatedText } from '../../components/untrusted-text';
import { useAcknowledgeAlert, useAlertQueue, useAssignees, useOpinionAction, usePlatformInfo, useScoringProgress } from './api';
import { AlertDrawer } from './AlertDrawer';
import { useAlertColumns, type QueueRow } from './columns';
import { MentionsExplorer } from './MentionsExplorer';
import { NotificationPrompt } from './NotificationPrompt';
import { useNow } from '../../components/use-now';
import { minuteOf } from './sla-clock';
import './messages';

const alertRowId = (row: QueueRow) => row.id;
const ACTIVE: AlertStatus[] = ['open', 'acknowledged', 'responding'];
const UNASSIGNED = '__unassigned__';
const ALERT_PARAM = 'alert';

/**
 * Public opinion: the alert queue ordered by SLA risk (breached first, then least time left) with
 * a live countdown, an alert's detail in a drawer, and the mentions explorer. Every action is an
 * outbox command: it works offline and the row says so until the platform has accepted it.
 * Titles, names and mention text come from the internet: shown as text only.
 */
export default function OpinionBoard() {
  const { t } = useTranslation('opinion');
  const [tab, setTab] = useState('queue');
  // The open alert is in the URL (`#/opinion?alert=<id>`): a notification's click leads straight to it.
  const [params, setParams] = useSearchParams();
  const selected = params.get(ALERT_PARAM);
  const select = (id: string | null) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (id === null) next.delete(ALERT_PARAM);
        else next.set(ALERT_PARAM, id);
        return next;
      },
      { replace: true },
    );
  return (
    <>
      <BoardHeader title={t('title')} description={t('description')} />
      <NotificationPrompt />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'queue', label: t('tabs.queue'), children: <AlertQueue onOpen={select} /> },
          { key: 'mentions', label: t('tabs.mentions'), children: <MentionsExplorer /> },
        ]}
      />
      <AlertDrawer alertId={selected} onClose={() => select(null)} />
    </>
  );
}

function AlertQueue({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation('opinion');
  const { message } = App.useApp();
  const now = useNow(60_000);
  const platform = usePlatformInfo();
  const scoring = useScoringProgress();
  const assignees = useAssignees();
  const [severities, setSeverities] = useState<AlertSeverity[]>([]);
  const [statuses, setStatuses] = useState<AlertStatus[]>(ACTIVE);
  const [topics, setTopics] = useState<string[]>([]);
  const [assignee, setAssignee] = useState<string | undefined>(undefined);
  const [mine, setMine] = useState(false);
  const queue = useAlertQueue({
    at: minuteOf(now),
    severities: severities.length ? severities : undefined,
    statuses: statuses.length ? statuses : undefined,
    topics: topics.length ? topics : undefined,
    // "Mine" is the core's to resolve (the person behind the platform token); it wins over an assignee.
    ...(mine ? { mine: true } : { assigneeId: assignee === undefined ? undefined : assignee === UNASSIGNED ? null : assignee }),
  });
  const acknowledge = useAcknowledgeAlert({
    onSuccess: () => void message.success(t('done.acknowledge')),
    onError: (error) => void message.error(t('failed', { message: isolatedText(error.message) })),
  });
  const detectNow = useOpinionAction('opinion.detectNow', {
    onError: (error) => void message.error(t('failed', { message: isolatedText(error.message) })),
  });
  // The mutation object is new on every render; the grid's columns depend only on what they use.
  const { mutate: acknowledgeAlert, isPending: acknowledging, variables: acknowledgingInput } = acknowledge;
  const names = useMemo(() => new Map((assignees.data ?? []).map((p) => [p.id, p.name])), [assignees.data]);
  const actions = useMemo<RowAction<QueueRow>[]>(
    () => [
      {
        id: 'ack', label: t('actions.acknowledge'), shortcut: 'a', available: (row) => row.status === 'open',
        run: (row) => acknowledgeAlert({ id: row.id }),
        busy: (row) => acknowledging && acknowledgingInput?.id === row.id,
      },
      { id: 'open', label: t('actions.open'), shortcut: 'o', available: () => true, run: (row) => onOpen(row.id) },
    ],
    [t, acknowledgeAlert, acknowledging, acknowledgingInput, onOpen],
  );
  const columns = useAlertColumns(actions);
  const rows = useMemo(
    () => queue.data?.rows.map((row): QueueRow => ({ ...row, assigneeName: row.assigneeId === null ? '' : (names.get(row.assigneeId) ?? row.assigneeId) })),
    [queue.data, names],
  );
  const option = <T extends string>(values: readonly T[], prefix: 'severity' | 'statuses' | 'topics') =>
    values.map((value) => ({ value, label: t(`${prefix}.${value}` as 'statuses.open') }));
  return (
    <>
      {platform.data?.kind === 'none' && rows?.length === 0 && <Alert type="info" showIcon title={t('noPlatform')} style={{ marginBottom: 12 }} />}
      <Card size="small">
        <Flex gap={8} wrap style={{ marginBottom: 8 }}>
          <Select mode="multiple" allowClear placeholder={t('filters.severity')} style={{ minWidth: 150 }} value={severities} onChange={setSeverities}
            options={option(ALERT_SEVERITIES, 'severity')} data-testid="filter-severity" />
          <Select mode="multiple" allowClear placeholder={t('filters.status')} style={{ minWidth: 220 }} value={statuses} onChange={setStatuses}
            options={option(ALERT_STATUSES, 'statuses')} data-testid="filter-status" />
          <Select mode="multiple" allowClear placeholder={t('filters.topic')} style={{ minWidth: 160 }} value={topics} onChange={setTopics}
            options={option(OPINION_TOPICS, 'topics')} />
          <Select allowClear showSearch optionFilterProp="label" placeholder={t('filters.assignee')} style={{ minWidth: 160 }} value={mine ? undefined : assignee} onChange={setAssignee}
            disabled={mine} options={[{ value: UNASSIGNED, label: t('filters.unassigned') }, ...(assignees.data ?? []).map((p) => ({ value: p.id, label: p.name }))]} />
          <Tooltip title={t('filters.mineHint')}>
            <Checkbox checked={mine} onChange={(event) => setMine(event.target.checked)} data-testid="filter-mine" style={{ alignSelf: 'center' }}>
              {t('filters.mine')}
            </Checkbox>
          </Tooltip>
          <Button
            loading={detectNow.isPending}
            data-testid="detect-now"
            onClick={() =>
              detectNow.mutate({}, { onSuccess: (r) => void message.success(t('done.detectNow', { scored: r.scored, total: r.total, count: r.opened.length })) })}
          >
            {t('actions.detectNow')}
          </Button>
          {scoring.data && !scoring.data.caughtUp && (
            <Typography.Text type="secondary">{t('scoring', { scored: scoring.data.scored, total: scoring.data.total })}</Typography.Text>
          )}
        </Flex>
        {mine && queue.data?.operatorId === null && <Alert type="info" showIcon title={t('filters.mineUnknown')} style={{ marginBottom: 8 }} data-testid="mine-unknown" />}
        {queue.error ? (
          <QueryError error={queue.error} onRetry={() => void queue.refetch()} />
        ) : (
          <DataGrid
            gridId="opinion-alerts"
            exportName="alerts"
            rows={rows}
            columns={columns}
            loading={queue.isPending}
            rowId={alertRowId}
            searchable
          />
        )}
      </Card>
    </>
  );
}
