/** How many merchants each tier has: clickable tier cards (they filter the grid) and a bar chart. */
import { useMemo } from 'react';
import { Card, Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { EChart, type EChartOption } from '../../components/EChart';
import { numberText } from '../../components/number-format';
import { TIER_COLORS, TIER_KEYS, escapeHtml, tierLabel, type TierKey } from './format';

export function Distribution({ distribution, selected, onToggle }: { distribution: Record<string, number>; selected: TierKey[]; onToggle: (tier: TierKey) => void }) {
  const { t, i18n } = useTranslation('merchants');
  const language = i18n.language;
  const total = Object.values(distribution).reduce((sum, n) => sum + n, 0);
  const shown = TIER_KEYS.filter((tier) => tier !== 'none' || (distribution.none ?? 0) > 0);
  const option = useMemo<EChartOption>(
    () => ({
      grid: { left: 8, right: 56, top: 4, bottom: 4, containLabel: true },
      tooltip: {
        trigger: 'item',
        // Our own words and numbers, still escaped: the tooltip is HTML.
        formatter: (p: { name: string; value: number }) => `${escapeHtml(p.name)}: ${escapeHtml(numberText(p.value, language))}`,
      },
      xAxis: { type: 'value', show: false },
      yAxis: { type: 'category', inverse: true, data: shown.map((tier) => tierLabel(t, tier)), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          barMaxWidth: 18,
          label: { show: true, position: 'right', formatter: (p: { value: number }) => numberText(p.value, language) },
          data: shown.map((tier) => ({ value: distribution[tier] ?? 0, itemStyle: { color: TIER_COLORS[tier] } })),
        },
      ],
    }),
    [distribution, language, shown, t],
  );
  return (
    <Row gutter={12} data-testid="merchants-distribution">
      <Col xs={24} lg={16}>
        <Flex gap={8}>
          {shown.map((tier) => {
            const count = distribution[tier] ?? 0;
            const active = selected.includes(tier);
            return (
              <Card
                key={tier}
                size="small"
                hoverable
                onClick={() => onToggle(tier)}
                onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && (event.preventDefault(), onToggle(tier))}
                tabIndex={0}
                role="button"
                aria-pressed={active}
                style={{ flex: '1 1 0', minWidth: 0, borderColor: active ? TIER_COLORS[tier] : undefined, borderTop: `3px solid ${TIER_COLORS[tier]}` }}
                data-testid={`merchants-tier-${tier}`}
              >
                <Typography.Text strong>{tierLabel(t, tier)}</Typography.Text>
                <div style={{ fontSize: 20, fontVariantNumeric: 'tabular-nums' }} data-testid={`merchants-tier-count-${tier}`}>
                  {numberText(count, language)}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('distribution.share', { share: numberText(total ? count / total : 0, language, { unit: 'percent', fractionDigits: 1 }) })}
                </Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`tierHint.${tier}`)}</Typography.Text>
                </div>
              </Card>
            );
          })}
        </Flex>
      </Col>
      <Col xs={24} lg={8}>
        <EChart option={option} height={150} ariaLabel={t('distribution.aria')} />
      </Col>
    </Row>
  );
}
