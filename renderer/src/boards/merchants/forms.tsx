/** The action forms shared by the drawer (one merchant) and the grid's bulk bar (a selection). */
import { App, Button, DatePicker, Flex, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MERCHANT_TIERS, type MerchantTier } from '../../../../electron/core/api/merchants';
import { ErrorText } from '../../components/ErrorText';
import { useMerchantAction, usePackages } from './api';
import { tierLabel } from './format';

interface OverrideValues {
  tier: MerchantTier;
  reason: string;
  expiresOn?: Dayjs | null;
}

/** Set a tier override on one merchant or many: a tier, a reason, an optional expiry. */
export function OverrideForm({ merchantIds, initialTier, onDone }: { merchantIds: string[]; initialTier?: MerchantTier | null; onDone?: () => void }) {
  const { t } = useTranslation('merchants');
  const { message } = App.useApp();
  const [form] = Form.useForm<OverrideValues>();
  const setOverride = useMerchantAction('merchants.setOverride', {
    onSuccess: (answer) => {
      void message.success(merchantIds.length > 1 ? t('bulk.queued', { count: answer.commandIds.length }) : t('override.done'));
      form.resetFields(['reason']);
      onDone?.();
    },
    onError: (error) => void message.error(<ErrorText error={error} />),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      size="small"
      initialValues={{ tier: initialTier ?? 'head' }}
      onFinish={(values) =>
        setOverride.mutate({ merchantIds, tier: values.tier, reason: values.reason, expiresOn: values.expiresOn ? values.expiresOn.format('YYYY-MM-DD') : null })
      }
      data-testid="merchant-override-form"
    >
      <Flex gap={8} wrap>
        <Form.Item name="tier" label={t('override.tier')} rules={[{ required: true }]} style={{ minWidth: 120 }}>
          <Select options={MERCHANT_TIERS.map((tier) => ({ value: tier, label: tierLabel(t, tier) }))} data-testid="merchant-override-tier" />
        </Form.Item>
        <Form.Item name="expiresOn" label={t('override.expiresOn')}>
          <DatePicker data-testid="merchant-override-expires" />
        </Form.Item>
      </Flex>
      <Form.Item name="reason" label={t('override.reason')} rules={[{ required: true, whitespace: true, max: 500 }]}>
        <Input placeholder={t('override.reasonPlaceholder')} maxLength={500} data-testid="merchant-override-reason" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={setOverride.isPending} data-testid="merchant-override-submit">
        {merchantIds.length > 1 ? `${t('override.submit')} · ${t('override.applies', { count: merchantIds.length })}` : t('override.submit')}
      </Button>
    </Form>
  );
}

/** Clear the override of one merchant or many (the platform wants a reason). */
export function ClearOverrideButton({ merchantIds, onDone }: { merchantIds: string[]; onDone?: () => void }) {
  const { t } = useTranslation('merchants');
  const { message } = App.useApp();
  const clear = useMerchantAction('merchants.clearOverride', {
    onSuccess: (answer) => {
      void message.success(answer.commandIds.length === 0 ? t('bulk.nothing') : merchantIds.length > 1 ? t('bulk.queued', { count: answer.commandIds.length }) : t('override.cleared'));
      onDone?.();
    },
    onError: (error) => void message.error(<ErrorText error={error} />),
  });
  return (
    <Button danger size="small" loading={clear.isPending} onClick={() => clear.mutate({ merchantIds, reason: t('override.clearReasonDefault') })} data-testid="merchant-override-clear">
      {t('override.clear')}
    </Button>
  );
}

/** Assign a support package to one merchant or many; merchants that hold it already are left alone. */
export function AssignPackageForm({ merchantIds, onDone }: { merchantIds: string[]; onDone?: () => void }) {
  const { t } = useTranslation('merchants');
  const { message } = App.useApp();
  const packages = usePackages();
  const [form] = Form.useForm<{ packageId: string; note?: string }>();
  const assign = useMerchantAction('merchants.assignPackage', {
    onSuccess: (answer) => {
      void message.success(answer.commandIds.length === 0 ? t('bulk.nothing') : merchantIds.length > 1 ? t('bulk.queued', { count: answer.commandIds.length }) : t('packages.assigned'));
      form.resetFields();
      onDone?.();
    },
    onError: (error) => void message.error(<ErrorText error={error} />),
  });
  return (
    <Form form={form} layout="inline" size="small" onFinish={(values) => assign.mutate({ merchantIds, packageId: values.packageId, note: values.note?.trim() || null })} data-testid="merchant-assign-form">
      <Form.Item name="packageId" rules={[{ required: true, message: t('packages.choose') }]} style={{ minWidth: 260 }}>
        <Select
          placeholder={t('packages.choose')}
          loading={packages.isLoading}
          showSearch
          optionFilterProp="label"
          options={(packages.data ?? []).map((p) => ({ value: p.id, label: `${p.name} · ${t('drawer.targets', { tier: tierLabel(t, p.targetTier) })}` }))}
          data-testid="merchant-assign-package"
        />
      </Form.Item>
      <Form.Item name="note">
        <Input placeholder={t('packages.note')} maxLength={500} style={{ width: 180 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={assign.isPending} data-testid="merchant-assign-submit">
        {t('packages.assign')}
      </Button>
    </Form>
  );
}
