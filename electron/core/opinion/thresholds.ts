/**
 * Every number public-opinion detection decides with, in one place (README.md beside this file
 * explains each one and how to tune it). `resolveThresholds` merges an operator's overrides (kept
 * as JSON in the settings table) over these defaults.
 */

export interface OpinionThresholds {
  /** Only mentions published in the last this-many minutes can open alerts; older ones build the baseline. */
  recentWindowMinutes: number;
  /** How far back the baseline reaches, in days; it is cut into buckets as long as the recent window. */
  baselineDays: number;
  /** A group needs at least this many negative mentions in the recent window. */
  minNegativeMentions: number;
  /** … and at least this much weighted volume (sum of mention weights, see sourceWeights / reach). */
  minWeightedVolume: number;
  /** z-score of the recent weighted volume against the baseline buckets. */
  minZScore: number;
  /** The recent volume must also be this many times the baseline mean (guards groups with a steady, large baseline). */
  minSpikeRatio: number;
  /** The standard deviation used is at least this (a quiet history is not infinitely sure of itself). */
  baselineStdFloor: number;
  /** Negative mentions ÷ all mentions of the subject in the recent window must reach this. */
  minNegativeShare: number;
  /**
   * A platform or category alert is for a broad problem: when one merchant or SKU carries more than
   * this share of the group's recent volume, the child opens the alert, not the parent.
   */
  maxChildShareForBroadAlert: number;
  /** How much a mention counts by source: news > social > forum > review > customer service. */
  sourceWeights: Record<string, number>;
  /** Weight for sources not listed above. */
  unknownSourceWeight: number;
  /** A mention's weight = source weight × (1 + log10(1 + reach) ÷ reachLogDivisor). */
  reachLogDivisor: number;
  severity: SeverityThresholds;
  /** Alert ids are derived from the dedup key and the opening window of this length (hours). */
  alertWindowHours: number;
  /** Response SLA: from opening to response start. */
  slaMinutes: number;
  /** The SLA turns amber this long after opening. */
  slaWarningMinutes: number;
  /** At most this many sample mention ids travel with an alert (SPEC: ≤ 50). */
  sampleMentions: number;
}

/** Points add up to a severity: P1 at p1Points or more, P2 at p2Points or more, else P3. */
export interface SeverityThresholds {
  p1Points: number;
  p2Points: number;
  /** [minimum negative mentions, points], highest first. */
  volumePoints: readonly (readonly [number, number])[];
  /** [minimum summed reach, points], highest first. */
  reachPoints: readonly (readonly [number, number])[];
  /** [minimum negative share, points], highest first. */
  negativeSharePoints: readonly (readonly [number, number])[];
  /** Extra points by topic: food safety and fraud weigh most. */
  topicPoints: Record<string, number>;
  /** Extra points by subject type: a platform-wide problem is bigger than one shop's. */
  subjectPoints: Record<string, number>;
}

export const DEFAULT_THRESHOLDS: OpinionThresholds = {
  recentWindowMinutes: 120,
  baselineDays: 14,
  minNegativeMentions: 5,
  minWeightedVolume: 10,
  minZScore: 3,
  minSpikeRatio: 3,
  baselineStdFloor: 1,
  minNegativeShare: 0.3,
  maxChildShareForBroadAlert: 0.5,
  sourceWeights: { news: 3, weibo: 2, douyin: 2, xiaohongshu: 2, forum: 1.5, review: 1, customer_service: 0.5 },
  unknownSourceWeight: 1,
  reachLogDivisor: 2,
  severity: {
    p1Points: 7,
    p2Points: 4,
    volumePoints: [[50, 3], [20, 2], [5, 1]],
    reachPoints: [[1_000_000, 3], [100_000, 2], [10_000, 1]],
    negativeSharePoints: [[0.8, 2], [0.6, 1]],
    topicPoints: { food_safety: 3, fraud: 3, quality: 1, false_advertising: 1 },
    subjectPoints: { platform: 2, category: 1 },
  },
  alertWindowHours: 6,
  slaMinutes: 120,
  slaWarningMinutes: 90,
  sampleMentions: 50,
};

export type ThresholdOverrides = Partial<Omit<OpinionThresholds, 'severity'>> & { severity?: Partial<SeverityThresholds> };

/** The defaults with an operator's overrides on top (maps such as sourceWeights merge key by key). */
export function resolveThresholds(overrides: ThresholdOverrides = {}): OpinionThresholds {
  const base = DEFAULT_THRESHOLDS;
  const severity = overrides.severity ?? {};
  return {
    ...base,
    ...overrides,
    sourceWeights: { ...base.sourceWeights, ...overrides.sourceWeights },
    severity: {
      ...base.severity,
      ...severity,
      topicPoints: { ...base.severity.topicPoints, ...severity.topicPoints },
      subjectPoints: { ...base.severity.subjectPoints, ...severity.subjectPoints },
    },
  };
}
