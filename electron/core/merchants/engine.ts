/**
 * Merchant tiering, pure: period windows, the period metrics of issue 11, the score of a rule set,
 * cut-offs, gates, overrides and the reasons that explain each tier. No database here: the service
 * hands in per-merchant sums that SQL aggregated.
 */
import {
  MERCHANT_TIERS,
  SCORED_METRICS,
  type Cutoff,
  type MerchantTier,
  type PeriodMetrics,
  type RuleSet,
  type ScoredMetric,
  type TierOutcome,
  type TierReason,
} from '../api/merchants';

const DAY_MS = 86_400_000;

/** A date window (`after`, `through`]: the dates strictly after `after`, up to `through` inclusive. */
export interface DateWindow {
  after: string;
  through: string;
}

export interface PeriodWindows {
  current: DateWindow;
  previous: DateWindow;
  /** The period before the previous one: only its GMV is needed (the previous period's growth). */
  beforePrevious: DateWindow;
}

export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${date}`);
  return new Date(ms + days * DAY_MS).toISOString().slice(0, 10);
}

/** The N days ending at the as-of date D inclusive, and the N days before them (and the N before those). */
export function periodWindows(asOf: string, periodDays: number): PeriodWindows {
  const n = periodDays;
  return {
    current: { after: addDays(asOf, -n), through: asOf },
    previous: { after: addDays(asOf, -2 * n), through: addDays(asOf, -n) },
    beforePrevious: { after: addDays(asOf, -3 * n), through: addDays(asOf, -2 * n) },
  };
}

/** Sums of one merchant's metric rows over one period (days without a row add nothing). */
export interface PeriodSums {
  gmvFen: number;
  orders: number;
  buyers: number;
  repeatBuyers: number;
  refundOrders: number;
  /** Σ rating_avg × orders over the days whose rating_avg is not null. */
  ratingTimesOrders: number;
  /** Σ orders over the days whose rating_avg is not null. */
  ratedOrders: number;
  skuCount: number;
  activeSkuCount: number;
  disputeCount: number;
}

export const EMPTY_SUMS: Readonly<PeriodSums> = Object.freeze({
  gmvFen: 0, orders: 0, buyers: 0, repeatBuyers: 0, refundOrders: 0, ratingTimesOrders: 0, ratedOrders: 0, skuCount: 0, activeSkuCount: 0, disputeCount: 0,
});

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** The period metrics, exactly as issue 11 defines them; a ratio over a zero denominator is null. */
export function periodMetrics(current: PeriodSums, previousGmvFen: number): PeriodMetrics {
  return {
    gmvFen: current.gmvFen,
    gmvPrevFen: previousGmvFen,
    growth: previousGmvFen === 0 ? null : current.gmvFen / previousGmvFen - 1,
    orders: current.orders,
    repeatRate: ratio(current.repeatBuyers, current.buyers),
    refundRate: ratio(current.refundOrders, current.orders),
    rating: ratio(current.ratingTimesOrders, current.ratedOrders),
    sellThrough: ratio(current.activeSkuCount, current.skuCount),
    disputesPer1000: current.orders === 0 ? null : (1000 * current.disputeCount) / current.orders,
  };
}

export interface ScorePart {
  metric: ScoredMetric;
  value: number | null;
  /** Points earned, null when the value is null (its weight is left out of the score). */
  points: number | null;
  weight: number;
}

/** The share of a metric's weight a value earns: 0 at `zeroAt`, 1 at `fullAt`, linear (or on log10), clamped. */
export function metricShare(value: number, rule: { zeroAt: number; fullAt: number; log?: boolean | undefined }): number {
  let position: number;
  if (rule.log) {
    if (value <= 0) return 0;
    position = (Math.log10(value) - Math.log10(rule.zeroAt)) / (Math.log10(rule.fullAt) - Math.log10(rule.zeroAt));
  } else {
    position = (value - rule.zeroAt) / (rule.fullAt - rule.zeroAt);
  }
  return Math.min(1, Math.max(0, position));
}

/**
 * Score 0–100: the points earned over the weights of the metrics that have a value. A null metric
 * (no ratings, no previous GMV) is left out rather than counted as zero, so a new shop is not
 * punished for the growth it cannot have yet.
 */
export function scoreMetrics(metrics: PeriodMetrics, rules: RuleSet): { score: number; parts: ScorePart[] } {
  const parts: ScorePart[] = [];
  return { score: scoreWith(metrics, rules, parts), parts };
}

/** The score; fills `parts` when given (explanations), allocates nothing otherwise (a 200k re-tier). */
function scoreWith(metrics: PeriodMetrics, rules: RuleSet, parts: ScorePart[] | null): number {
  let earned = 0;
  let weights = 0;
  for (const metric of SCORED_METRICS) {
    const rule = rules.metrics[metric];
    if (!rule || rule.weight === 0) continue;
    const value = metrics[metric];
    if (value === null) {
      parts?.push({ metric, value, points: null, weight: rule.weight });
      continue;
    }
    const points = rule.weight * metricShare(value, rule);
    parts?.push({ metric, value, points, weight: rule.weight });
    earned += points;
    weights += rule.weight;
  }
  return weights === 0 ? 0 : (100 * earned) / weights;
}

export type CutoffTier = 'head' | 'waist' | 'smb';
const CUTOFF_TIERS: readonly CutoffTier[] = ['head', 'waist', 'smb'];

/**
 * The score a cut-off stands for. A percentile p over n ranked scores (ascending) is the score at
 * index floor(p/100 × n): "score ≥ it" then admits the top ⌈(1 − p/100) × n⌉ merchants (more on ties).
 * With nobody ranked, or p = 100, no score reaches it.
 */
export function cutoffScore(cutoff: Cutoff, rankedAscending: ArrayLike<number>): number {
  if ('score' in cutoff) return cutoff.score;
  const index = Math.floor((cutoff.percentile / 100) * rankedAscending.length);
  return index >= rankedAscending.length ? Number.POSITIVE_INFINITY : (rankedAscending[index] as number);
}

export function tierRank(tier: MerchantTier): number {
  return MERCHANT_TIERS.indexOf(tier); // 0 = head … 3 = individual
}

export interface MerchantInput {
  id: string;
  status: string;
  metrics: PeriodMetrics;
  /** Where the merchant was before this period (the latest snapshot, else the previous period's tier). */
  earlierTier: MerchantTier | null;
  /** The synced tier override, if any (active or not: expiry is checked against the as-of date). */
  override: { tier: MerchantTier; reason: string; expiresOn: string | null } | null;
}

/** An override is active on D unless it expired before D (it still holds on its expiry date). */
export function overrideIsActive(expiresOn: string | null, asOf: string): boolean {
  return expiresOn === null || expiresOn >= asOf;
}

export interface TierOptions {
  /** Build the reasons (score parts, cut-off, gates, override). Off for a bulk re-tier: `reasons` is then empty. */
  explain?: boolean;
}

/** Tiers every merchant of one period under one rule set; outcomes in input order. */
export function tierMerchants(inputs: readonly MerchantInput[], rules: RuleSet, asOf: string, options: TierOptions = {}): TierOutcome[] {
  const explain = options.explain ?? true;
  const minOrders = rules.gates.minOrders ?? 0;
  const scores = new Float64Array(inputs.length);
  const ranked = new Float64Array(inputs.length);
  let rankedCount = 0;
  for (let k = 0; k < inputs.length; k++) {
    const input = inputs[k] as MerchantInput;
    const score = scoreWith(input.metrics, rules, null);
    scores[k] = score;
    if (input.metrics.orders >= minOrders) ranked[rankedCount++] = score;
  }
  const sorted = ranked.subarray(0, rankedCount).sort(); // typed arrays sort numerically, natively
  const cutoffs = { head: 0, waist: 0, smb: 0 };
  for (const tier of CUTOFF_TIERS) cutoffs[tier] = cutoffScore(rules.cutoffs[tier], sorted);
  return inputs.map((input, k) => tierOne(input, scores[k] as number, cutoffs, rules, asOf, explain));
}

/** The reasons of every outcome tiered without explanations: one shared, frozen, empty list. */
const NO_REASONS = Object.freeze([]) as unknown as TierReason[];

function tierOne(input: MerchantInput, score: number, cutoffs: Record<CutoffTier, number>, rules: RuleSet, asOf: string, explain: boolean): TierOutcome {
  // `explain` off allocates nothing per merchant but the outcome: a 200k re-tier must stay well under a second.
  const reasons: TierReason[] = explain ? [] : NO_REASONS;
  if (explain) {
    const parts: ScorePart[] = [];
    scoreWith(input.metrics, rules, parts);
    reasons.push({ code: 'score', score, parts });
  }
  const met = score >= cutoffs.head ? 'head' : score >= cutoffs.waist ? 'waist' : score >= cutoffs.smb ? 'smb' : null;
  let tier: MerchantTier = met ?? 'individual';
  if (explain) {
    const reached = met ?? 'smb';
    reasons.push({ code: 'cutoff', tier, score, cutoff: finite(cutoffs[reached]), rule: rules.cutoffs[reached] });
  }

  const { headMaxRefundRate, noTierUpStatuses, minOrders } = rules.gates;
  const refundRate = input.metrics.refundRate;
  if (tier === 'head' && headMaxRefundRate !== undefined && refundRate !== null && refundRate > headMaxRefundRate) {
    tier = 'waist';
    if (explain) reasons.push({ code: 'gate_refund', refundRate, limit: headMaxRefundRate });
  }
  let computedTier: MerchantTier | null = tier;
  const earlier = input.earlierTier;
  if (minOrders !== undefined && input.metrics.orders < minOrders) {
    computedTier = earlier;
    if (explain) reasons.push({ code: 'gate_min_orders', orders: input.metrics.orders, minOrders, earlierTier: earlier });
  } else if (noTierUpStatuses?.includes(input.status as never) && (earlier === null || tierRank(tier) < tierRank(earlier))) {
    computedTier = earlier;
    if (explain) reasons.push({ code: 'gate_status', status: input.status, earlierTier: earlier, wouldBe: tier });
  }

  let override: MerchantTier | null = null;
  const given = input.override;
  if (given) {
    if (overrideIsActive(given.expiresOn, asOf)) {
      override = given.tier;
      if (explain) reasons.push({ code: 'override', tier: given.tier, computedTier, reason: given.reason, expiresOn: given.expiresOn });
    } else if (explain) {
      reasons.push({ code: 'override_expired', tier: given.tier, expiresOn: given.expiresOn as string });
    }
  }
  return { id: input.id, tier: override ?? computedTier, computedTier, override, score: round(score, 2), metrics: input.metrics, reasons };
}

function finite(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

// ---------- reasons in words (English; the board has its own zh-CN / en wording) ----------

const METRIC_WORDS: Record<ScoredMetric, string> = {
  gmvFen: 'GMV',
  orders: 'orders',
  growth: 'growth',
  repeatRate: 'repeat rate',
  refundRate: 'refund rate',
  rating: 'rating',
  sellThrough: 'sell-through',
  disputesPer1000: 'disputes per 1000 orders',
};

function percent(n: number): string {
  return `${(n * 100).toFixed(1)} %`;
}

export function formatMetric(metric: ScoredMetric, value: number): string {
  switch (metric) {
    case 'gmvFen':
      return `¥${(value / 100).toFixed(2)}`;
    case 'orders':
      return String(value);
    case 'growth':
      return `${value >= 0 ? '+' : ''}${percent(value)}`;
    case 'repeatRate':
    case 'refundRate':
    case 'sellThrough':
      return percent(value);
    case 'rating':
      return value.toFixed(2);
    case 'disputesPer1000':
      return value.toFixed(2);
  }
}

function cutoffWords(rule: Cutoff | null): string {
  if (!rule) return '';
  return 'score' in rule ? ' (fixed)' : ` (${rule.percentile}th percentile of ranked merchants)`;
}

/** One reason as an English sentence. */
export function describeReason(reason: TierReason): string {
  switch (reason.code) {
    case 'score': {
      const parts = reason.parts.map((part) =>
        part.value === null || part.points === null
          ? `${METRIC_WORDS[part.metric]} n/a (weight ${part.weight} left out)`
          : `${METRIC_WORDS[part.metric]} ${formatMetric(part.metric, part.value)} → ${part.points.toFixed(1)}/${part.weight}`,
      );
      return `score ${reason.score.toFixed(1)}: ${parts.join(', ')}`;
    }
    case 'cutoff': {
      const cutoff = reason.cutoff === null ? 'unreachable' : reason.cutoff.toFixed(1);
      return reason.tier === 'individual'
        ? `score ${reason.score.toFixed(1)} is below the smb cut-off ${cutoff}${cutoffWords(reason.rule)}: individual`
        : `score ${reason.score.toFixed(1)} ≥ ${reason.tier} cut-off ${cutoff}${cutoffWords(reason.rule)}: ${reason.tier}`;
    }
    case 'gate_refund':
      return `refund rate ${percent(reason.refundRate)} is above ${percent(reason.limit)}: never head, capped at waist`;
    case 'gate_min_orders':
      return reason.earlierTier === null
        ? `${reason.orders} orders, fewer than ${reason.minOrders}: stays where it was, and it has no earlier tier, so no tier yet`
        : `${reason.orders} orders, fewer than ${reason.minOrders}: stays ${reason.earlierTier}, where it was`;
    case 'gate_status':
      return reason.earlierTier === null
        ? `${reason.status}: never tiered up, and it has no earlier tier, so no tier yet (the score alone says ${reason.wouldBe})`
        : `${reason.status}: never tiered up, stays ${reason.earlierTier} (the score alone says ${reason.wouldBe})`;
    case 'override':
      return `tier override to ${reason.tier} (${reason.reason}${reason.expiresOn ? `, until ${reason.expiresOn}` : ', no expiry'}) wins over the computed tier ${reason.computedTier ?? 'none'}`;
    case 'override_expired':
      return `tier override to ${reason.tier} expired on ${reason.expiresOn}: ignored`;
  }
}
