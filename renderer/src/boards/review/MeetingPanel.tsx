/**
 * The review meeting's notes and action items, taken offline and kept in the local database (the
 * pack prints them). An open action item can be turned into an OKR check-in note or an alert
 * comment: a queued outbox command, sent once. Text is shown as text.
 */
import { useState } from 'react';
import { App, Button, DatePicker, Dropdown, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../electron/core/api';
import type { MeetingAction, MeetingNote } from '../../../../electron/core/api/meetings';
import { useQueryClient } from '@tanstack/react-query';
import type { MethodName } from '../../../../electron/core/api';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';
import { useErrorMessage } from '../../components/ErrorText';
import { QueryError } from '../../components/QueryError';
import './messages';

const DAY = 'YYYY-MM-DD';

/** A change to the meeting's notes or actions: the list is read again (a conversion also queued a command: the status bar too). */
function useMeetingChange<M extends MethodName>(method: M) {
  const queryClient = useQueryClient();
  return useCockpitMutation(method, {
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['meetings.list'] });
      if (method === 'meetings.convertAction') refreshSyncedData(queryClient);
    },
  });
}

export function MeetingPanel({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation('review');
  const list = useCockpitQuery('meetings.list', { from, to });
  const [editing, setEditing] = useState<MeetingNote | 'new' | null>(null);
  const [converting, setConverting] = useState<{ action: MeetingAction; kind: 'okr_checkin' | 'alert_comment' } | null>(null);
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const notes = list.data?.notes ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={8}>
        <Flex align="center" gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('notes')}
          </Typography.Title>
          <Button size="small" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="meeting-add-note">
            {t('addNote')}
          </Button>
        </Flex>
        {notes.length === 0 && !list.isPending && <Typography.Text type="secondary">{t('noNotes')}</Typography.Text>}
        {notes.map((note) => (
          <NoteCard key={note.id} note={note} onEdit={() => setEditing(note)} />
        ))}
      </Flex>
      <ActionTable actions={list.data?.actions ?? []} notes={notes} loading={list.isPending} onConvert={(action, kind) => setConverting({ action, kind })} />
      {editing && <NoteDialog note={editing === 'new' ? null : editing} defaultDay={to} onClose={() => setEditing(null)} />}
      {converting && <ConvertDialog {...converting} onClose={() => setConverting(null)} />}
    </Flex>
  );
}

function NoteCard({ note, onEdit }: { note: MeetingNote; onEdit: () => void }) {
  const { t } = useTranslation('review');
  const remove = useMeetingChange('meetings.deleteNote');
  return (
    <div className="print-keep" style={{ borderInlineStart: '3px solid #1677ff', paddingInlineStart: 12 }} data-testid="meeting-note">
      <Flex align="center" gap={8}>
        <Typography.Text strong>{note.title}</Typography.Text>
        <Typography.Text type="secondary">{note.meetingOn}</Typography.Text>
        <Button size="small" type="text" icon={<EditOutlined />} aria-label={t('edit')} onClick={onEdit} />
        <Popconfirm title={t('confirmDelete')} onConfirm={() => remove.mutate({ id: note.id })}>
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('delete')} />
        </Popconfirm>
      </Flex>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{note.body}</Typography.Paragraph>
    </div>
  );
}

function NoteDialog({ note, defaultDay, onClose }: { note: MeetingNote | null; defaultDay: string; onClose: () => void }) {
  const { t } = useTranslation('review');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const save = useMeetingChange('meetings.saveNote');
  const [form] = Form.useForm<{ title: string; body: string; meetingOn: Dayjs }>();
  const submit = (values: { title: string; body: string; meetingOn: Dayjs }) =>
    save.mutate(
      { ...(note ? { id: note.id } : {}), title: values.title, body: values.body ?? '', meetingOn: values.meetingOn.format(DAY) },
      { onSuccess: onClose, onError: (error) => void message.error(t('saveFailed', { message: errorMessage(error) })) },
    );
  return (
    <Modal open title={note ? t('editNote') : t('addNote')} onCancel={onClose} onOk={() => form.submit()} okText={t('save')} cancelText={t('cancel')} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ title: note?.title ?? '', body: note?.body ?? '', meetingOn: dayjs(note?.meetingOn ?? defaultDay) }}>
        <Form.Item name="meetingOn" label={t('meetingOn')} rules={[{ required: true, message: t('required') }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
        <Form.Item name="title" label={t('noteTitle')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input maxLength={200} data-testid="meeting-note-title" />
        </Form.Item>
        <Form.Item name="body" label={t('noteBody')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={20_000} data-testid="meeting-note-body" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ActionDraft = { title: string; owner: string; dueOn: Dayjs | null; noteId: string | null };

function ActionTable({ actions, notes, loading, onConvert }: { actions: MeetingAction[]; notes: MeetingNote[]; loading: boolean; onConvert: (action: MeetingAction, kind: 'okr_checkin' | 'alert_comment') => void }) {
  const { t } = useTranslation('review');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const save = useMeetingChange('meetings.saveAction');
  const remove = useMeetingChange('meetings.deleteAction');
  const [form] = Form.useForm<ActionDraft>();
  const failed = (error: unknown) => void message.error(t('saveFailed', { message: errorMessage(error) }));
  const saveAction = (input: MethodInput<'meetings.saveAction'>) => save.mutate(input, { onError: failed });
  const add = (draft: ActionDraft) =>
    save.mutate(
      { title: draft.title, owner: draft.owner, dueOn: draft.dueOn ? draft.dueOn.format(DAY) : null, noteId: draft.noteId ?? null },
      { onSuccess: () => form.resetFields(), onError: failed },
    );
  const columns: TableColumnsType<MeetingAction> = [
    { title: t('actionTitle'), dataIndex: 'title' },
    { title: t('owner'), dataIndex: 'owner', width: 120 },
    { title: t('dueOn'), key: 'dueOn', width: 110, render: (_, a) => a.dueOn ?? '—' },
    {
      title: t('actionStatus'),
      key: 'status',
      width: 120,
      render: (_, a) => (
        <Switch
          size="small"
          checked={a.status === 'done'}
          checkedChildren={t('done')}
          unCheckedChildren={t('open')}
          aria-label={`${t('actionStatus')} · ${a.title}`}
          onChange={(done) => saveAction({ id: a.id, title: a.title, owner: a.owner, status: done ? 'done' : 'open' })}
        />
      ),
    },
    {
      title: '',
      key: 'do',
      width: 220,
      render: (_, a) => (
        <Flex gap={4} align="center" wrap>
          {a.convertedTo ? (
            <Tag color="blue">{a.convertedTo.kind === 'okr_checkin' ? t('convertedCheckIn') : t('convertedComment')}</Tag>
          ) : (
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'okr_checkin', label: t('toCheckIn') },
                  { key: 'alert_comment', label: t('toComment') },
                ],
                onClick: ({ key }) => onConvert(a, key as 'okr_checkin' | 'alert_comment'),
              }}
            >
              <Button size="small" icon={<SendOutlined />} data-testid={`meeting-convert-${a.id}`}>
                {t('convert')}
              </Button>
            </Dropdown>
          )}
          <Popconfirm title={t('confirmDelete')} onConfirm={() => remove.mutate({ id: a.id }, { onError: failed })}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('delete')} · ${a.title}`} />
          </Popconfirm>
        </Flex>
      ),
    },
  ];
  return (
    <Flex vertical gap={8}>
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('actions')}
      </Typography.Title>
      <Form form={form} layout="inline" onFinish={add} className="no-print" initialValues={{ dueOn: null, noteId: null }}>
        <Form.Item name="title" rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input placeholder={t('actionTitle')} aria-label={t('actionTitle')} style={{ width: 280 }} maxLength={500} data-testid="meeting-action-title" />
        </Form.Item>
        <Form.Item name="owner" rules={[{ required: true, whitespace: true, message: t('required') }]}>
          <Input placeholder={t('owner')} aria-label={t('owner')} style={{ width: 120 }} maxLength={100} data-testid="meeting-action-owner" />
        </Form.Item>
        <Form.Item name="dueOn">
          <DatePicker placeholder={t('dueOn')} aria-label={t('dueOn')} />
        </Form.Item>
        {notes.length > 0 && (
          <Form.Item name="noteId">
            <Select allowClear placeholder={t('notes')} aria-label={t('notes')} style={{ width: 180 }} options={notes.map((n) => ({ value: n.id, label: n.title }))} />
          </Form.Item>
        )}
        <Button htmlType="submit" icon={<PlusOutlined />} loading={save.isPending} data-testid="meeting-add-action">
          {t('addAction')}
        </Button>
      </Form>
      <Table<MeetingAction>
        size="small"
        bordered
        pagination={false}
        rowKey="id"
        loading={loading}
        columns={columns}
        dataSource={actions}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noActions')} /> }}
        data-testid="meeting-actions"
      />
    </Flex>
  );
}

function ConvertDialog({ action, kind, onClose }: { action: MeetingAction; kind: 'okr_checkin' | 'alert_comment'; onClose: () => void }) {
  const { t } = useTranslation('review');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const convert = useMeetingChange('meetings.convertAction');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [targetId, setTargetId] = useState<string | null>(null);
  const teams = useCockpitQuery('okr.teams', {}, { enabled: kind === 'okr_checkin' });
  const team = useCockpitQuery('okr.team', { id: teamId ?? '' }, { enabled: kind === 'okr_checkin' && teamId !== null });
  const alerts = useCockpitQuery('alerts.queue', { statuses: ['open', 'acknowledged', 'responding'], limit: 500 }, { enabled: kind === 'alert_comment' });
  const keyResults = (team.data?.objectives ?? []).flatMap((o) => o.keyResults.map((kr) => ({ value: kr.id, label: `${o.title} · ${kr.title}` })));
  const submit = () => {
    if (!targetId) return;
    const input: MethodInput<'meetings.convertAction'> = kind === 'okr_checkin' ? { id: action.id, kind, keyResultId: targetId } : { id: action.id, kind, alertId: targetId };
    convert.mutate(input, {
      onSuccess: () => {
        void message.success(t('queued'));
        onClose();
      },
      onError: (error) => void message.error(t('saveFailed', { message: errorMessage(error) })),
    });
  };
  return (
    <Modal open title={`${t('convertTitle')} ${kind === 'okr_checkin' ? t('toCheckIn') : t('toComment')}`} onCancel={onClose} onOk={submit} okButtonProps={{ disabled: !targetId }} okText={t('save')} cancelText={t('cancel')} confirmLoading={convert.isPending}>
      <Flex vertical gap={12}>
        <Typography.Text strong>{action.title}</Typography.Text>
        {kind === 'okr_checkin' ? (
          <>
            <Select showSearch optionFilterProp="label" placeholder={t('pickTeam')} aria-label={t('pickTeam')} value={teamId} onChange={(id: string) => { setTeamId(id); setTargetId(null); }} loading={teams.isPending} options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))} data-testid="meeting-convert-team" />
            <Select showSearch optionFilterProp="label" placeholder={t('pickKr')} aria-label={t('pickKr')} value={targetId} onChange={setTargetId} disabled={!teamId} loading={team.isFetching} options={keyResults} data-testid="meeting-convert-kr" />
          </>
        ) : (
          <Select showSearch optionFilterProp="label" placeholder={t('pickAlert')} aria-label={t('pickAlert')} value={targetId} onChange={setTargetId} loading={alerts.isPending} options={(alerts.data?.rows ?? []).map((alert) => ({ value: alert.id, label: `${alert.severity} · ${alert.title}` }))} data-testid="meeting-convert-alert" />
        )}
        <Typography.Text type="secondary">{t('convertHint')}</Typography.Text>
      </Flex>
    </Modal>
  );
}
