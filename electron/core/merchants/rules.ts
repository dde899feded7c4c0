/**
 * The default tiering rule set and the reading of rule sets from JSON (the `--rules FILE` of the
 * CLI, and the versions kept in settings). See README.md in this folder for the shape.
 */
import { ruleSetSchema, type RuleSet } from '../api/merchants';

/**
 * 默认分层规则. Weights sum to 100, so a score is "points out of 100". The ranges come from what a
 * 30-day period looks like on the platform: a head shop sells about ¥1.5M a month, an individual
 * seller about ¥10k; refunds run 1–13 %, ratings 4.2–4.95, disputes 0–10 per 1000 orders.
 * Cut-offs are percentiles of the ranked merchants (those with at least `minOrders` orders), so the
 * tiers keep the shape operations plan for: top 5 % head, next 20 % waist, next 45 % smb, the rest
 * individual.
 */
export const DEFAULT_RULE_SET: RuleSet = {
  name: '默认分层规则',
  metrics: {
    gmvFen: { weight: 40, zeroAt: 100_000, fullAt: 1_000_000_000, log: true }, // ¥1,000 → 0, ¥10M → 40
    orders: { weight: 10, zeroAt: 10, fullAt: 100_000, log: true },
    growth: { weight: 10, zeroAt: -0.5, fullAt: 0.5 }, // −50 % → 0, +50 % → 10
    repeatRate: { weight: 10, zeroAt: 0, fullAt: 0.4 },
    refundRate: { weight: 10, zeroAt: 0.15, fullAt: 0.01 }, // lower is better
    rating: { weight: 10, zeroAt: 3.5, fullAt: 5 },
    sellThrough: { weight: 5, zeroAt: 0, fullAt: 0.6 },
    disputesPer1000: { weight: 5, zeroAt: 10, fullAt: 0 }, // lower is better
  },
  cutoffs: { head: { percentile: 95 }, waist: { percentile: 75 }, smb: { percentile: 30 } },
  gates: { headMaxRefundRate: 0.15, noTierUpStatuses: ['suspended', 'closed'], minOrders: 30 },
};

/** Parses and validates a rule set; the error is one line naming the first problem and its path. */
export function parseRuleSet(value: unknown, source = 'rule set'): RuleSet {
  const parsed = ruleSetSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new Error(`invalid ${source}: ${where}${issue?.message ?? 'not a rule set'}`);
}

export function parseRuleSetJson(text: string, source = 'rule set'): RuleSet {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`invalid ${source}: not JSON (${(error as Error).message.split('\n')[0]})`, { cause: error });
  }
  return parseRuleSet(value, source);
}
