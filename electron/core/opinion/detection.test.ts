import { describe, expect, it } from 'vitest';
import { alertIdFor, dedupKeyOf, openingWindowOf } from './alert-id';
import { detectBursts, formatShanghai, type DetectionMention, type KnownAlert } from './detection';
import { severityPoints } from './severity';
import { DEFAULT_THRESHOLDS, resolveThresholds } from './thresholds';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** 2026-11-11 12:00:00 +08:00 */
const NOW = Date.parse('2026-11-11T12:00:00+08:00');

let seq = 0;
function mention(over: Partial<DetectionMention> & { minutesAgo: number }): DetectionMention {
  const { minutesAgo, ...rest } = over;
  return {
    id: `mn_${String(seq++).padStart(5, '0')}`,
    source: 'weibo', reach: 1000, publishedMs: NOW - minutesAgo * MINUTE,
    merchantId: 'mer_1', skuId: null, categoryId: 'cat_1', negative: true, topic: 'quality',
    ...rest,
  };
}

function times(n: number, make: (k: number) => DetectionMention): DetectionMention[] {
  return Array.from({ length: n }, (_, k) => make(k));
}

/** One negative mention a day for two weeks about the same merchant: a quiet history. */
function quietHistory(merchantId = 'mer_1'): DetectionMention[] {
  return times(14, (d) => mention({ merchantId, minutesAgo: (d + 1) * 24 * 60 + 30 }));
}

/** weibo, reach 1000: 2 × (1 + log10(1001) / 2). */
const WEIBO_1000 = 2 * (1 + Math.log10(1001) / 2);

describe('detectBursts', () => {
  it('opens one merchant alert for a burst in the recent window, with its derived id, severity and SLA', () => {
    const burst = times(12, (k) => mention({ minutesAgo: 60 - k }));
    const result = detectBursts({ mentions: [...quietHistory(), ...burst], nowMs: NOW });

    // The category and platform groups spike too, but one merchant carries all of it: not broad.
    expect(result.opened).toHaveLength(1);
    const alert = result.opened[0]!;
    const newest = NOW - 49 * MINUTE;
    expect(alert).toMatchObject({
      dedupKey: 'quality:merchant:mer_1',
      id: alertIdFor('quality:merchant:mer_1', newest, 6),
      subjectType: 'merchant', subjectId: 'mer_1', topic: 'quality',
      openedAt: '2026-11-11T11:11:00+08:00', slaDueAt: '2026-11-11T13:11:00+08:00',
      mentionCount: 12, negativeShare: 1, reach: 12_000,
      // volume 12 → 1, reach 12,000 → 1, share 1 → 2, quality → 1, merchant → 0: 5 points
      severity: 'P2',
      title: 'mer_1 质量负面舆情激增',
    });
    expect(alert.weightedVolume).toBeCloseTo(12 * WEIBO_1000, 2);
    // 14 history mentions over 14 days = 168 two-hour buckets (the history reaches back 14.02 days: capped)
    expect(alert.baselineMean).toBeCloseTo((14 * WEIBO_1000) / 168, 2);
    expect(alert.mentionIds).toHaveLength(12);
    expect(alert.mentionIds[0]).toBe(burst[11]!.id); // equal weights: newest first
  });

  it('does not open alerts from history: a burst three hours ago only builds the baseline', () => {
    const old = times(30, (k) => mention({ minutesAgo: 180 + k }));
    expect(detectBursts({ mentions: [...quietHistory(), ...old], nowMs: NOW }).opened).toEqual([]);
  });

  it('does not open for a group whose recent volume is its usual level', () => {
    // 10 negatives in every two-hour bucket for 14 days, 12 now: z is high-ish but not 3× the mean.
    const steady = times(168 * 10, (k) => mention({ minutesAgo: 120 + Math.floor(k / 10) * 120 + (k % 10) }));
    const now = times(12, (k) => mention({ minutesAgo: 10 + k }));
    expect(detectBursts({ mentions: [...steady, ...now], nowMs: NOW }).opened).toEqual([]);
  });

  it('needs a minimum number of negative mentions, whatever their reach', () => {
    const loud = times(4, (k) => mention({ source: 'news', reach: 5_000_000, minutesAgo: 10 + k }));
    expect(detectBursts({ mentions: loud, nowMs: NOW }).opened).toEqual([]);
  });

  it('weighs mentions by source and reach', () => {
    const mixed = [
      mention({ source: 'news', reach: 99, minutesAgo: 5 }), // 3 × (1 + 2/2) = 6
      mention({ source: 'forum', reach: 9, minutesAgo: 6 }), // 1.5 × (1 + 1/2) = 2.25
      mention({ source: 'review', reach: 0, minutesAgo: 7 }), // 1 × 1 = 1
      mention({ source: 'customer_service', reach: 0, minutesAgo: 8 }), // 0.5
      mention({ source: 'douyin', reach: 999, minutesAgo: 9 }), // 2 × (1 + 3/2) = 5
    ];
    const [alert] = detectBursts({ mentions: mixed, nowMs: NOW }).opened;
    expect(alert?.weightedVolume).toBe(14.75);
    expect(alert?.mentionIds[0]).toBe(mixed[0]!.id);
    expect(alert?.baselineMean).toBe(0); // no history at all: no buckets
  });

  it('does not open where negatives are a small share of what is said about the subject', () => {
    const negative = times(10, (k) => mention({ minutesAgo: 10 + k }));
    const positive = times(30, (k) => mention({ negative: false, topic: null, minutesAgo: 10 + k }));
    expect(detectBursts({ mentions: [...negative, ...positive], nowMs: NOW }).opened).toEqual([]);
    const fewerPositive = positive.slice(0, 20); // 10 / 30 = 0.33
    expect(detectBursts({ mentions: [...negative, ...fewerPositive], nowMs: NOW }).opened[0]?.negativeShare).toBe(0.3333);
  });

  it('rates food safety in the news P1', () => {
    const burst = times(20, (k) => mention({ source: 'news', reach: 300_000, topic: 'food_safety', skuId: 'sku_9', minutesAgo: 10 + k }));
    const opened = detectBursts({ mentions: burst, nowMs: NOW }).opened;
    // The SKU and the merchant both spike (the same mentions): two alerts, each P1
    // (volume 20 → 2, reach 6M → 3, share 1 → 2, food safety → 3).
    expect(opened.map((a) => [a.dedupKey, a.severity])).toEqual([
      ['food_safety:merchant:mer_1', 'P1'],
      ['food_safety:sku:sku_9', 'P1'],
    ]);
  });

  it('keeps one alert per dedup key while it is active, and opens a new one after it closed in an earlier window', () => {
    const burst = times(12, (k) => mention({ minutesAgo: 10 + k }));
    const open: KnownAlert = { id: 'al_1', dedupKey: 'quality:merchant:mer_1', status: 'acknowledged', subjectType: 'merchant', subjectId: 'mer_1', topic: 'quality' };
    const held = detectBursts({ mentions: burst, nowMs: NOW, alerts: [open] });
    expect(held.opened).toEqual([]);
    expect(held.suppressed).toContainEqual(expect.objectContaining({ dedupKey: 'quality:merchant:mer_1', reason: 'already_open', by: 'al_1' }));

    const reopened = detectBursts({ mentions: burst, nowMs: NOW, alerts: [{ ...open, status: 'resolved' }] });
    expect(reopened.opened.map((a) => a.dedupKey)).toEqual(['quality:merchant:mer_1']);

    // Resolved in this same window: the derived id exists, so nothing new opens.
    const sameWindow = detectBursts({ mentions: burst, nowMs: NOW, alerts: [{ ...open, id: reopened.opened[0]!.id, status: 'resolved' }] });
    expect(sameWindow.opened).toEqual([]);
    expect(sameWindow.suppressed[0]).toMatchObject({ reason: 'same_window' });
  });

  it('honours silences until they expire', () => {
    const burst = times(12, (k) => mention({ minutesAgo: 10 + k }));
    const silence = { subjectType: 'merchant' as const, subjectId: 'mer_1', topic: 'quality', until: formatShanghai(NOW + HOUR), reason: '已知问题，整改中' };
    const silenced = detectBursts({ mentions: burst, nowMs: NOW, silences: [silence] });
    expect(silenced.opened).toEqual([]);
    expect(silenced.suppressed).toContainEqual(expect.objectContaining({ reason: 'silenced', by: '已知问题，整改中' }));
    const anyTopic = detectBursts({ mentions: burst, nowMs: NOW, silences: [{ ...silence, topic: null }] });
    expect(anyTopic.opened).toEqual([]);
    const expired = detectBursts({ mentions: burst, nowMs: NOW, silences: [{ ...silence, until: formatShanghai(NOW - MINUTE) }] });
    expect(expired.opened).toHaveLength(1);
  });

  it('opens a platform-wide alert for a broad burst and lets it inhibit the merchants under it', () => {
    // Three merchants, six fraud posts each, no category: each merchant is a third of the platform's burst.
    const burst = ['mer_a', 'mer_b', 'mer_c'].flatMap((merchantId) =>
      times(6, (k) => mention({ merchantId, categoryId: null, topic: 'fraud', minutesAgo: 10 + k })));
    const result = detectBursts({ mentions: burst, nowMs: NOW });
    expect(result.opened.map((a) => a.dedupKey)).toEqual(['fraud:platform:platform']);
    const platformId = result.opened[0]!.id;
    expect(result.opened[0]!.subjectId).toBeNull();
    expect(result.opened[0]!.title).toBe('全平台 欺诈负面舆情激增');
    expect(result.suppressed.map((s) => [s.dedupKey, s.reason, s.by])).toEqual([
      ['fraud:merchant:mer_a', 'inhibited', platformId],
      ['fraud:merchant:mer_b', 'inhibited', platformId],
      ['fraud:merchant:mer_c', 'inhibited', platformId],
    ]);
  });

  it('lets an open category alert inhibit a merchant of that category, for the same topic only', () => {
    const burst = times(12, (k) => mention({ minutesAgo: 10 + k }));
    const category: KnownAlert = { id: 'al_cat', dedupKey: 'quality:category:cat_1', status: 'open', subjectType: 'category', subjectId: 'cat_1', topic: 'quality' };
    const result = detectBursts({ mentions: burst, nowMs: NOW, alerts: [category] });
    expect(result.opened).toEqual([]);
    expect(result.suppressed).toContainEqual(expect.objectContaining({ dedupKey: 'quality:merchant:mer_1', reason: 'inhibited', by: 'al_cat' }));
    const otherTopic = detectBursts({ mentions: burst, nowMs: NOW, alerts: [{ ...category, topic: 'logistics' }] });
    expect(otherTopic.opened.map((a) => a.dedupKey)).toEqual(['quality:merchant:mer_1']);
  });

  it('reads every threshold from the given set', () => {
    const burst = times(12, (k) => mention({ minutesAgo: 10 + k }));
    expect(detectBursts({ mentions: burst, nowMs: NOW, thresholds: resolveThresholds({ minNegativeMentions: 13 }) }).opened).toEqual([]);
    // A 5-minute recent window leaves only the posts of the last 5 minutes: none.
    expect(detectBursts({ mentions: burst, nowMs: NOW, thresholds: resolveThresholds({ recentWindowMinutes: 5 }) }).opened).toEqual([]);
    const t = resolveThresholds({ sourceWeights: { weibo: 10 } });
    expect(t.sourceWeights.news).toBe(3);
    expect(detectBursts({ mentions: burst, nowMs: NOW, thresholds: t }).opened[0]?.weightedVolume).toBeCloseTo(12 * 5 * WEIBO_1000, 2);
  });
});

describe('severity', () => {
  it('adds points for volume, reach, negative share, topic and subject', () => {
    const s = DEFAULT_THRESHOLDS.severity;
    expect(severityPoints({ negativeMentions: 4, reach: 9_999, negativeShare: 0.59, topic: 'price', subjectType: 'sku' }, s)).toBe(0);
    expect(severityPoints({ negativeMentions: 50, reach: 1_000_000, negativeShare: 0.8, topic: 'fraud', subjectType: 'platform' }, s)).toBe(13);
    expect(severityPoints({ negativeMentions: 20, reach: 100_000, negativeShare: 0.6, topic: 'quality', subjectType: 'category' }, s)).toBe(7);
  });
});

describe('alert ids', () => {
  it('derives a UUIDv7 from the dedup key and the 6-hour opening window', () => {
    const key = dedupKeyOf('quality', 'merchant', 'mer_1');
    const at = Date.parse('2026-11-11T09:30:00+08:00');
    const id = alertIdFor(key, at, 6);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // Windows are 6-hour slices of Unix time: 09:30 and 10:30 +08:00 (01:30, 02:30 UTC) share one.
    expect(alertIdFor(key, at + HOUR, 6)).toBe(id);
    const window = openingWindowOf(at, 6);
    const windowStart = window * 6 * HOUR;
    expect(parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(windowStart);
    expect(alertIdFor(key, windowStart + 6 * HOUR, 6)).not.toBe(id);
    expect(alertIdFor(dedupKeyOf('quality', 'merchant', 'mer_2'), at, 6)).not.toBe(id);
    expect(dedupKeyOf('fraud', 'platform', null)).toBe('fraud:platform:platform');
    expect(DAY % (6 * HOUR)).toBe(0);
  });
});
