import { useCallback, useState } from 'react';
import { Alert, Card, Empty, Flex, Select, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { BoardHeader } from '../../components/BoardHeader';
import { QueryError } from '../../components/QueryError';
import type { CockpitApiError } from '../../api/client';
import { useMerchantList } from './api';
import { Distribution } from './Distribution';
import { GrowthCentre, Migrations, Worklist } from './Insights';
import { MerchantDrawer } from './MerchantDrawer';
import { MerchantGrid } from './MerchantGrid';
import { RuleEditor } from './RuleEditor';
import type { TierKey } from './format';
import './messages';

const TABS = ['merchants', 'rules', 'migrations', 'worklist', 'growth'] as const;
type Tab = (typeof TABS)[number];
const PERIODS = [7, 14, 30, 60, 90] as const;
const DEFAULT_PERIOD = 30;

/**
 * Merchant tiers (商家分层): the distribution and every merchant in a grid, one merchant's drawer
 * (`?merchant=<id>`), the rule editor with its preview, migrations between snapshots, the package
 * worklist and the growth centre. The tab, the period and the open merchant live in the address,
 * so the back button and a reload keep them.
 */
export default function MerchantsBoard() {
  const { t } = useTranslation('merchants');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'merchants';
  const periodDays = PERIODS.includes(Number(params.get('days')) as never) ? Number(params.get('days')) : DEFAULT_PERIOD;
  const merchantId = params.get('merchant');
  const [tiers, setTiers] = useState<TierKey[]>([]);
  const update = useCallback(
    (change: Record<string, string | null>) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(change)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      }),
    [setParams],
  );
  const open = useCallback((id: string) => update({ merchant: id }), [update]);
  // The distribution and the as-of date, over every merchant (a one-row page).
  const summary = useMerchantList({ periodDays, offset: 0, limit: 1 });
  const noMetrics = (summary.error as CockpitApiError | null)?.code === 'not_found';

  return (
    <>
      <BoardHeader title={t('title')} description={t('description')} />
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('period.label')}</Typography.Text>
        <Select
          size="small"
          value={periodDays}
          onChange={(days: number) => update({ days: String(days) })}
          options={PERIODS.map((days) => ({ value: days, label: t('period.days', { count: days }) }))}
          style={{ width: 120 }}
          aria-label={t('period.label')}
          data-testid="merchants-period"
        />
        {summary.data && (
          <Typography.Text type="secondary" data-testid="merchants-as-of">
            {t('period.asOf', { date: summary.data.asOf, count: summary.data.periodDays })}
          </Typography.Text>
        )}
      </Flex>
      {summary.data && summary.data.total > 0 && summary.data.totals.gmvPrevFen === 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('period.noPrevious', { count: summary.data.periodDays })} data-testid="merchants-no-previous" />
      )}
      {noMetrics ? (
        <Card>
          <Empty description={t('list.noMetrics')} data-testid="merchants-no-metrics" />
        </Card>
      ) : summary.error ? (
        <QueryError error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          {summary.data ? (
            <Distribution
              distribution={summary.data.distribution}
              selected={tiers}
              onToggle={(tier) => setTiers((current) => (current.includes(tier) ? current.filter((x) => x !== tier) : [...current, tier]))}
            />
          ) : (
            <Card loading size="small" />
          )}
          <Tabs
            activeKey={tab}
            onChange={(key) => update({ tab: key })}
            items={TABS.map((key) => ({ key, label: <span data-testid={`merchants-tab-${key}`}>{t(`tabs.${key}`)}</span> }))}
          />
          {tab === 'merchants' && <MerchantGrid periodDays={periodDays} tiers={tiers} onTiersChange={setTiers} onOpen={open} />}
          {tab === 'rules' && <RuleEditor periodDays={periodDays} />}
          {tab === 'migrations' && <Migrations onOpen={open} />}
          {tab === 'worklist' && <Worklist periodDays={periodDays} onOpen={open} />}
          {tab === 'growth' && <GrowthCentre periodDays={periodDays} />}
        </>
      )}
      <MerchantDrawer id={merchantId} periodDays={periodDays} onClose={() => update({ merchant: null })} />
    </>
  );
}
