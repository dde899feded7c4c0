/**
 * Detection over the database: reads the scored mentions of the baseline period (negatives) and
 * of the recent window (all, for the negative share), the alerts the cockpit holds, the silences
 * and the threshold overrides, runs detectBursts, and opens what it found as `alert.open` through
 * the outbox (the derived ids make a second cockpit's open answer `duplicate`, which merges).
 * Needs only a better-sqlite3 connection.
 */
import type Database from 'better-sqlite3';
import type { SyncHandle } from '../sync';
import { detectBursts, formatShanghai, type DetectedAlert, type DetectionMention, type DetectionResult, type KnownAlert, type Silence, type SubjectType } from './detection';
import { resolveThresholds, type OpinionThresholds, type ThresholdOverrides } from './thresholds';

export const THRESHOLDS_KEY = 'opinion.thresholds';
export const SILENCES_KEY = 'opinion.silences';
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

interface MentionRow {
  id: string;
  source: string;
  reach: number;
  publishedAt: string;
  merchantId: string | null;
  skuId: string | null;
  categoryId: string | null;
  label: string;
  topic: string | null;
}

const NAME_TABLES: Partial<Record<SubjectType, string>> = { merchant: 'merchants', sku: 'skus', category: 'categories' };

export class DetectionService {
  constructor(private readonly sqlite: Database.Database) {}

  thresholds(): OpinionThresholds {
    return resolveThresholds(this.setting<ThresholdOverrides>(THRESHOLDS_KEY) ?? {});
  }

  silences(): Silence[] {
    return this.setting<Silence[]>(SILENCES_KEY) ?? [];
  }

  detect(nowMs: number): DetectionResult {
    const t = this.thresholds();
    const recentStart = formatShanghai(nowMs - t.recentWindowMinutes * MINUTE_MS);
    const baselineStart = formatShanghai(nowMs - t.recentWindowMinutes * MINUTE_MS - t.baselineDays * DAY_MS);
    const rows = this.sqlite
      .prepare(
        `SELECT m.id, m.source, m.reach, m.published_at AS publishedAt, m.merchant_id AS merchantId, m.sku_id AS skuId,
                m.category_id AS categoryId, s.label, s.topic
         FROM mentions m JOIN mention_scores s ON s.mention_id = m.id
         WHERE m.published_at > ? AND (s.label = 'negative' OR m.published_at > ?)`,
      )
      .iterate(baselineStart, recentStart) as IterableIterator<MentionRow>;
    return detectBursts({
      mentions: toDetectionMentions(rows),
      nowMs,
      alerts: this.knownAlerts(),
      silences: this.silences(),
      thresholds: t,
      subjectName: (type, id) => this.subjectName(type, id),
    });
  }

  /** Queues `alert.open` for each detected alert; returns the command ids. */
  open(engine: SyncHandle, detected: readonly DetectedAlert[]): string[] {
    return detected.map((alert) =>
      engine.issueCommand({
        type: 'alert.open',
        entityId: alert.id,
        baseVersion: null,
        payload: alertOpenPayload(alert),
      }),
    );
  }

  private knownAlerts(): KnownAlert[] {
    return this.sqlite
      .prepare(`SELECT id, dedup_key AS dedupKey, status, subject_type AS subjectType, subject_id AS subjectId, topic FROM alerts`)
      .all() as KnownAlert[];
  }

  private subjectName(type: SubjectType, id: string): string | null {
    const table = NAME_TABLES[type];
    if (!table) return null;
    return (this.sqlite.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? null;
  }

  private setting<T>(key: string): T | null {
    const raw = this.sqlite.prepare(`SELECT value FROM settings WHERE key = ?`).pluck().get(key) as string | undefined;
    return raw === undefined ? null : (JSON.parse(raw) as T);
  }
}

function* toDetectionMentions(rows: Iterable<MentionRow>): Generator<DetectionMention> {
  for (const row of rows) {
    yield {
      id: row.id, source: row.source, reach: row.reach, publishedMs: Date.parse(row.publishedAt),
      merchantId: row.merchantId, skuId: row.skuId, categoryId: row.categoryId,
      negative: row.label === 'negative', topic: row.topic,
    };
  }
}

/** The SPEC's `alert.open` payload: every alert field but status and the ack/resolve fields. */
export function alertOpenPayload(alert: DetectedAlert): Record<string, unknown> {
  return {
    dedup_key: alert.dedupKey, title: alert.title, severity: alert.severity, subject_type: alert.subjectType, subject_id: alert.subjectId,
    topic: alert.topic, opened_at: alert.openedAt, sla_due_at: alert.slaDueAt, mention_ids: alert.mentionIds,
    mention_count: alert.mentionCount, negative_share: alert.negativeShare, escalation_level: 0, comments: [],
  };
}
