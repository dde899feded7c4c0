import { describe, expect, it } from 'vitest';
import type { PeriodMetrics, RuleSet } from '../api/merchants';
import {
  EMPTY_SUMS,
  addDays,
  cutoffScore,
  describeReason,
  metricShare,
  overrideIsActive,
  periodMetrics,
  periodWindows,
  scoreMetrics,
  tierMerchants,
  type MerchantInput,
  type PeriodSums,
} from './engine';
import { DEFAULT_RULE_SET, parseRuleSet, parseRuleSetJson } from './rules';

const NO_METRICS: PeriodMetrics = periodMetrics(EMPTY_SUMS, 0);

describe('period windows', () => {
  it('are the N days ending at D inclusive, and the N days before', () => {
    expect(periodWindows('2026-03-01', 30)).toEqual({
      current: { after: '2026-01-30', through: '2026-03-01' },
      previous: { after: '2025-12-31', through: '2026-01-30' },
      beforePrevious: { after: '2025-12-01', through: '2025-12-31' },
    });
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});

describe('period metrics', () => {
  it('follow the issue definitions on hand-computed sums', () => {
    // Two days: (gmv 10000, 10 orders, 8 buyers, 2 repeat, 1 refund, rating 4.0, 20 SKUs / 5 active, 0 disputes)
    // and (30000, 30, 24, 6, 2, rating null, 20 / 10, 1 dispute); previous period GMV 20000.
    const sums: PeriodSums = {
      gmvFen: 40_000, orders: 40, buyers: 32, repeatBuyers: 8, refundOrders: 3,
      ratingTimesOrders: 4.0 * 10, ratedOrders: 10, skuCount: 40, activeSkuCount: 15, disputeCount: 1,
    };
    expect(periodMetrics(sums, 20_000)).toEqual({
      gmvFen: 40_000, gmvPrevFen: 20_000, growth: 1, orders: 40, repeatRate: 0.25, refundRate: 0.075,
      rating: 4, sellThrough: 0.375, disputesPer1000: 25,
    });
  });

  it('are null wherever a denominator is 0', () => {
    expect(NO_METRICS).toEqual({
      gmvFen: 0, gmvPrevFen: 0, growth: null, orders: 0, repeatRate: null, refundRate: null, rating: null, sellThrough: null, disputesPer1000: null,
    });
    expect(periodMetrics({ ...EMPTY_SUMS, gmvFen: 500 }, 1000).growth).toBe(-0.5);
  });
});

describe('score', () => {
  it('earns each weight linearly between zeroAt and fullAt, lower-is-better when fullAt < zeroAt', () => {
    expect(metricShare(40_000, { zeroAt: 0, fullAt: 80_000 })).toBe(0.5);
    expect(metricShare(0.075, { zeroAt: 0.15, fullAt: 0.05 })).toBeCloseTo(0.75, 12);
    expect(metricShare(1e6, { zeroAt: 1e4, fullAt: 1e8, log: true })).toBe(0.5);
    expect(metricShare(0, { zeroAt: 1e4, fullAt: 1e8, log: true })).toBe(0);
    expect(metricShare(2e8, { zeroAt: 1e4, fullAt: 1e8, log: true })).toBe(1);
  });

  it('is 100 × points / weights of the metrics that have a value', () => {
    const rules = ruleSet({
      gmvFen: { weight: 50, zeroAt: 0, fullAt: 80_000 },
      refundRate: { weight: 50, zeroAt: 0.15, fullAt: 0.05 },
      rating: { weight: 100, zeroAt: 1, fullAt: 5 },
    });
    const metrics = { ...NO_METRICS, gmvFen: 40_000, refundRate: 0.075 };
    const { score, parts } = scoreMetrics(metrics, rules);
    // gmv 25 of 50, refund 37.5 of 50, rating null (its 100 left out): 62.5 / 100.
    expect(score).toBeCloseTo(62.5, 10);
    expect(parts.map((p) => [p.metric, p.points])).toEqual([
      ['gmvFen', 25],
      ['refundRate', expect.closeTo(37.5, 10)],
      ['rating', null],
    ]);
  });
});

describe('cut-offs', () => {
  const scores = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
  it('as percentiles admit the top ⌈(1 − p/100) n⌉', () => {
    expect(cutoffScore({ percentile: 90 }, scores)).toBe(100);
    expect(cutoffScore({ percentile: 75 }, scores)).toBe(80);
    expect(cutoffScore({ percentile: 0 }, scores)).toBe(10);
    expect(cutoffScore({ percentile: 100 }, scores)).toBe(Number.POSITIVE_INFINITY);
    expect(cutoffScore({ percentile: 50 }, [])).toBe(Number.POSITIVE_INFINITY);
  });
  it('as scores are the score', () => {
    expect(cutoffScore({ score: 42 }, scores)).toBe(42);
  });
});

describe('tiering', () => {
  const asOf = '2026-11-10';
  // Score = GMV (0..100 fen earns 0..100 points); fixed cut-offs 80 / 50 / 20; K = 10 orders.
  const rules: RuleSet = {
    name: 'test',
    metrics: { gmvFen: { weight: 1, zeroAt: 0, fullAt: 100 } },
    cutoffs: { head: { score: 80 }, waist: { score: 50 }, smb: { score: 20 } },
    gates: { headMaxRefundRate: 0.15, noTierUpStatuses: ['suspended', 'closed'], minOrders: 10 },
  };
  const merchant = (id: string, gmvFen: number, extra: Partial<MerchantInput> & { orders?: number; refundRate?: number } = {}): MerchantInput => ({
    id,
    status: extra.status ?? 'active',
    metrics: { ...NO_METRICS, gmvFen, orders: extra.orders ?? 100, refundRate: extra.refundRate ?? 0.05 },
    earlierTier: extra.earlierTier ?? null,
    override: extra.override ?? null,
  });
  const inputs = [
    merchant('m01', 90),
    merchant('m02', 90, { refundRate: 0.2 }),
    merchant('m03', 60),
    merchant('m04', 10),
    merchant('m05', 90, { orders: 5, earlierTier: 'smb' }),
    merchant('m06', 90, { orders: 5 }),
    merchant('m07', 90, { status: 'suspended', earlierTier: 'smb' }),
    merchant('m08', 10, { status: 'suspended', earlierTier: 'waist' }),
    merchant('m09', 90, { status: 'closed' }),
    merchant('m10', 10, { override: { tier: 'head', reason: '战略合作', expiresOn: asOf } }),
    merchant('m11', 60, { override: { tier: 'head', reason: '大促', expiresOn: '2026-11-09' } }),
    merchant('m12', 90, { refundRate: 0.15 }),
  ];
  const outcomes = tierMerchants(inputs, rules, asOf);
  const tiers = Object.fromEntries(outcomes.map((o) => [o.id, [o.tier, o.computedTier, o.override]]));

  it('applies cut-offs, gates and overrides', () => {
    expect(tiers).toEqual({
      m01: ['head', 'head', null],
      m02: ['waist', 'waist', null], // refund rate above 15 %: never head
      m03: ['waist', 'waist', null],
      m04: ['individual', 'individual', null],
      m05: ['smb', 'smb', null], // fewer than K orders: stays where it was
      m06: [null, null, null], // … and with no earlier tier, none yet
      m07: ['smb', 'smb', null], // suspended: never tiered up
      m08: ['individual', 'individual', null], // … but tiered down
      m09: [null, null, null], // closed, no earlier tier: not tiered up from nothing
      m10: ['head', 'individual', 'head'], // active on its expiry date
      m11: ['waist', 'waist', null], // expired the day before D
      m12: ['head', 'head', null], // exactly 15 % is not above 15 %
    });
    expect(outcomes[0]?.score).toBe(90);
  });

  it('explains each tier in words', () => {
    const words = (id: string) => (outcomes.find((o) => o.id === id)?.reasons ?? []).map(describeReason);
    expect(words('m01')).toEqual(['score 90.0: GMV ¥0.90 → 0.9/1', 'score 90.0 ≥ head cut-off 80.0 (fixed): head']);
    expect(words('m02')[2]).toBe('refund rate 20.0 % is above 15.0 %: never head, capped at waist');
    expect(words('m04')[1]).toBe('score 10.0 is below the smb cut-off 20.0 (fixed): individual');
    expect(words('m05')[2]).toBe('5 orders, fewer than 10: stays smb, where it was');
    expect(words('m06')[2]).toBe('5 orders, fewer than 10: stays where it was, and it has no earlier tier, so no tier yet');
    expect(words('m07')[2]).toBe('suspended: never tiered up, stays smb (the score alone says head)');
    expect(words('m09')[2]).toBe('closed: never tiered up, and it has no earlier tier, so no tier yet (the score alone says head)');
    expect(words('m10')[2]).toBe('tier override to head (战略合作, until 2026-11-10) wins over the computed tier individual');
    expect(words('m11')[2]).toBe('tier override to head expired on 2026-11-09: ignored');
  });

  it('ranks percentiles among merchants with enough orders only', () => {
    const pct: RuleSet = { ...rules, cutoffs: { head: { percentile: 50 }, waist: { percentile: 0 }, smb: { percentile: 0 } } };
    // Ranked: 10, 20, 30, 40 (m-low has 5 orders and is not ranked): P50 = index 2 = 30.
    const out = tierMerchants(
      [merchant('a', 10), merchant('b', 20), merchant('c', 30), merchant('d', 40), merchant('low', 99, { orders: 5, earlierTier: 'waist' })],
      pct,
      asOf,
    );
    expect(out.map((o) => o.tier)).toEqual(['waist', 'waist', 'head', 'head', 'waist']);
    expect(out[2]?.reasons[1]).toEqual({ code: 'cutoff', tier: 'head', score: 30, cutoff: 30, rule: { percentile: 50 } });
  });

  it('treats overrides as active through their expiry date', () => {
    expect(overrideIsActive(null, asOf)).toBe(true);
    expect(overrideIsActive('2026-11-10', asOf)).toBe(true);
    expect(overrideIsActive('2026-11-09', asOf)).toBe(false);
  });
});

describe('rule sets', () => {
  it('ships a valid default', () => {
    expect(parseRuleSet(DEFAULT_RULE_SET)).toEqual(DEFAULT_RULE_SET);
  });
  it('reject bad JSON and bad shapes in one line', () => {
    expect(() => parseRuleSetJson('{', 'rules.json')).toThrow(/^invalid rules\.json: not JSON/);
    expect(() => parseRuleSet({ ...DEFAULT_RULE_SET, cutoffs: { head: { percentile: 120 }, waist: { score: 1 }, smb: { score: 0 } } }, 'r')).toThrow(
      /^invalid r: cutoffs\.head/,
    );
    expect(() => parseRuleSet({ ...DEFAULT_RULE_SET, metrics: { gmvFen: { weight: 0, zeroAt: 0, fullAt: 1 } } }, 'r')).toThrow(
      'invalid r: metrics: at least one metric needs a weight above 0',
    );
  });
});

function ruleSet(metrics: RuleSet['metrics']): RuleSet {
  return { name: 't', metrics, cutoffs: { head: { score: 80 }, waist: { score: 50 }, smb: { score: 20 } }, gates: {} };
}
