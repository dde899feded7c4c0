/**
 * The rule editor: weights and score ranges per metric, the tier cut-offs, the hard gates. Preview
 * shows how many merchants would move between which tiers; apply saves the rules as a new version,
 * makes it the one in force and keeps the assignment as a snapshot.
 */
import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Input, InputNumber, Popconfirm, Row, Select, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MERCHANT_STATUSES, SCORED_METRICS, ruleSetSchema, type Cutoff, type MetricRule, type RuleSet, type ScoredMetric } from '../../../../electron/core/api/merchants';
import { ErrorText } from '../../components/ErrorText';
import { numberText } from '../../components/number-format';
import { QueryError } from '../../components/QueryError';
import { useApplyRuleSet, usePreview, useRuleSets, useSaveRuleSet } from './api';
import { PERCENT_METRICS, TIER_KEYS, TIER_TAG_COLORS, tierLabel, type MerchantsT } from './format';

/** The editor shows money in 元 and shares in %, the rules keep fen and fractions. */
function displayScale(metric: ScoredMetric): number {
  if (metric === 'gmvFen') return 1 / 100;
  return PERCENT_METRICS.has(metric) ? 100 : 1;
}

function unitOf(t: MerchantsT, metric: ScoredMetric, yuan: string): string {
  if (metric === 'gmvFen') return yuan;
  return PERCENT_METRICS.has(metric) ? '%' : '';
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
const CUTOFF_TIERS = ['head', 'waist', 'smb'] as const;

export function RuleEditor({ periodDays }: { periodDays: number }) {
  const ruleSets = useRuleSets();
  if (ruleSets.error) return <QueryError error={ruleSets.error} onRetry={() => void ruleSets.refetch()} />;
  if (!ruleSets.data) return <Card loading />;
  const active = ruleSets.data.versions.find((v) => v.version === ruleSets.data.activeVersion) ?? ruleSets.data.versions[0];
  const defaults = ruleSets.data.versions.find((v) => v.version === 1) ?? active;
  if (!active || !defaults) return null;
  // A new key when another version comes into force: the draft starts again from it.
  return <Editor key={active.version} active={active} defaults={defaults.rules} periodDays={periodDays} />;
}

function Editor({ active, defaults, periodDays }: { active: { version: number; savedAt: string; rules: RuleSet }; defaults: RuleSet; periodDays: number }) {
  const { t, i18n } = useTranslation('merchants');
  const { t: tShell } = useTranslation();
  const { message } = App.useApp();
  const language = i18n.language;
  const [draft, setDraft] = useState<RuleSet>(active.rules);
  const [previewed, setPreviewed] = useState<RuleSet | null>(null);
  const validation = useMemo(() => ruleSetSchema.safeParse(draft), [draft]);
  const preview = usePreview(previewed ? { rules: previewed, periodDays } : null);
  const stale = previewed !== null && JSON.stringify(previewed) !== JSON.stringify(draft);
  const apply = useApplyRuleSet({
    onSuccess: (snapshot) => void message.success(t('rules.applied', { id: snapshot.id })),
    onError: (error) => void message.error(<ErrorText error={error} />),
  });
  const save = useSaveRuleSet({
    onSuccess: (saved) => apply.mutate({ version: saved.version, periodDays }),
    onError: (error) => void message.error(<ErrorText error={error} />),
  });

  const setMetric = (metric: ScoredMetric, change: Partial<MetricRule>) =>
    setDraft((rules) => {
      const current = rules.metrics[metric] ?? defaults.metrics[metric] ?? { weight: 0, zeroAt: 0, fullAt: 1 };
      return { ...rules, metrics: { ...rules.metrics, [metric]: { ...current, ...change } } };
    });
  const setCutoff = (tier: (typeof CUTOFF_TIERS)[number], cutoff: Cutoff) => setDraft((rules) => ({ ...rules, cutoffs: { ...rules.cutoffs, [tier]: cutoff } }));
  const setGates = (change: Partial<RuleSet['gates']>) =>
    setDraft((rules) => {
      const gates = { ...rules.gates, ...change };
      for (const key of Object.keys(gates) as (keyof typeof gates)[]) if (gates[key] === undefined || gates[key] === null) delete gates[key];
      return { ...rules, gates };
    });

  const metricRows = SCORED_METRICS.map((metric) => ({ metric, rule: draft.metrics[metric] }));
  const issue = validation.success ? null : validation.error.issues[0];

  return (
    <Flex vertical gap={12} data-testid="merchant-rules">
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('rules.intro')}</Typography.Paragraph>
      <Flex gap={12} align="center" wrap>
        <Tag color="processing">{t('rules.activeVersion', { version: active.version, name: active.rules.name })}</Tag>
        <Typography.Text type="secondary">
          {active.savedAt.startsWith('1970') ? t('rules.builtIn') : t('rules.version', { version: active.version, date: active.savedAt.slice(0, 16).replace('T', ' ') })}
        </Typography.Text>
        <Flex flex={1} />
        <Button size="small" onClick={() => setDraft(active.rules)}>{t('rules.reset')}</Button>
        <Button size="small" onClick={() => setDraft(defaults)}>{t('rules.defaults')}</Button>
      </Flex>
      <Row gutter={12}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('rules.weights')}>
            <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t('rules.scoreHelp')}</Typography.Paragraph>
            <Flex gap={8} align="center" style={{ marginBottom: 8 }}>
              <Typography.Text>{t('rules.name')}</Typography.Text>
              <Input size="small" value={draft.name} maxLength={200} onChange={(e) => setDraft({ ...draft, name: e.target.value })} style={{ width: 260 }} data-testid="merchant-rules-name" />
            </Flex>
            <Table
              size="small"
              pagination={false}
              rowKey="metric"
              dataSource={metricRows}
              columns={[
                {
                  title: t('rules.metric'), dataIndex: 'metric',
                  render: (metric: ScoredMetric, { rule }) => (
                    <Flex vertical>
                      <span>{t(`metrics.${metric}`)}{unitOf(t, metric, tShell('grid.units.yuan')) ? `（${unitOf(t, metric, tShell('grid.units.yuan'))}）` : ''}</span>
                      {rule && rule.fullAt < rule.zeroAt && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('rules.lowerBetter')}</Typography.Text>}
                    </Flex>
                  ),
                },
                {
                  title: t('rules.weight'), width: 90,
                  render: (_, { metric, rule }) => (
                    <InputNumber size="small" min={0} max={1000} value={rule?.weight ?? 0} onChange={(v) => setMetric(metric, { weight: v ?? 0 })} aria-label={`${t(`metrics.${metric}`)} ${t('rules.weight')}`} data-testid={`merchant-rules-weight-${metric}`} />
                  ),
                },
                ...(['zeroAt', 'fullAt'] as const).map((bound) => ({
                  title: t(`rules.${bound}`), width: 130,
                  render: (_: unknown, { metric, rule }: (typeof metricRows)[number]) => (
                    <InputNumber
                      size="small"
                      style={{ width: 120 }}
                      disabled={!rule}
                      value={rule ? round(rule[bound] * displayScale(metric)) : null}
                      onChange={(v) => v !== null && setMetric(metric, { [bound]: round(v / displayScale(metric)) })}
                      formatter={(v) => (v === undefined || String(v) === '' ? '' : numberText(Number(v), language))}
                      parser={(v) => Number((v ?? '').replace(/[,\s]/g, ''))}
                      aria-label={`${t(`metrics.${metric}`)} ${t(`rules.${bound}`)}`}
                      data-testid={`merchant-rules-${bound}-${metric}`}
                    />
                  ),
                })),
                {
                  title: t('rules.log'), width: 80, align: 'center' as const,
                  render: (_, { metric, rule }) => <Checkbox disabled={!rule} checked={rule?.log ?? false} onChange={(e) => setMetric(metric, { log: e.target.checked })} aria-label={`${t(`metrics.${metric}`)} ${t('rules.log')}`} />,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Flex vertical gap={12}>
            <Card size="small" title={t('rules.cutoffs')}>
              <Flex vertical gap={8}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('rules.cutoffHelp')}</Typography.Text>
                {CUTOFF_TIERS.map((tier) => {
                  const cutoff = draft.cutoffs[tier];
                  const kind = 'percentile' in cutoff ? 'percentile' : 'score';
                  const value = 'percentile' in cutoff ? cutoff.percentile : cutoff.score;
                  return (
                    <Flex key={tier} gap={8} align="center">
                      <Tag color={TIER_TAG_COLORS[tier]} style={{ width: 56, textAlign: 'center' }}>{tierLabel(t, tier)}</Tag>
                      <Select
                        size="small"
                        value={kind}
                        onChange={(next: 'percentile' | 'score') => setCutoff(tier, next === 'percentile' ? { percentile: value } : { score: value })}
                        options={(['percentile', 'score'] as const).map((k) => ({ value: k, label: t(`rules.cutoffKind.${k}`) }))}
                        style={{ width: 140 }}
                        aria-label={`${tierLabel(t, tier)} ${t('rules.cutoffs')}`}
                      />
                      <InputNumber
                        size="small"
                        min={0}
                        max={100}
                        value={value}
                        onChange={(v) => v !== null && setCutoff(tier, kind === 'percentile' ? { percentile: v } : { score: v })}
                        aria-label={`${tierLabel(t, tier)} ${t(`rules.cutoffKind.${kind}`)}`}
                        data-testid={`merchant-rules-cutoff-${tier}`}
                      />
                    </Flex>
                  );
                })}
              </Flex>
            </Card>
            <Card size="small" title={t('rules.gates')}>
              <Flex vertical gap={8}>
                <Flex gap={8} align="center" justify="space-between">
                  <span>{t('rules.headMaxRefundRate')}</span>
                  <InputNumber
                    size="small" min={0} max={100}
                    value={draft.gates.headMaxRefundRate === undefined ? null : round(draft.gates.headMaxRefundRate * 100)}
                    onChange={(v) => setGates({ headMaxRefundRate: v === null ? undefined : round(v / 100) })}
                    aria-label={t('rules.headMaxRefundRate')}
                    data-testid="merchant-rules-gate-refund"
                  />
                </Flex>
                <Flex gap={8} align="center" justify="space-between">
                  <span>{t('rules.minOrders')}</span>
                  <InputNumber size="small" min={0} precision={0} value={draft.gates.minOrders ?? null} onChange={(v) => setGates({ minOrders: v ?? undefined })} aria-label={t('rules.minOrders')} data-testid="merchant-rules-gate-orders" />
                </Flex>
                <Flex gap={8} align="center" justify="space-between">
                  <span>{t('rules.noTierUpStatuses')}</span>
                  <Select
                    size="small" mode="multiple" style={{ minWidth: 180 }}
                    value={draft.gates.noTierUpStatuses ?? []}
                    onChange={(v: (typeof MERCHANT_STATUSES)[number][]) => setGates({ noTierUpStatuses: v.length ? v : undefined })}
                    options={MERCHANT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
                    aria-label={t('rules.noTierUpStatuses')}
                  />
                </Flex>
              </Flex>
            </Card>
            {issue && <Alert type="error" showIcon title={t('rules.invalid', { message: `${issue.path.join('.')}: ${issue.message}` })} />}
            <Flex gap={8}>
              <Button onClick={() => setPreviewed(draft)} disabled={!validation.success} loading={preview.isFetching} data-testid="merchant-rules-preview">
                {preview.isFetching ? t('rules.previewing') : t('rules.preview')}
              </Button>
              <Popconfirm title={t('rules.applyConfirm')} okText={t('common.ok')} cancelText={t('common.cancel')} onConfirm={() => save.mutate({ rules: draft })} disabled={!validation.success}>
                <Button type="primary" disabled={!validation.success || previewed === null || stale} loading={save.isPending || apply.isPending} data-testid="merchant-rules-apply">
                  {t('rules.apply')}
                </Button>
              </Popconfirm>
            </Flex>
          </Flex>
        </Col>
      </Row>
      {stale && <Alert type="warning" showIcon title={t('rules.stale')} />}
      {preview.error && <QueryError error={preview.error} />}
      {preview.data && <PreviewResult preview={preview.data} />}
    </Flex>
  );
}

type Preview = NonNullable<ReturnType<typeof usePreview>['data']>;

function PreviewResult({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation('merchants');
  const language = i18n.language;
  const present = TIER_KEYS.filter((tier) => (preview.before[tier] ?? 0) > 0 || (preview.after[tier] ?? 0) > 0);
  const count = (from: string, to: string) => preview.flows.find((f) => f.from === from && f.to === to)?.count ?? 0;
  const n = (value: number) => numberText(value, language);
  return (
    <Card size="small" title={t('rules.moved', { moved: n(preview.moved), total: n(preview.merchants) })} data-testid="merchant-rules-preview-result">
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Table
            size="small"
            pagination={false}
            rowKey="tier"
            dataSource={present.map((tier) => ({ tier, before: preview.before[tier] ?? 0, after: preview.after[tier] ?? 0 }))}
            columns={[
              { title: t('grid.tier'), dataIndex: 'tier', render: (tier: string) => <Tag color={TIER_TAG_COLORS[tier as keyof typeof TIER_TAG_COLORS]}>{tierLabel(t, tier)}</Tag> },
              { title: t('rules.before'), dataIndex: 'before', align: 'right', render: n },
              { title: t('rules.after'), dataIndex: 'after', align: 'right', render: n },
              {
                title: t('rules.change'), align: 'right',
                render: (_, row) => {
                  const diff = row.after - row.before;
                  return <Typography.Text type={diff > 0 ? 'success' : diff < 0 ? 'danger' : 'secondary'}>{diff > 0 ? `+${n(diff)}` : n(diff)}</Typography.Text>;
                },
              },
            ]}
            data-testid="merchant-rules-preview-counts"
          />
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Text type="secondary">{t('rules.matrix')}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="from"
            dataSource={present.map((from) => ({ from }))}
            columns={[
              { title: '', dataIndex: 'from', render: (from: string) => <Typography.Text strong>{tierLabel(t, from)}</Typography.Text> },
              ...present.map((to) => ({
                title: tierLabel(t, to),
                key: to,
                align: 'right' as const,
                render: (_: unknown, { from }: { from: string }) => {
                  const value = count(from, to);
                  if (value === 0) return <Typography.Text type="secondary">·</Typography.Text>;
                  return from === to ? <Typography.Text type="secondary">{n(value)}</Typography.Text> : <Typography.Text strong>{n(value)}</Typography.Text>;
                },
              })),
            ]}
            data-testid="merchant-rules-preview-matrix"
          />
        </Col>
      </Row>
    </Card>
  );
}
