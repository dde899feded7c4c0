/** The switch-plan dialog: a core SKU's usable backups ranked, their cost and lead-time impact; confirm queues the switch. */
import { useState } from 'react';
import { Alert, App, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SwitchOption } from '../../../../electron/core/api/suppliers';
import { numberText } from '../../components/number-format';
import { QueryError } from '../../components/QueryError';
import { UntrustedText } from '../../components/UntrustedText';
import { isolatedText } from '../../components/untrusted-text';
import { useSwitchPlan, useSwitchPrimary } from './api';
import { GRADE_COLORS } from './columns';
import './messages';

export function SwitchPlanDialog({ skuId, onClose }: { skuId: string | null; onClose(): void }) {
  const { t, i18n } = useTranslation('suppliers');
  const { message } = App.useApp();
  const plan = useSwitchPlan(skuId);
  const [chosen, setChosen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const switchPrimary = useSwitchPrimary({
    onSuccess: () => {
      void message.success(t('plan.queued'));
      onClose();
    },
    onError: (error) => void message.error(t('plan.failed', { message: isolatedText(error.message) })),
  });
  const data = plan.data;
  const pick = chosen ?? data?.backups[0]?.linkId ?? null;
  const yuan = (fen: number | null) => (fen === null ? '—' : numberText(fen / 100, i18n.language, { fractionDigits: 2 }));
  const signed = (n: number | null, text: string) => (n === null ? '—' : n > 0 ? `+${text}` : text);
  return (
    <Modal
      open={skuId !== null}
      title={data ? <span>{t('plan.title', { sku: '' })}<UntrustedText text={`${data.name} (${data.skuId})`} /></span> : t('plan.title', { sku: skuId ?? '' })}
      onCancel={onClose}
      width={980}
      okText={t('plan.confirm')}
      cancelText={t('plan.cancel')}
      okButtonProps={{ disabled: !data?.primaryLinkId || !pick, loading: switchPrimary.isPending, id: 'switch-confirm' }}
      onOk={() => data?.primaryLinkId && pick && switchPrimary.mutate({ linkId: pick, fromLinkId: data.primaryLinkId, reason })}
      destroyOnHidden
    >
      {plan.error && <QueryError error={plan.error} onRetry={() => void plan.refetch()} />}
      {data && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          {data.primarySupplierId ? (
            <Typography.Text>{t('plan.primary', { supplier: data.primarySupplierId, units: numberText(data.primaryUnits, i18n.language) })}</Typography.Text>
          ) : (
            <Alert type="warning" showIcon title={t('plan.noPrimary')} />
          )}
          <Typography.Text type="secondary">{t('plan.rank')}</Typography.Text>
          <Table<SwitchOption>
            size="small"
            rowKey="linkId"
            pagination={false}
            dataSource={data.backups}
            locale={{ emptyText: t('plan.empty') }}
            rowSelection={{ type: 'radio', selectedRowKeys: pick ? [pick] : [], onChange: (keys) => setChosen(String(keys[0])) }}
            onRow={(row) => ({ onClick: () => setChosen(row.linkId), 'data-testid': `plan-row-${row.linkId}` } as object)}
            columns={[
              { key: 'supplier', title: t('plan.supplier'), render: (_, row) => <UntrustedText text={`${row.supplierId} · ${row.linkId}`} /> },
              { key: 'grade', title: t('plan.grade'), render: (_, row) => <Tag color={GRADE_COLORS[row.grade]}>{row.grade} {row.score}</Tag> },
              { key: 'spare', title: t('plan.spare'), align: 'right', render: (_, row) => numberText(row.spareCapacityUnits, i18n.language) },
              { key: 'lead', title: t('plan.lead'), align: 'right', render: (_, row) => `${row.leadTimeDays} (${signed(row.leadTimeDeltaDays, String(row.leadTimeDeltaDays))})` },
              { key: 'cost', title: t('plan.cost'), align: 'right', render: (_, row) => yuan(row.unitCostFen) },
              { key: 'costDelta', title: t('plan.costDelta'), align: 'right', render: (_, row) => signed(row.unitCostDeltaFen, yuan(row.unitCostDeltaFen)) },
              { key: 'impact', title: t('plan.impact'), align: 'right', render: (_, row) => signed(row.monthlyCostImpactFen, yuan(row.monthlyCostImpactFen)) },
              {
                key: 'flags', title: t('plan.covers'),
                render: (_, row) => (
                  <Space size={4}>
                    <Tag color={row.capacityCovers ? 'green' : 'orange'}>{row.capacityCovers ? t('covers.yes') : t('covers.no')}</Tag>
                    {row.affected && <Tag color="red">{t('plan.affected')}</Tag>}
                  </Space>
                ),
              },
            ]}
          />
          <Input.TextArea
            rows={2}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            placeholder={t('plan.reasonPlaceholder')}
            aria-label={t('plan.reason')}
          />
        </Space>
      )}
    </Modal>
  );
}
