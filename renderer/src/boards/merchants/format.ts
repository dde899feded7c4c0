/** How the board words tiers, metrics and the core's reasons, in the user's language. */
import type { TFunction } from 'i18next';
import type { Cutoff, ScoredMetric, TierReason } from '../../../../electron/core/api/merchants';
import { numberText } from '../../components/number-format';
import { visibleText } from '../../components/untrusted-text';

export type MerchantsT = TFunction<'merchants'>;
export const TIER_KEYS = ['head', 'waist', 'smb', 'individual', 'none'] as const;
export type TierKey = (typeof TIER_KEYS)[number];

/** Tier colours: the same in the grid's tags, the distribution and the Sankey. */
export const TIER_COLORS: Record<TierKey, string> = { head: '#d4380d', waist: '#d48806', smb: '#1677ff', individual: '#13a8a8', none: '#8c8c8c' };
export const TIER_TAG_COLORS: Record<TierKey, string> = { head: 'volcano', waist: 'gold', smb: 'blue', individual: 'cyan', none: 'default' };

export function tierKeyOf(tier: string | null | undefined): TierKey {
  return (TIER_KEYS as readonly string[]).includes(tier ?? '') ? (tier as TierKey) : 'none';
}

export function tierLabel(t: MerchantsT, tier: string | null | undefined): string {
  return t(`tiers.${tierKeyOf(tier)}`);
}

/** GMV in fen as 万元 (the desk's unit for money), two decimals. */
export function wanYuan(fen: number, language: string): string {
  return numberText(fen / 1_000_000, language, { fractionDigits: 2 });
}

export const PERCENT_METRICS: ReadonlySet<string> = new Set(['growth', 'repeatRate', 'refundRate', 'sellThrough']);

/** One metric value as it reads in a sentence: GMV in 元, shares in %, the rest as numbers. */
export function metricText(metric: ScoredMetric | 'gmvPrevFen', value: number | null, language: string, t: MerchantsT): string {
  if (value === null) return '—';
  if (metric === 'gmvFen' || metric === 'gmvPrevFen') return `¥${numberText(value / 100, language, { fractionDigits: 2 })}`;
  if (PERCENT_METRICS.has(metric)) return numberText(value, language, { unit: 'percent', fractionDigits: 1 });
  if (metric === 'orders') return numberText(value, language);
  void t;
  return numberText(value, language, { fractionDigits: 2 });
}

function ruleWords(t: MerchantsT, rule: Cutoff | null): string {
  if (rule === null) return t('reason.ruleScore');
  if ('percentile' in rule) return t('reason.rulePercentile', { p: rule.percentile, top: Math.round((100 - rule.percentile) * 10) / 10 });
  return t('reason.ruleScore');
}

/** A shop type or status code in words; an unknown code from the network as visible text. */
export function shopTypeWord(t: MerchantsT, shopType: string): string {
  return shopType === 'flagship' || shopType === 'enterprise' || shopType === 'smb' || shopType === 'individual' ? t(`shopTypes.${shopType}`) : visibleText(shopType);
}

export function statusWord(t: MerchantsT, status: string): string {
  return status === 'active' || status === 'suspended' || status === 'closed' ? t(`status.${status}`) : visibleText(status);
}

/** One reason of the core in words; the 'score' reason's parts are shown as a table beside it. */
export function reasonText(t: MerchantsT, reason: TierReason, language: string): string {
  const score = (value: number) => numberText(value, language, { fractionDigits: 1 });
  const percent = (value: number) => numberText(value, language, { unit: 'percent', fractionDigits: 1 });
  switch (reason.code) {
    case 'score':
      return t('reason.score', { score: score(reason.score) });
    case 'cutoff': {
      const cutoff = reason.cutoff === null ? t('reason.unreachable') : score(reason.cutoff);
      return reason.tier === 'individual'
        ? t('reason.cutoffBelow', { score: score(reason.score), cutoff, rule: ruleWords(t, reason.rule) })
        : t('reason.cutoffUp', { score: score(reason.score), tier: tierLabel(t, reason.tier), cutoff, rule: ruleWords(t, reason.rule) });
    }
    case 'gate_refund':
      return t('reason.gateRefund', { rate: percent(reason.refundRate), limit: percent(reason.limit) });
    case 'gate_min_orders':
      return reason.earlierTier === null
        ? t('reason.gateMinOrdersNone', { orders: reason.orders, min: reason.minOrders })
        : t('reason.gateMinOrders', { orders: reason.orders, min: reason.minOrders, tier: tierLabel(t, reason.earlierTier) });
    case 'gate_status':
      return reason.earlierTier === null
        ? t('reason.gateStatusNone', { status: statusWord(t, reason.status), wouldBe: tierLabel(t, reason.wouldBe) })
        : t('reason.gateStatus', { status: statusWord(t, reason.status), tier: tierLabel(t, reason.earlierTier), wouldBe: tierLabel(t, reason.wouldBe) });
    case 'override':
      return t('reason.override', {
        tier: tierLabel(t, reason.tier),
        // The reason was typed by someone on the platform: shown with its controls visible.
        reason: visibleText(reason.reason),
        until: reason.expiresOn ? t('drawer.until', { date: reason.expiresOn }) : t('drawer.noExpiry'),
        computed: tierLabel(t, reason.computedTier),
      });
    case 'override_expired':
      return t('reason.overrideExpired', { tier: tierLabel(t, reason.tier), date: reason.expiresOn });
  }
}

/** For echarts tooltips, which render HTML: untrusted text goes in escaped. */
export function escapeHtml(text: string): string {
  return visibleText(text).replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

