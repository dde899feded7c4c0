/** Grading rules: weights, cut-offs and hard gates, previewed against today's grades, saved as numbered versions. */
import { useState } from 'react';
import { App, Button, Card, Col, Flex, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SUPPLIER_GRADES, type GradingRulesInput } from '../../../../electron/core/api/suppliers';
import { QueryError } from '../../components/QueryError';
import { UntrustedText } from '../../components/UntrustedText';
import { isolatedText } from '../../components/untrusted-text';
import { useGradingRules, useRulesPreview, useSaveRules } from './api';
import { GRADE_COLORS } from './columns';
import './messages';

const WEIGHTS = ['quality', 'delivery', 'cost', 'service'] as const;
const CUTOFFS = ['A', 'B', 'C'] as const;
const CAPS = ['expiredCertificationCap', 'suspendedCap', 'blacklistedCap'] as const;
const CAP_LABELS = { expiredCertificationCap: 'rules.expiredCap', suspendedCap: 'rules.suspendedCap', blacklistedCap: 'rules.blacklistedCap' } as const;

type StoredRules = NonNullable<ReturnType<typeof useGradingRules>['data']>;

export function RulesPanel() {
  const stored = useGradingRules();
  if (stored.error) return <QueryError error={stored.error} onRetry={() => void stored.refetch()} />;
  // A new version (saved here or elsewhere) starts a fresh draft from it.
  return stored.data ? <RulesEditor key={stored.data.version} stored={stored.data} /> : null;
}

function RulesEditor({ stored }: { stored: StoredRules }) {
  const { t } = useTranslation('suppliers');
  const { message } = App.useApp();
  const [draft, setDraft] = useState<GradingRulesInput>(stored.rules);
  const [previewing, setPreviewing] = useState<GradingRulesInput | null>(null);
  const preview = useRulesPreview(previewing ? { rules: previewing } : null);
  const save = useSaveRules({
    onSuccess: (version) => {
      void message.success(t('rules.saved', { version }));
      setPreviewing(null);
    },
    onError: (error) => void message.error(t('rules.failed', { message: isolatedText(error.message) })),
  });
  const set = (patch: (rules: GradingRulesInput) => GradingRulesInput) => setDraft(patch);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('rules.version', { version: stored.version })}</Typography.Text>
      <Row gutter={16}>
        <Col span={8}>
          <Card size="small" title={t('rules.weights')}>
            {WEIGHTS.map((key) => (
              <Flex key={key} justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <span>{t(`rules.${key}`)}</span>
                <InputNumber aria-label={t(`rules.${key}`)} min={0} max={100} value={draft.weights[key]} onChange={(v) => set((r) => ({ ...r, weights: { ...r.weights, [key]: v ?? 0 } }))} />
              </Flex>
            ))}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('rules.cutoffs')}>
            {CUTOFFS.map((key) => (
              <Flex key={key} justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <Tag color={GRADE_COLORS[key]}>{key} ≥</Tag>
                <InputNumber aria-label={`${key} ≥`} min={0} max={100} value={draft.cutoffs[key]} onChange={(v) => set((r) => ({ ...r, cutoffs: { ...r.cutoffs, [key]: v ?? 0 } }))} />
              </Flex>
            ))}
          </Card>
        </Col>
        <Col span={8}>
          <Card size="small" title={t('rules.gates')}>
            {CAPS.map((key) => (
              <Flex key={key} justify="space-between" align="center" style={{ marginBottom: 8 }}>
                <span>{t(CAP_LABELS[key])}</span>
                <Select
                  aria-label={t(CAP_LABELS[key])}
                  style={{ width: 70 }}
                  value={draft.gates[key]}
                  options={SUPPLIER_GRADES.map((g) => ({ value: g, label: g }))}
                  onChange={(v) => set((r) => ({ ...r, gates: { ...r.gates, [key]: v } }))}
                />
              </Flex>
            ))}
            <div>{t('rules.required')}</div>
            <Select
              mode="tags"
              aria-label={t('rules.required')}
              style={{ width: '100%' }}
              value={draft.gates.requiredCertifications}
              onChange={(v: string[]) => set((r) => ({ ...r, gates: { ...r.gates, requiredCertifications: v } }))}
            />
          </Card>
        </Col>
      </Row>
      <Space>
        <Button onClick={() => setPreviewing(draft)} data-testid="rules-preview">{t('rules.preview')}</Button>
        <Button type="primary" loading={save.isPending} onClick={() => save.mutate({ rules: draft, expectedVersion: stored.version })} data-testid="rules-save">
          {t('rules.save')}
        </Button>
        <Button onClick={() => setDraft(stored.defaults)}>{t('rules.reset')}</Button>
      </Space>
      {preview.error && <QueryError error={preview.error} />}
      {preview.data && previewing && (
        <Card size="small" title={t('rules.changed', { count: preview.data.changed })} data-testid="rules-preview-result">
          <Table
            size="small"
            pagination={{ pageSize: 10 }}
            rowKey="supplierId"
            dataSource={preview.data.changes}
            columns={[
              { key: 'id', title: 'ID', dataIndex: 'supplierId' },
              { key: 'name', title: t('grid.name'), render: (_, row) => <UntrustedText text={row.name} /> },
              { key: 'from', title: t('rules.from'), render: (_, row) => <Tag color={GRADE_COLORS[row.from]}>{row.from} {row.scoreFrom}</Tag> },
              { key: 'to', title: t('rules.to'), render: (_, row) => <Tag color={GRADE_COLORS[row.to]}>{row.to} {row.scoreTo}</Tag> },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}
