/**
 * One alert: its state and actions, the mention timeline, the subject's sentiment trend, the topic
 * breakdown, sample mentions with the words behind their scores, the audit trail, and the child
 * alerts it inhibits. Every text from the network is shown as text.
 */
import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Drawer, Empty, Flex, Form, Input, InputNumber, List, Modal, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { AlertDetail, AlertQueueRow, ScoredMention } from '../../../../electron/core/api';
import { EChart, type EChartOption } from '../../components/EChart';
import { UntrustedText } from '../../components/UntrustedText';
import { isolatedText } from '../../components/untrusted-text';
import { useAlertDetail, useAssignees, useOpinionAction } from './api';
import { SEVERITY_COLORS, STATUS_COLORS } from './columns';
import { MentionLink, MentionText } from './mention-text';
import { useNow } from '../../components/use-now';
import { countdownText, minuteOf, slaView } from './sla-clock';
import './messages';

type FormAction = 'assign' | 'comment' | 'startResponse' | 'escalate' | 'resolve' | 'dismiss';
const CLOSED = new Set(['resolved', 'dismissed']);

/** Tooltips drawn on the canvas as rich text: ECharts' HTML tooltips would render markup. */
const TOOLTIP = { trigger: 'axis', renderMode: 'richText' } as const;

export function AlertDrawer({ alertId, onClose }: { alertId: string | null; onClose: () => void }) {
  const { t } = useTranslation('opinion');
  const minute = useNow(60_000);
  const detail = useAlertDetail(alertId, minuteOf(minute));
  const data = alertId !== null && detail.data?.alert.id === alertId ? detail.data : undefined;
  return (
    <Drawer open={alertId !== null} onClose={onClose} size={Math.min(1100, window.innerWidth - 80)} title={t('detail.title')} destroyOnHidden data-testid="alert-drawer">
      {!data ? (
        <Empty description={detail.error ? t('failed', { message: detail.error.message }) : undefined} />
      ) : (
        <DetailBody detail={data} />
      )}
    </Drawer>
  );
}

/** The live countdown: the only part of the drawer that re-renders every second. */
function SlaTag({ alert }: { alert: AlertQueueRow }) {
  const { t, i18n } = useTranslation('opinion');
  const sla = slaView(alert, useNow(1000));
  return (
    <Tag color={sla.state === 'breached' ? 'red' : sla.state === 'warning' ? 'orange' : 'default'} data-testid="alert-sla" data-sla-state={sla.state}>
      {t(`sla.${sla.state}`, { left: sla.msLeft === null ? '' : countdownText(sla.msLeft, i18n.language) })}
    </Tag>
  );
}

function DetailBody({ detail }: { detail: AlertDetail }) {
  const { t } = useTranslation('opinion');
  const { alert } = detail;
  return (
    <Flex vertical gap={12}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        <UntrustedText text={alert.title} ellipsis={false} data-testid="alert-title" />
      </Typography.Title>
      <Space wrap>
        <Tag color={SEVERITY_COLORS[alert.severity]}>{t(`severity.${alert.severity}`)}</Tag>
        <Tag color={STATUS_COLORS[alert.status]} data-testid="alert-status">{t(`statuses.${alert.status}`)}</Tag>
        <SlaTag alert={alert} />
        <Tag>{t(`topics.${alert.topic ?? 'other'}` as 'topics.other', { defaultValue: alert.topic ?? '' })}</Tag>
        <Tag>
          {t(`subjects.${alert.subjectType}`)} <UntrustedText text={alert.subjectId ?? ''} />
        </Tag>
        {alert.escalationLevel > 0 && <Tag color="volcano">{`${t('grid.escalation')} ${alert.escalationLevel}`}</Tag>}
        {alert.local && <Tag color="purple">{t('local')}</Tag>}
        {alert.unsyncedCommands > 0 && <Tag color="warning">{t('unsyncedHint', { count: alert.unsyncedCommands })}</Tag>}
      </Space>
      <AlertActions alert={alert} />
      <Row gutter={12}>
        <Col span={14}>
          <Card size="small" title={t('detail.timeline')}>
            <TimelineChart detail={detail} />
          </Card>
        </Col>
        <Col span={10}>
          <Card size="small" title={t('detail.topics')}>
            <TopicsChart detail={detail} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('detail.trend')}>
        <TrendChart detail={detail} />
      </Card>
      <Row gutter={12}>
        <Col span={15}>
          <Card size="small" title={`${t('detail.samples')} (${detail.samples.length})`}>
            <SampleList samples={detail.samples} />
          </Card>
        </Col>
        <Col span={9}>
          <Card size="small" title={t('detail.audit')}>
            <AuditTrail detail={detail} />
          </Card>
          {detail.children.length > 0 && (
            <Card size="small" title={`${t('detail.children')} (${detail.children.length})`} style={{ marginTop: 12 }}>
              <List size="small" dataSource={detail.children} renderItem={(child) => <List.Item><UntrustedText text={child.title} /></List.Item>} />
            </Card>
          )}
        </Col>
      </Row>
    </Flex>
  );
}

function AlertActions({ alert }: { alert: AlertQueueRow }) {
  const { t } = useTranslation('opinion');
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [open, setOpen] = useState<FormAction | null>(null);
  const assignees = useAssignees();
  const callbacks = (action: string) => ({
    onSuccess: () => {
      void message.success(t(`done.${action}` as 'done.assign'));
      setOpen(null);
      form.resetFields();
    },
    onError: (error: Error) => void message.error(t('failed', { message: isolatedText(error.message) })),
  });
  const acknowledge = useOpinionAction('alerts.acknowledge', callbacks('acknowledge'));
  const assign = useOpinionAction('alerts.assign', callbacks('assign'));
  const comment = useOpinionAction('alerts.comment', callbacks('comment'));
  const startResponse = useOpinionAction('alerts.startResponse', callbacks('startResponse'));
  const escalate = useOpinionAction('alerts.escalate', callbacks('escalate'));
  const resolve = useOpinionAction('alerts.resolve', callbacks('resolve'));
  const dismiss = useOpinionAction('alerts.dismiss', callbacks('dismiss'));
  const closed = CLOSED.has(alert.status);
  const submit = (values: Record<string, string | number | undefined>) => {
    const id = alert.id;
    const note = typeof values.note === 'string' && values.note.trim() ? values.note : undefined;
    if (open === 'assign') assign.mutate({ id, assigneeId: String(values.assignee) });
    if (open === 'comment') comment.mutate({ id, text: String(values.text) });
    if (open === 'startResponse') startResponse.mutate({ id, note });
    if (open === 'escalate') escalate.mutate({ id, level: Number(values.level), note });
    if (open === 'resolve') resolve.mutate({ id, resolution: String(values.text) });
    if (open === 'dismiss') dismiss.mutate({ id, reason: String(values.text) });
  };
  const button = (action: FormAction, enabled: boolean, danger = false) => (
    <Button size="small" danger={danger} disabled={!enabled} onClick={() => setOpen(action)} data-testid={`detail-${action}`}>
      {t(`actions.${action}`)}
    </Button>
  );
  return (
    <>
      <Space wrap>
        <Button size="small" type="primary" disabled={alert.status !== 'open'} loading={acknowledge.isPending} onClick={() => acknowledge.mutate({ id: alert.id })} data-testid="detail-acknowledge">
          {t('actions.acknowledge')}
        </Button>
        {button('assign', !closed)}
        {button('comment', true)}
        {button('startResponse', !closed && alert.status !== 'responding')}
        {button('escalate', !closed && alert.escalationLevel < 3)}
        {button('resolve', !closed)}
        {button('dismiss', !closed, true)}
      </Space>
      <Modal
        open={open !== null}
        title={open ? t(`actions.${open}`) : ''}
        okText={t('form.submit')}
        cancelText={t('form.cancel')}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ level: Math.min(3, alert.escalationLevel + 1) }}>
          {open === 'assign' && (
            <Form.Item name="assignee" label={t('form.assignee')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                data-testid="assignee-select"
                options={(assignees.data ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${p.department}` }))}
              />
            </Form.Item>
          )}
          {open === 'escalate' && (
            <Form.Item name="level" label={t('form.level')} rules={[{ required: true }]}>
              <InputNumber min={alert.escalationLevel + 1} max={3} />
            </Form.Item>
          )}
          {(open === 'comment' || open === 'resolve' || open === 'dismiss') && (
            <Form.Item name="text" label={t(open === 'comment' ? 'form.comment' : open === 'resolve' ? 'form.resolution' : 'form.reason')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="action-text" />
            </Form.Item>
          )}
          {(open === 'startResponse' || open === 'escalate') && (
            <Form.Item name="note" label={t('form.note')}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} data-testid="action-note" />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

function TimelineChart({ detail }: { detail: AlertDetail }) {
  const { t } = useTranslation('opinion');
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: TOOLTIP,
      grid: { left: 40, right: 12, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: detail.timeline.map((b) => dayjs(b.at).format('MM-DD HH:00')) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('detail.total'), type: 'bar', data: detail.timeline.map((b) => b.total), itemStyle: { color: '#91caff' } },
        { name: t('detail.negative'), type: 'bar', data: detail.timeline.map((b) => b.negative), itemStyle: { color: '#ff4d4f' }, barGap: '-100%' },
      ],
    }),
    [detail.timeline, t],
  );
  return <EChart option={option} ariaLabel={t('detail.timeline')} height={220} />;
}

function TopicsChart({ detail }: { detail: AlertDetail }) {
  const { t } = useTranslation('opinion');
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { ...TOOLTIP, trigger: 'item' },
      grid: { left: 90, right: 16, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: detail.topics.map((x) => t(`topics.${x.topic}` as 'topics.other', { defaultValue: x.topic.slice(0, 20) })) },
      series: [{ type: 'bar', data: detail.topics.map((x) => x.mentions), itemStyle: { color: '#fa8c16' } }],
    }),
    [detail.topics, t],
  );
  return <EChart option={option} ariaLabel={t('detail.topics')} height={220} />;
}

function TrendChart({ detail }: { detail: AlertDetail }) {
  const { t } = useTranslation('opinion');
  const option = useMemo<EChartOption>(
    () => ({
      tooltip: TOOLTIP,
      grid: { left: 40, right: 12, top: 12, bottom: 24 },
      xAxis: { type: 'category', data: detail.sentimentTrend.map((d) => d.day.slice(5)) },
      yAxis: { type: 'value', min: -1, max: 1 },
      series: [{
        type: 'bar',
        data: detail.sentimentTrend.map((d) => ({ value: d.score, itemStyle: { color: d.score < 0 ? '#ff4d4f' : '#52c41a' } })),
      }],
    }),
    [detail.sentimentTrend],
  );
  return <EChart option={option} ariaLabel={t('detail.trend')} height={160} />;
}

function SampleList({ samples }: { samples: ScoredMention[] }) {
  const { t } = useTranslation('opinion');
  if (samples.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.none')} />;
  return (
    <List
      size="small"
      dataSource={samples}
      style={{ maxHeight: 520, overflow: 'auto' }}
      renderItem={(m) => (
        <List.Item key={m.id} data-testid={`sample-${m.id}`}>
          <Flex vertical gap={4} style={{ width: '100%', minWidth: 0 }}>
            <Space wrap size={4}>
              <Tag>{t(`sources.${m.source}` as 'sources.review', { defaultValue: m.source.slice(0, 20) })}</Tag>
              {m.label && <Tag color={m.label === 'negative' ? 'red' : m.label === 'positive' ? 'green' : 'default'}>{t(`labels.${m.label}`)}</Tag>}
              {m.score !== null && <Typography.Text type="secondary">{`${t('detail.score')} ${m.score.toFixed(2)}`}</Typography.Text>}
              <Typography.Text type="secondary">{`${t('detail.reach')} ${m.reach.toLocaleString()}`}</Typography.Text>
              <Typography.Text type="secondary">{dayjs(m.publishedAt).format('MM-DD HH:mm')}</Typography.Text>
              <UntrustedText text={m.author ?? ''} style={{ maxWidth: 160 }} />
              <MentionLink url={m.url} />
            </Space>
            <MentionText mention={m} />
          </Flex>
        </List.Item>
      )}
    />
  );
}

function AuditTrail({ detail }: { detail: AlertDetail }) {
  const { t } = useTranslation('opinion');
  return (
    <Timeline
      items={detail.audit.map((entry, index) => ({
        key: index,
        color: entry.state === 'rejected' || entry.state === 'conflict' ? 'red' : entry.state === 'synced' || entry.state === 'done' ? 'green' : 'blue',
        children: (
          <Descriptions size="small" column={1} colon={false}>
            <Descriptions.Item label={dayjs(entry.at).format('MM-DD HH:mm')}>
              <Space size={4} wrap>
                <Typography.Text strong>{t(`detail.audits.${entry.action}` as 'detail.audits.open', { defaultValue: entry.action.slice(0, 40) })}</Typography.Text>
                <UntrustedText text={entry.who === 'me' ? t('detail.me') : (entry.who ?? '')} />
                <Tag>{t(`detail.states.${entry.state}`)}</Tag>
              </Space>
            </Descriptions.Item>
            {entry.detail && (
              <Descriptions.Item label="">
                <UntrustedText text={entry.detail} ellipsis={false} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} />
              </Descriptions.Item>
            )}
          </Descriptions>
        ),
      }))}
    />
  );
}
