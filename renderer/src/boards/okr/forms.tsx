/**
 * The OKR board's forms, keyboard-first: the first field has focus, Tab moves on, Enter submits.
 * Every submit is queued in the outbox (works offline) and shows at once.
 */
import { useMemo } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Department, KeyResultRow, ObjectiveRow, PersonOption, TeamCard, TeamTemplateInfo } from '../../../../electron/core/api/okr';
import { useDirectory, useOkrMutation, useTemplates } from './api';

function usePersonOptions() {
  const { t } = useTranslation('okr');
  const directory = useDirectory();
  return useMemo(
    () =>
      (directory.data ?? []).map((p: PersonOption) => ({
        value: p.id,
        label: `${p.name} · ${t(`departments.${p.department as Department}`, { defaultValue: p.department })} · ${p.title}`,
      })),
    [directory.data, t],
  );
}

/** The core's own one-line reason (invalid_input, not_found) is what the user can act on. */
function useFailure() {
  const { message } = App.useApp();
  return (error: unknown) => void message.error(error instanceof Error ? error.message : String(error));
}

function TemplatePreview({ template }: { template: TeamTemplateInfo }) {
  const { t } = useTranslation('okr');
  return (
    <div data-testid="okr-template-preview" style={{ fontSize: 12 }}>
      <Typography.Text type="secondary">{t('create.preview')}</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
        {template.objectives.map((o) => (
          <li key={o.key}>
            {o.parentKey ? '↳ ' : ''}
            {o.title.replaceAll('{product}', '…')}
            <ul style={{ paddingLeft: 16 }}>
              {o.keyResults.map((kr) => (
                <li key={kr.key}>
                  {kr.title}: {kr.startValue} → {kr.targetValue} {kr.unit}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

interface CreateValues {
  product: string;
  name?: string;
  leadId: string;
  sponsorId: string;
  startsOn: Dayjs;
}

export function CreateTeamModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (teamId: string) => void }) {
  const { t } = useTranslation('okr');
  const { message } = App.useApp();
  const failed = useFailure();
  const [form] = Form.useForm<CreateValues>();
  const templates = useTemplates();
  const template = templates.data?.[0];
  const people = usePersonOptions();
  const create = useOkrMutation('okr.team.createFromTemplate');
  const submit = (values: CreateValues) =>
    create.mutate(
      {
        templateId: template?.id,
        product: values.product,
        name: values.name?.trim() || undefined,
        leadId: values.leadId,
        sponsorId: values.sponsorId,
        startsOn: values.startsOn.format('YYYY-MM-DD'),
      },
      {
        onSuccess: ({ teamId }) => {
          void message.success(t('create.created'));
          form.resetFields();
          onCreated(teamId);
        },
        onError: failed,
      },
    );
  return (
    <Modal
      open={open}
      title={t('create.title', { template: template?.name ?? '' })}
      onCancel={onClose}
      okText={t('create.submit')}
      cancelText={t('form.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'okr-create-submit' } as never}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ startsOn: dayjs() }} data-testid="okr-create-form">
        <Form.Item name="product" label={t('create.product')} rules={[{ required: true, whitespace: true }]}>
          <Input autoFocus placeholder={t('create.productPlaceholder')} maxLength={100} data-testid="okr-create-product" />
        </Form.Item>
        <Form.Item name="name" label={t('create.name')}>
          <Input maxLength={200} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="leadId" label={t('create.lead')} rules={[{ required: true }]} style={{ flex: 1, marginRight: 8 }}>
            <Select showSearch optionFilterProp="label" options={people} data-testid="okr-create-lead" />
          </Form.Item>
          <Form.Item name="sponsorId" label={t('create.sponsor')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select showSearch optionFilterProp="label" options={people} data-testid="okr-create-sponsor" />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="startsOn" label={t('create.startsOn')} rules={[{ required: true }]}>
          <DatePicker allowClear={false} data-testid="okr-create-starts" />
        </Form.Item>
        {template && <TemplatePreview template={template} />}
      </Form>
    </Modal>
  );
}

interface CheckInValues {
  keyResultId: string;
  value: number;
  confidence: number;
  note?: string;
}

/**
 * The check-in form: KR, value, confidence, note. Enter in any field submits (the browser's own
 * implicit submission: the form has a submit button); focus returns to the value for the next one.
 */
export function CheckInForm({ keyResults }: { keyResults: KeyResultRow[] }) {
  const { t } = useTranslation('okr');
  const { message } = App.useApp();
  const failed = useFailure();
  const [form] = Form.useForm<CheckInValues>();
  const checkIn = useOkrMutation('okr.checkIn');
  const options = keyResults.map((kr) => ({ value: kr.id, label: `${kr.title}（${kr.currentValue} → ${kr.targetValue} ${kr.unit}）` }));
  const submit = (values: CheckInValues) =>
    checkIn.mutate(
      { keyResultId: values.keyResultId, value: values.value, confidence: values.confidence, note: values.note?.trim() ?? '' },
      {
        onSuccess: () => {
          void message.success(t('form.saved'));
          form.setFieldsValue({ value: undefined, note: undefined });
          form.focusField('value');
        },
        onError: failed,
      },
    );
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={submit}
      disabled={keyResults.length === 0}
      initialValues={{ keyResultId: keyResults[0]?.id, confidence: 0.7 }}
      data-testid="okr-checkin-form"
      size="small"
    >
      <Form.Item name="keyResultId" label={t('form.keyResult')} rules={[{ required: true }]}>
        <Select options={options} data-testid="okr-checkin-kr" />
      </Form.Item>
      <Space.Compact block>
        <Form.Item name="value" label={t('form.value')} rules={[{ required: true }]} style={{ flex: 1, marginRight: 8 }}>
          <InputNumber style={{ width: '100%' }} autoFocus data-testid="okr-checkin-value" />
        </Form.Item>
        <Form.Item name="confidence" label={t('form.confidence')} rules={[{ required: true }]} style={{ width: 130 }}>
          <InputNumber min={0} max={1} step={0.1} style={{ width: '100%' }} data-testid="okr-checkin-confidence" />
        </Form.Item>
      </Space.Compact>
      <Form.Item name="note" label={t('form.note')}>
        <Input maxLength={2000} data-testid="okr-checkin-note" />
      </Form.Item>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('form.hint')}
        </Typography.Text>
        <Button type="primary" htmlType="submit" loading={checkIn.isPending} data-testid="okr-checkin-submit">
          {t('form.submit')}
        </Button>
      </Space>
    </Form>
  );
}

interface KeyResultValues {
  objectiveId: string;
  title: string;
  unit: string;
  direction: 'increase' | 'decrease';
  startValue: number;
  targetValue: number;
}

export function KeyResultModal({ objectives, objectiveId, onClose }: { objectives: ObjectiveRow[]; objectiveId: string | null; onClose: () => void }) {
  const { t } = useTranslation('okr');
  const failed = useFailure();
  const [form] = Form.useForm<KeyResultValues>();
  const upsert = useOkrMutation('okr.keyResult.upsert');
  const submit = (values: KeyResultValues) => upsert.mutate(values, { onSuccess: onClose, onError: failed });
  return (
    <Modal
      open={objectiveId !== null}
      title={t('team.addKr')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={upsert.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'okr-kr-submit' } as never}
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ objectiveId, direction: 'increase', startValue: 0 }} data-testid="okr-kr-form">
        <Form.Item name="objectiveId" label={t('form.objectiveTitle')} rules={[{ required: true }]}>
          <Select options={objectives.map((o) => ({ value: o.id, label: o.title }))} />
        </Form.Item>
        <Form.Item name="title" label={t('form.krTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input autoFocus maxLength={500} data-testid="okr-kr-title" />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="unit" label={t('form.unit')} rules={[{ required: true }]} style={{ flex: 1, marginRight: 8 }}>
            <Input maxLength={50} data-testid="okr-kr-unit" />
          </Form.Item>
          <Form.Item name="direction" label={t('form.direction')} style={{ flex: 1 }}>
            <Select options={(['increase', 'decrease'] as const).map((d) => ({ value: d, label: t(`direction.${d}`) }))} />
          </Form.Item>
        </Space.Compact>
        <Space.Compact block>
          <Form.Item name="startValue" label={t('form.startValue')} rules={[{ required: true }]} style={{ flex: 1, marginRight: 8 }}>
            <InputNumber style={{ width: '100%' }} data-testid="okr-kr-start" />
          </Form.Item>
          <Form.Item name="targetValue" label={t('form.targetValue')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <InputNumber style={{ width: '100%' }} data-testid="okr-kr-target" onPressEnter={() => form.submit()} />
          </Form.Item>
        </Space.Compact>
      </Form>
    </Modal>
  );
}

export function ObjectiveModal({ teamId, objectives, open, onClose }: { teamId: string; objectives: ObjectiveRow[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('okr');
  const failed = useFailure();
  const [form] = Form.useForm<{ title: string; parentObjectiveId?: string }>();
  const upsert = useOkrMutation('okr.objective.upsert');
  return (
    <Modal
      open={open}
      title={t('team.addObjective')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={upsert.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) => upsert.mutate({ teamId, title: values.title, parentObjectiveId: values.parentObjectiveId ?? null }, { onSuccess: onClose, onError: failed })}
      >
        <Form.Item name="title" label={t('form.objectiveTitle')} rules={[{ required: true, whitespace: true }]}>
          <Input autoFocus maxLength={500} />
        </Form.Item>
        <Form.Item name="parentObjectiveId" label={t('form.parent')}>
          <Select allowClear placeholder={t('form.none')} options={objectives.map((o) => ({ value: o.id, label: o.title }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function AddMemberForm({ teamId, disabled }: { teamId: string; disabled: boolean }) {
  const { t } = useTranslation('okr');
  const failed = useFailure();
  const people = usePersonOptions();
  const [form] = Form.useForm<{ personId: string; role: string }>();
  const add = useOkrMutation('okr.member.add');
  return (
    <Form
      form={form}
      layout="inline"
      size="small"
      disabled={disabled}
      onFinish={(values) => add.mutate({ teamId, personId: values.personId, role: values.role }, { onSuccess: () => form.resetFields(), onError: failed })}
      style={{ marginTop: 8, rowGap: 8 }}
    >
      <Form.Item name="personId" rules={[{ required: true }]} style={{ minWidth: 200 }}>
        <Select showSearch optionFilterProp="label" options={people} placeholder={t('form.person')} />
      </Form.Item>
      <Form.Item name="role" rules={[{ required: true, whitespace: true }]}>
        <Input placeholder={t('form.role')} maxLength={100} style={{ width: 110 }} />
      </Form.Item>
      <Button htmlType="submit" loading={add.isPending}>
        {t('team.addMember')}
      </Button>
    </Form>
  );
}

export function CloseTeamModal({ teamId, open, onClose }: { teamId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('okr');
  const { i18n } = useTranslation();
  const { message } = App.useApp();
  const failed = useFailure();
  const [form] = Form.useForm<{ retrospective: string }>();
  const close = useOkrMutation('okr.team.close');
  return (
    <Modal
      open={open}
      title={t('team.close')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('form.closeSubmit')}
      cancelText={t('form.cancel')}
      okButtonProps={{ danger: true, 'data-testid': 'okr-close-submit' } as never}
      confirmLoading={close.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(values) =>
          close.mutate(
            { id: teamId, retrospective: values.retrospective },
            {
              onSuccess: ({ score }) => {
                const shown = score === null ? '—' : new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(score);
                void message.success(t('form.closed', { score: shown }));
                onClose();
              },
              onError: failed,
            },
          )
        }
      >
        <Form.Item name="retrospective" label={t('form.retrospective')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea autoFocus rows={6} maxLength={10_000} data-testid="okr-close-retrospective" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditValues {
  name: string;
  mission: string;
  leadId: string;
  sponsorId: string;
  cycle: [Dayjs, Dayjs];
}

/** Edits a running team: only the fields that changed are sent (an upsert leaves the rest as they are). */
export function EditTeamModal({ team, open, onClose }: { team: TeamCard; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('okr');
  const failed = useFailure();
  const people = usePersonOptions();
  const [form] = Form.useForm<EditValues>();
  const update = useOkrMutation('okr.team.update');
  const submit = (values: EditValues) => {
    const startsOn = values.cycle[0].format('YYYY-MM-DD');
    const endsOn = values.cycle[1].format('YYYY-MM-DD');
    const changed = {
      name: values.name !== team.name ? values.name : undefined,
      mission: values.mission !== team.mission ? values.mission : undefined,
      leadId: values.leadId !== team.leadId ? values.leadId : undefined,
      sponsorId: values.sponsorId !== team.sponsorId ? values.sponsorId : undefined,
      startsOn: startsOn !== team.startsOn ? startsOn : undefined,
      endsOn: endsOn !== team.endsOn ? endsOn : undefined,
    };
    if (Object.values(changed).every((v) => v === undefined)) return onClose();
    update.mutate({ id: team.id, ...changed }, { onSuccess: onClose, onError: failed });
  };
  return (
    <Modal
      open={open}
      title={t('team.edit')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ name: team.name, mission: team.mission, leadId: team.leadId, sponsorId: team.sponsorId, cycle: [dayjs(team.startsOn), dayjs(team.endsOn)] }}
      >
        <Form.Item name="name" label={t('form.teamName')} rules={[{ required: true, whitespace: true }]}>
          <Input autoFocus maxLength={200} />
        </Form.Item>
        <Form.Item name="mission" label={t('team.mission')}>
          <Input.TextArea rows={3} maxLength={10_000} />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="leadId" label={t('create.lead')} rules={[{ required: true }]} style={{ flex: 1, marginRight: 8 }}>
            <Select showSearch optionFilterProp="label" options={people} />
          </Form.Item>
          <Form.Item name="sponsorId" label={t('create.sponsor')} rules={[{ required: true }]} style={{ flex: 1 }}>
            <Select showSearch optionFilterProp="label" options={people} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="cycle" label={t('team.period')} rules={[{ required: true }]}>
          <DatePicker.RangePicker allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
