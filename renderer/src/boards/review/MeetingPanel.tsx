/**
 * The review meeting's notes and action items, taken offline and kept in the local database (the
 * pack prints them). An action item can be turned into an OKR check-in note or an alert comment:
 * a queued outbox command, sent once. Every text is rendered as text; the platform's (team, key
 * result and alert names) with its invisible characters made visible.
 */
import { useState, type ReactNode } from 'react';
import { App, Button, DatePicker, Empty, Flex, Form, Input, Modal, Popconfirm, Select, Switch, Table, Tag, Typography, type ButtonProps, type FormInstance, type TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodName } from '../../../../electron/core/api';
import {
  ACTION_OWNER_MAX,
  ACTION_TITLE_MAX,
  MEETING_BODY_MAX,
  MEETING_TITLE_MAX,
  conversionText,
  type ConvertedKind,
  type MeetingAction,
  type MeetingNote,
} from '../../../../electron/core/api/meetings';
import { shanghaiDay } from '../../../../electron/core/api/time';
import { useNow } from '../../components/use-now';
import { refreshSyncedData, useCockpitMutation, useCockpitQuery } from '../../api/hooks';
import { useErrorMessage } from '../../components/ErrorText';
import { QueryError } from '../../components/QueryError';
import { UntrustedText } from '../../components/UntrustedText';
import { visibleText } from '../../components/untrusted-text';
import './meeting-messages';

const DAY = 'YYYY-MM-DD';
/** Alerts offered for a comment: those still being worked on, as the opinion board's queue shows by default. */
const ACTIVE_ALERTS = ['open', 'acknowledged', 'responding'] as const;

type MeetingMutation = Extract<MethodName, 'meetings.saveNote' | 'meetings.deleteNote' | 'meetings.saveAction' | 'meetings.deleteAction' | 'meetings.convertAction'>;

/**
 * Each change refetches the panel and the pack (which prints the notes). A conversion also queued
 * a command with its local effect on synced records: those lists and the pending count follow.
 */
function useMeetingMutation<M extends MeetingMutation>(method: M) {
  const queryClient = useQueryClient();
  return useCockpitMutation(method, {
    onSettled: () => {
      for (const key of ['meetings.list', 'overview.reviewPack', 'overview.reviewPackWorkbook'] as const) void queryClient.invalidateQueries({ queryKey: [key] });
      if (method === 'meetings.convertAction') refreshSyncedData(queryClient);
    },
  });
}

export function MeetingPanel({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation('meetings');
  const list = useCockpitQuery('meetings.list', { from, to });
  const [editingNote, setEditingNote] = useState<MeetingNote | 'new' | null>(null);
  const [editingAction, setEditingAction] = useState<MeetingAction | 'new' | null>(null);
  const [converting, setConverting] = useState<{ action: MeetingAction; kind: ConvertedKind } | null>(null);
  if (list.error) return <QueryError error={list.error} onRetry={() => void list.refetch()} />;
  const notes = list.data?.notes ?? [];
  return (
    <Flex vertical gap={16} data-testid="meeting-panel">
      <section aria-label={t('notes')}>
        <Flex vertical gap={8}>
          <Flex align="center" gap={8}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('notes')}
            </Typography.Title>
            <Button size="small" className="no-print" icon={<PlusOutlined />} onClick={() => setEditingNote('new')} data-testid="meeting-add-note">
              {t('addNote')}
            </Button>
          </Flex>
          {notes.length === 0 && !list.isPending && <Typography.Text type="secondary">{t('noNotes')}</Typography.Text>}
          {notes.map((note) => (
            <NoteCard key={note.id} note={note} onEdit={() => setEditingNote(note)} />
          ))}
        </Flex>
      </section>
      <ActionTable
        actions={list.data?.actions ?? []}
        notes={notes}
        loading={list.isPending}
        onAdd={() => setEditingAction('new')}
        onEdit={setEditingAction}
        onConvert={(action, kind) => setConverting({ action, kind })}
      />
      {editingNote && <NoteDialog note={editingNote === 'new' ? null : editingNote} defaultDay={to} onClose={() => setEditingNote(null)} />}
      {editingAction && <ActionDialog action={editingAction === 'new' ? null : editingAction} notes={notes} onClose={() => setEditingAction(null)} />}
      {converting && <ConvertDialog {...converting} onClose={() => setConverting(null)} />}
    </Flex>
  );
}

function useFailure(key: 'saveFailed' | 'convertFailed') {
  const { t } = useTranslation('meetings');
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  return (error: unknown) => void message.error(t(key, { message: errorMessage(error) }));
}

function NoteCard({ note, onEdit }: { note: MeetingNote; onEdit: () => void }) {
  const { t } = useTranslation('meetings');
  const remove = useMeetingMutation('meetings.deleteNote');
  const failed = useFailure('saveFailed');
  return (
    <article className="print-keep" style={{ borderInlineStart: '3px solid #1677ff', paddingInlineStart: 12 }} data-testid="meeting-note">
      <Flex align="center" gap={8} wrap>
        <Typography.Text strong>{note.title}</Typography.Text>
        <Typography.Text type="secondary">{note.meetingOn}</Typography.Text>
        <Flex gap={4} className="no-print">
          <Button size="small" type="text" icon={<EditOutlined />} aria-label={`${t('editNote')}: ${note.title}`} onClick={onEdit} />
          <Popconfirm title={t('confirmDeleteNote')} okText={t('delete')} cancelText={t('cancel')} onConfirm={() => remove.mutate({ id: note.id }, { onError: failed })}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('deleteNote')}: ${note.title}`} loading={remove.isPending} />
          </Popconfirm>
        </Flex>
      </Flex>
      {note.body && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="meeting-note-body">
          {note.body}
        </Typography.Paragraph>
      )}
    </article>
  );
}

interface NoteDraft {
  title: string;
  body?: string;
  meetingOn: Dayjs;
}

function NoteDialog({ note, defaultDay, onClose }: { note: MeetingNote | null; defaultDay: string; onClose: () => void }) {
  const { t } = useTranslation('meetings');
  const save = useMeetingMutation('meetings.saveNote');
  const failed = useFailure('saveFailed');
  const [form] = Form.useForm<NoteDraft>();
  const submit = (draft: NoteDraft) =>
    save.mutate(
      { ...(note ? { id: note.id } : {}), title: draft.title.trim(), body: draft.body ?? '', meetingOn: draft.meetingOn.format(DAY) },
      { onSuccess: onClose, onError: failed },
    );
  return (
    <FormDialog<NoteDraft>
      title={note ? t('editNote') : t('addNote')}
      form={form}
      onFinish={submit}
      onClose={onClose}
      saving={save.isPending}
      initialValues={{ title: note?.title ?? '', body: note?.body ?? '', meetingOn: dayjs(note?.meetingOn ?? defaultDay, DAY) }}
    >
      <Form.Item name="meetingOn" label={t('meetingOn')} rules={[{ required: true, message: t('required') }]}>
        <DatePicker allowClear={false} format={DAY} data-testid="meeting-note-day" />
      </Form.Item>
      <Form.Item name="title" label={t('noteTitle')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
        <Input maxLength={MEETING_TITLE_MAX} autoFocus data-testid="meeting-note-title" />
      </Form.Item>
      <Form.Item name="body" label={t('noteBody')}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 14 }} maxLength={MEETING_BODY_MAX} showCount data-testid="meeting-note-body-input" />
      </Form.Item>
    </FormDialog>
  );
}

interface FormDialogProps<T> {
  title: string;
  form: FormInstance<T>;
  initialValues: Partial<T>;
  onFinish: (values: T) => void;
  onClose: () => void;
  saving: boolean;
  children: ReactNode;
}

/** A dialog around one vertical form: its OK button submits the form, as Enter in a field does. */
function FormDialog<T extends object>({ title, form, initialValues, onFinish, onClose, saving, children }: FormDialogProps<T>) {
  const { t } = useTranslation('meetings');
  return (
    <Modal open title={title} onCancel={onClose} onOk={() => form.submit()} okText={t('save')} cancelText={t('cancel')} confirmLoading={saving} destroyOnHidden>
      <Form<T> form={form} layout="vertical" onFinish={onFinish} initialValues={initialValues}>
        {children}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}

interface ActionTableProps {
  actions: MeetingAction[];
  notes: MeetingNote[];
  loading: boolean;
  onAdd: () => void;
  onEdit: (action: MeetingAction) => void;
  onConvert: (action: MeetingAction, kind: ConvertedKind) => void;
}

function ActionTable({ actions, notes, loading, onAdd, onEdit, onConvert }: ActionTableProps) {
  const { t } = useTranslation('meetings');
  const save = useMeetingMutation('meetings.saveAction');
  const remove = useMeetingMutation('meetings.deleteAction');
  const failed = useFailure('saveFailed');
  const noteTitles = new Map(notes.map((note) => [note.id, note.title]));
  // Overdue is measured against today in Beijing time, as the due dates are written.
  const today = shanghaiDay(useNow(60_000));
  const columns: TableColumnsType<MeetingAction> = [
    { title: t('actionTitle'), key: 'title', render: (_, a) => <Typography.Text delete={a.status === 'done'}>{a.title}</Typography.Text> },
    { title: t('owner'), dataIndex: 'owner', width: 120 },
    {
      title: t('dueOn'),
      key: 'dueOn',
      width: 140,
      render: (_, a) => (
        <Flex gap={4} align="center">
          <span>{a.dueOn ?? '—'}</span>
          {a.status === 'open' && a.dueOn !== null && a.dueOn < today && <Tag color="red">{t('overdue')}</Tag>}
        </Flex>
      ),
    },
    { title: t('note'), key: 'note', width: 160, render: (_, a) => (a.noteId && noteTitles.get(a.noteId)) ?? '—' },
    {
      title: t('status'),
      key: 'status',
      width: 110,
      render: (_, a) => (
        <Switch
          size="small"
          checked={a.status === 'done'}
          checkedChildren={t('done')}
          unCheckedChildren={t('open')}
          aria-label={t('markDone', { title: a.title })}
          onChange={(done) => save.mutate({ id: a.id, title: a.title, owner: a.owner, status: done ? 'done' : 'open' }, { onError: failed })}
          data-testid={`meeting-status-${a.id}`}
        />
      ),
    },
    {
      title: '',
      key: 'do',
      width: 300,
      className: 'no-print',
      render: (_, a) => (
        <Flex gap={4} align="center" wrap>
          {a.convertedTo ? (
            <Tag color="blue">{a.convertedTo.kind === 'okr_checkin' ? t('convertedCheckIn') : t('convertedComment')}</Tag>
          ) : (
            <>
              <Button size="small" icon={<SendOutlined />} onClick={() => onConvert(a, 'okr_checkin')} aria-label={`${t('toCheckIn')}: ${a.title}`} data-testid={`meeting-to-checkin-${a.id}`}>
                {t('toCheckIn')}
              </Button>
              <Button size="small" icon={<SendOutlined />} onClick={() => onConvert(a, 'alert_comment')} aria-label={`${t('toComment')}: ${a.title}`} data-testid={`meeting-to-comment-${a.id}`}>
                {t('toComment')}
              </Button>
            </>
          )}
          <Button size="small" type="text" icon={<EditOutlined />} aria-label={`${t('editAction')}: ${a.title}`} onClick={() => onEdit(a)} />
          <Popconfirm title={t('confirmDeleteAction')} okText={t('delete')} cancelText={t('cancel')} onConfirm={() => remove.mutate({ id: a.id }, { onError: failed })}>
            <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={`${t('deleteAction')}: ${a.title}`} />
          </Popconfirm>
        </Flex>
      ),
    },
  ];
  return (
    <section aria-label={t('actions')}>
      <Flex vertical gap={8}>
        <Flex align="center" gap={8}>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('actions')}
          </Typography.Title>
          <Button size="small" className="no-print" icon={<PlusOutlined />} onClick={onAdd} data-testid="meeting-add-action">
            {t('addAction')}
          </Button>
        </Flex>
        <Table<MeetingAction>
          size="small"
          bordered
          pagination={false}
          rowKey="id"
          loading={loading}
          columns={columns}
          dataSource={actions}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noActions')} /> }}
          data-testid="meeting-actions"
        />
      </Flex>
    </section>
  );
}

interface ActionDraft {
  title: string;
  owner: string;
  dueOn: Dayjs | null;
  noteId: string | null;
}

function ActionDialog({ action, notes, onClose }: { action: MeetingAction | null; notes: MeetingNote[]; onClose: () => void }) {
  const { t } = useTranslation('meetings');
  const save = useMeetingMutation('meetings.saveAction');
  const failed = useFailure('saveFailed');
  const [form] = Form.useForm<ActionDraft>();
  const noteOptions = [{ value: '', label: t('noNote') }, ...notes.map((note) => ({ value: note.id, label: note.title }))];
  // An action of a note outside this period keeps its note: offered by id, since its title is not at hand.
  if (action?.noteId && !notes.some((note) => note.id === action.noteId)) noteOptions.push({ value: action.noteId, label: action.noteId });
  const submit = (draft: ActionDraft) => {
    const input: MethodInput<'meetings.saveAction'> = {
      ...(action ? { id: action.id } : {}),
      title: draft.title.trim(),
      owner: draft.owner.trim(),
      dueOn: draft.dueOn ? draft.dueOn.format(DAY) : null,
      noteId: draft.noteId || null,
    };
    save.mutate(input, { onSuccess: onClose, onError: failed });
  };
  return (
    <FormDialog<ActionDraft>
      title={action ? t('editAction') : t('addAction')}
      form={form}
      onFinish={submit}
      onClose={onClose}
      saving={save.isPending}
      initialValues={{
        title: action?.title ?? '',
        owner: action?.owner ?? '',
        dueOn: action?.dueOn ? dayjs(action.dueOn, DAY) : null,
        noteId: action ? (action.noteId ?? '') : (notes[0]?.id ?? ''),
      }}
    >
      <Form.Item name="title" label={t('actionTitle')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
        <Input maxLength={ACTION_TITLE_MAX} autoFocus data-testid="meeting-action-title" />
      </Form.Item>
      <Form.Item name="owner" label={t('owner')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
        <Input maxLength={ACTION_OWNER_MAX} data-testid="meeting-action-owner" />
      </Form.Item>
      <Form.Item name="dueOn" label={t('dueOn')}>
        <DatePicker format={DAY} data-testid="meeting-action-due" />
      </Form.Item>
      <Form.Item name="noteId" label={t('note')}>
        <Select options={noteOptions} data-testid="meeting-action-note" />
      </Form.Item>
    </FormDialog>
  );
}

/** A searchable picker labelled by its placeholder, for screen readers too. */
function searchable(label: string) {
  return { showSearch: true, optionFilterProp: 'label', placeholder: label, 'aria-label': label } as const;
}

function ConvertDialog({ action, kind, onClose }: { action: MeetingAction; kind: ConvertedKind; onClose: () => void }) {
  const { t } = useTranslation('meetings');
  const { message } = App.useApp();
  const failed = useFailure('convertFailed');
  const convert = useMeetingMutation('meetings.convertAction');
  const [teamId, setTeamId] = useState<string | null>(null);
  const [targetId, setTargetId] = useState<string | null>(null);
  const toCheckIn = kind === 'okr_checkin';
  const teams = useCockpitQuery('okr.teams', {}, { enabled: toCheckIn });
  const team = useCockpitQuery('okr.team', { id: teamId ?? '' }, { enabled: toCheckIn && teamId !== null });
  const alerts = useCockpitQuery('alerts.queue', { statuses: [...ACTIVE_ALERTS], limit: 500 }, { enabled: !toCheckIn });
  // A closed team takes no more check-ins: the core would refuse it.
  const teamOptions = (teams.data ?? []).filter((row) => row.status !== 'closed').map((row) => ({ value: row.id, label: visibleText(row.name) }));
  const krOptions = (team.data?.objectives ?? []).flatMap((objective) =>
    objective.keyResults.map((kr) => ({ value: kr.id, label: visibleText(`${objective.title} · ${kr.title}`) })),
  );
  const alertOptions = (alerts.data?.rows ?? []).map((row) => ({ value: row.id, label: visibleText(`${row.severity} · ${row.title}`) }));
  const submit = () => {
    if (!targetId) return;
    const input: MethodInput<'meetings.convertAction'> = toCheckIn ? { id: action.id, kind, keyResultId: targetId } : { id: action.id, kind, alertId: targetId };
    convert.mutate(input, {
      onSuccess: () => {
        void message.success(t('queued'));
        onClose();
      },
      onError: failed,
    });
  };
  return (
    <Modal
      open
      title={toCheckIn ? t('convertCheckInTitle') : t('convertCommentTitle')}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ disabled: !targetId, 'data-testid': 'meeting-convert-ok' } as ButtonProps}
      okText={toCheckIn ? t('toCheckIn') : t('toComment')}
      cancelText={t('cancel')}
      confirmLoading={convert.isPending}
    >
      <Flex vertical gap={12}>
        {toCheckIn ? (
          <>
            <Select
              {...searchable(t('pickTeam'))}
              value={teamId}
              onChange={(id: string) => {
                setTeamId(id);
                setTargetId(null);
              }}
              loading={teams.isPending}
              options={teamOptions}
              autoFocus
              data-testid="meeting-convert-team"
            />
            <Select
              {...searchable(t('pickKr'))}
              value={targetId}
              onChange={setTargetId}
              disabled={!teamId}
              loading={team.isFetching}
              options={krOptions}
              data-testid="meeting-convert-kr"
            />
          </>
        ) : (
          <Select
            {...searchable(t('pickAlert'))}
            value={targetId}
            onChange={setTargetId}
            loading={alerts.isPending}
            options={alertOptions}
            autoFocus
            data-testid="meeting-convert-alert"
          />
        )}
        <Flex vertical gap={4}>
          <Typography.Text type="secondary">{t('sentText')}</Typography.Text>
          <UntrustedText text={conversionText(action)} ellipsis={false} data-testid="meeting-convert-text" />
        </Flex>
        {toCheckIn && <Typography.Text type="secondary">{t('checkInHint')}</Typography.Text>}
        <Typography.Text type="secondary">{t('convertHint')}</Typography.Text>
      </Flex>
    </Modal>
  );
}
