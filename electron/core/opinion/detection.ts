/**
 * Burst detection over scored mentions: a pure function, no database.
 *
 * Negative mentions are grouped by subject (SKU, merchant, category, the whole platform) × topic.
 * A group opens an alert when its weighted volume in the recent window spikes against its own
 * baseline: the same-length buckets of the history before the window (z-score with a floor on the
 * deviation, a minimum ratio to the mean, minimum counts). Only the recent window can open
 * alerts; history only builds baselines, so a first sync of two weeks does not flood the queue.
 * Every number comes from OpinionThresholds (thresholds.ts).
 */
import { alertIdFor, dedupKeyOf } from './alert-id';
import { severityOf, type Severity } from './severity';
import { DEFAULT_THRESHOLDS, type OpinionThresholds } from './thresholds';
import { shanghaiTimestamp } from '../time';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export type SubjectType = 'platform' | 'category' | 'merchant' | 'sku';

/** One mention as detection needs it: the effective label (an operator's relabel wins) and topic. */
export interface DetectionMention {
  id: string;
  source: string;
  reach: number;
  publishedMs: number;
  merchantId: string | null;
  skuId: string | null;
  categoryId: string | null;
  negative: boolean;
  /** Topic of a negative mention in the platform's vocabulary (food_safety, fraud, …); null = other. */
  topic: string | null;
}

/** An alert the cockpit already holds (synced or opened locally). */
export interface KnownAlert {
  id: string;
  dedupKey: string;
  status: string;
  subjectType: string;
  subjectId: string | null;
  topic: string | null;
}

/**
 * No alert opens for a matching burst until `until`. subjectId null matches every subject of the
 * type (for `platform`, the platform); topic null matches every topic.
 */
export interface Silence {
  subjectType: SubjectType;
  subjectId: string | null;
  topic: string | null;
  until: string;
  reason: string;
}

export interface DetectedAlert {
  id: string;
  dedupKey: string;
  title: string;
  severity: Severity;
  subjectType: SubjectType;
  subjectId: string | null;
  topic: string;
  openedAt: string;
  slaDueAt: string;
  /** Sample, strongest first (≤ thresholds.sampleMentions). */
  mentionIds: string[];
  mentionCount: number;
  negativeShare: number;
  reach: number;
  weightedVolume: number;
  baselineMean: number;
  zScore: number;
}

export type SuppressionReason = 'already_open' | 'same_window' | 'silenced' | 'inhibited';

/** A burst that qualified but opened nothing, and why; `by` is the alert id or the silence reason. */
export interface SuppressedBurst {
  dedupKey: string;
  subjectType: SubjectType;
  subjectId: string | null;
  topic: string;
  mentionCount: number;
  reason: SuppressionReason;
  by: string;
}

export interface DetectionInput {
  mentions: Iterable<DetectionMention>;
  nowMs: number;
  alerts?: readonly KnownAlert[];
  silences?: readonly Silence[];
  thresholds?: OpinionThresholds;
  /** Display name of a subject for the alert title; the id is shown when it answers null. */
  subjectName?: (subjectType: SubjectType, subjectId: string) => string | null;
}

export interface DetectionResult {
  opened: DetectedAlert[];
  suppressed: SuppressedBurst[];
  /** Groups with negative mentions in the recent window. */
  groupsEvaluated: number;
}

const CLOSED_STATUSES = new Set(['resolved', 'dismissed']);
const SUBJECT_ORDER: Record<SubjectType, number> = { platform: 0, category: 1, merchant: 2, sku: 3 };

export const TOPIC_LABELS: Readonly<Record<string, string>> = {
  quality: '质量', logistics: '物流', customer_service: '客服', false_advertising: '虚假宣传',
  food_safety: '食品安全', price: '价格', fraud: '欺诈', other: '其他',
};

interface Group {
  subjectType: SubjectType;
  subjectId: string | null;
  topic: string;
  recentCount: number;
  recentWeight: number;
  recentReach: number;
  newestMs: number;
  samples: { id: string; weight: number; publishedMs: number }[];
  /** Baseline weighted volume per bucket index (sparse: most buckets of most groups are empty). */
  buckets: Map<number, number>;
  /** Broad groups: recent weight per merchant / SKU, to tell a broad problem from one shop's. */
  childWeights: Map<string, number> | null;
  /** Narrow groups: how often each category appears on their recent mentions (for inhibition). */
  categories: Map<string, number> | null;
}

function mentionWeight(m: DetectionMention, t: OpinionThresholds): number {
  const source = t.sourceWeights[m.source] ?? t.unknownSourceWeight;
  return source * (1 + Math.log10(1 + Math.max(0, m.reach)) / t.reachLogDivisor);
}

export const formatShanghai = shanghaiTimestamp;

/** The subjects a mention speaks about, narrowest last; the platform always. */
function subjectsOf(m: DetectionMention): [SubjectType, string | null][] {
  const subjects: [SubjectType, string | null][] = [['platform', null]];
  if (m.categoryId) subjects.push(['category', m.categoryId]);
  if (m.merchantId) subjects.push(['merchant', m.merchantId]);
  if (m.skuId) subjects.push(['sku', m.skuId]);
  return subjects;
}

function subjectKey(type: SubjectType, id: string | null): string {
  return `${type}:${id ?? 'platform'}`;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function topOf(map: Map<string, number> | null): string | null {
  let best: string | null = null;
  let bestValue = -1;
  for (const [key, value] of map ?? []) if (value > bestValue) [best, bestValue] = [key, value];
  return best;
}

class GroupTable {
  readonly groups = new Map<string, Group>();
  /** All mentions (any label) per subject in the recent window: the negative share's denominator. */
  readonly recentTotals = new Map<string, number>();
  /** The oldest mention seen: a history shorter than baselineDays has fewer buckets, not empty ones. */
  oldestMs = Number.POSITIVE_INFINITY;

  constructor(private readonly t: OpinionThresholds, private readonly windowStartMs: number, private readonly baselineStartMs: number, private readonly bucketMs: number) {}

  add(m: DetectionMention, nowMs: number): void {
    if (!(m.publishedMs > this.baselineStartMs && m.publishedMs <= nowMs)) return;
    const recent = m.publishedMs > this.windowStartMs;
    if (m.publishedMs < this.oldestMs) this.oldestMs = m.publishedMs;
    const subjects = subjectsOf(m);
    if (recent) for (const [type, id] of subjects) bump(this.recentTotals, subjectKey(type, id), 1);
    if (!m.negative) return;
    const topic = m.topic ?? 'other';
    const weight = mentionWeight(m, this.t);
    const bucket = recent ? -1 : Math.floor((m.publishedMs - this.baselineStartMs) / this.bucketMs);
    for (const [type, id] of subjects) {
      const group = this.groupOf(type, id, topic);
      if (!recent) {
        group.buckets.set(bucket, (group.buckets.get(bucket) ?? 0) + weight);
        continue;
      }
      group.recentCount++;
      group.recentWeight += weight;
      group.recentReach += Math.max(0, m.reach);
      if (m.publishedMs > group.newestMs) group.newestMs = m.publishedMs;
      group.samples.push({ id: m.id, weight, publishedMs: m.publishedMs });
      if (group.childWeights) {
        if (m.merchantId) bump(group.childWeights, `merchant:${m.merchantId}`, weight);
        if (m.skuId) bump(group.childWeights, `sku:${m.skuId}`, weight);
      }
      if (group.categories && m.categoryId) bump(group.categories, m.categoryId, 1);
    }
  }

  private groupOf(type: SubjectType, id: string | null, topic: string): Group {
    const key = dedupKeyOf(topic, type, id);
    let group = this.groups.get(key);
    if (!group) {
      const broad = type === 'platform' || type === 'category';
      group = {
        subjectType: type, subjectId: id, topic, recentCount: 0, recentWeight: 0, recentReach: 0, newestMs: 0, samples: [],
        buckets: new Map(), childWeights: broad ? new Map() : null, categories: broad ? null : new Map(),
      };
      this.groups.set(key, group);
    }
    return group;
  }
}

interface Burst {
  key: string;
  group: Group;
  baselineMean: number;
  zScore: number;
  negativeShare: number;
}

/** Whether a group spikes against its own baseline; the burst's measures when it does. */
function measureBurst(key: string, group: Group, table: GroupTable, bucketCount: number, t: OpinionThresholds): Burst | null {
  if (group.recentCount < t.minNegativeMentions || group.recentWeight < t.minWeightedVolume) return null;
  let sum = 0;
  let sumSq = 0;
  for (const volume of group.buckets.values()) {
    sum += volume;
    sumSq += volume * volume;
  }
  const mean = bucketCount > 0 ? sum / bucketCount : 0;
  const variance = bucketCount > 0 ? Math.max(0, sumSq / bucketCount - mean * mean) : 0;
  const std = Math.max(Math.sqrt(variance), t.baselineStdFloor);
  const zScore = (group.recentWeight - mean) / std;
  if (zScore < t.minZScore || group.recentWeight < t.minSpikeRatio * mean) return null;
  const total = table.recentTotals.get(subjectKey(group.subjectType, group.subjectId)) ?? group.recentCount;
  const negativeShare = Math.min(1, group.recentCount / Math.max(1, total));
  if (negativeShare < t.minNegativeShare) return null;
  if (group.childWeights) {
    const topChild = topOf(group.childWeights);
    const topWeight = topChild ? (group.childWeights.get(topChild) ?? 0) : 0;
    if (topWeight > t.maxChildShareForBroadAlert * group.recentWeight) return null;
  }
  return { key, group, baselineMean: mean, zScore, negativeShare };
}

function matchingSilence(silences: readonly Silence[], group: Group, nowMs: number): Silence | null {
  for (const s of silences) {
    if (s.subjectType !== group.subjectType) continue;
    if (s.subjectId !== null && s.subjectId !== group.subjectId) continue;
    if (s.topic !== null && s.topic !== group.topic) continue;
    if (Date.parse(s.until) > nowMs) return s;
  }
  return null;
}

/** An open platform-wide alert, or one on the child's category, for the same topic. */
function inhibitingParent(active: readonly KnownAlert[], group: Group): KnownAlert | null {
  if (group.subjectType !== 'merchant' && group.subjectType !== 'sku') return null;
  const category = topOf(group.categories);
  for (const alert of active) {
    if (alert.topic !== group.topic) continue;
    if (alert.subjectType === 'platform') return alert;
    if (alert.subjectType === 'category' && category !== null && alert.subjectId === category) return alert;
  }
  return null;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function toAlert(burst: Burst, nowMs: number, t: OpinionThresholds, input: DetectionInput): DetectedAlert {
  const { group } = burst;
  const openedMs = Math.min(group.newestMs, nowMs);
  const samples = [...group.samples].sort((a, b) => b.weight - a.weight || b.publishedMs - a.publishedMs || (a.id < b.id ? -1 : 1));
  const name = group.subjectId === null ? '全平台' : (input.subjectName?.(group.subjectType, group.subjectId) ?? group.subjectId);
  const severity = severityOf(
    { negativeMentions: group.recentCount, reach: group.recentReach, negativeShare: burst.negativeShare, topic: group.topic, subjectType: group.subjectType },
    t.severity,
  );
  return {
    id: alertIdFor(burst.key, openedMs, t.alertWindowHours),
    dedupKey: burst.key,
    title: `${name} ${TOPIC_LABELS[group.topic] ?? group.topic}负面舆情激增`,
    severity,
    subjectType: group.subjectType,
    subjectId: group.subjectId,
    topic: group.topic,
    openedAt: formatShanghai(openedMs),
    slaDueAt: formatShanghai(openedMs + t.slaMinutes * MINUTE_MS),
    mentionIds: samples.slice(0, t.sampleMentions).map((s) => s.id),
    mentionCount: group.recentCount,
    negativeShare: round(burst.negativeShare, 4),
    reach: group.recentReach,
    weightedVolume: round(group.recentWeight, 2),
    baselineMean: round(burst.baselineMean, 2),
    zScore: round(burst.zScore, 2),
  };
}

export function detectBursts(input: DetectionInput): DetectionResult {
  const t = input.thresholds ?? DEFAULT_THRESHOLDS;
  const { nowMs } = input;
  const bucketMs = t.recentWindowMinutes * MINUTE_MS;
  const windowStartMs = nowMs - bucketMs;
  const maxBuckets = Math.floor((t.baselineDays * DAY_MS) / bucketMs);
  const table = new GroupTable(t, windowStartMs, windowStartMs - maxBuckets * bucketMs, bucketMs);
  for (const mention of input.mentions) table.add(mention, nowMs);
  const historyBuckets = table.oldestMs < windowStartMs ? Math.ceil((windowStartMs - table.oldestMs) / bucketMs) : 0;
  const bucketCount = Math.min(maxBuckets, historyBuckets);

  const bursts: Burst[] = [];
  let groupsEvaluated = 0;
  for (const [key, group] of table.groups) {
    if (group.recentCount === 0) continue;
    groupsEvaluated++;
    const burst = measureBurst(key, group, table, bucketCount, t);
    if (burst) bursts.push(burst);
  }
  // Parents first, so a platform or category alert opened now already inhibits its children.
  bursts.sort((a, b) => SUBJECT_ORDER[a.group.subjectType] - SUBJECT_ORDER[b.group.subjectType] || (a.key < b.key ? -1 : 1));

  const known = input.alerts ?? [];
  const knownIds = new Set(known.map((a) => a.id));
  const active = known.filter((a) => !CLOSED_STATUSES.has(a.status));
  const activeByKey = new Map(active.map((a) => [a.dedupKey, a]));
  const opened: DetectedAlert[] = [];
  const suppressed: SuppressedBurst[] = [];
  for (const burst of bursts) {
    const { group } = burst;
    const suppress = (reason: SuppressionReason, by: string) =>
      suppressed.push({ dedupKey: burst.key, subjectType: group.subjectType, subjectId: group.subjectId, topic: group.topic, mentionCount: group.recentCount, reason, by });
    const open = activeByKey.get(burst.key);
    if (open) {
      suppress('already_open', open.id);
      continue;
    }
    const alert = toAlert(burst, nowMs, t, input);
    if (knownIds.has(alert.id)) {
      suppress('same_window', alert.id); // closed earlier in this window: the same id would only answer duplicate
      continue;
    }
    const silence = matchingSilence(input.silences ?? [], group, nowMs);
    if (silence) {
      suppress('silenced', silence.reason);
      continue;
    }
    const parent = inhibitingParent(active, group);
    if (parent) {
      suppress('inhibited', parent.id);
      continue;
    }
    opened.push(alert);
    const asKnown: KnownAlert = { id: alert.id, dedupKey: alert.dedupKey, status: 'open', subjectType: alert.subjectType, subjectId: alert.subjectId, topic: alert.topic };
    active.push(asKnown);
    activeByKey.set(alert.dedupKey, asKnown);
  }
  return { opened, suppressed, groupsEvaluated };
}
