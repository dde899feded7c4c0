/**
 * What the public-opinion board reads: the queue by SLA risk, one alert's detail (mention timeline,
 * sentiment trend, topics, samples with their drivers, audit trail, inhibited children) and the
 * mentions explorer. Aggregates in SQL; only the alert list (hundreds, not millions) is sorted in JS.
 */
import type Database from 'better-sqlite3';
import { ApiError, type AlertDetail, type AlertQueueRow, type AlertRow, type AuditEntry, type MethodInput, type ScoredMention } from '../api';
import { ALERT_IS_LOCAL_SQL } from './alert-lines';
import { formatShanghai } from './detection';
import { compareSlaRisk, slaOf } from './sla';
import { DEFAULT_THRESHOLDS, type OpinionThresholds } from './thresholds';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Mention text sent to the board is cut here: a 100k-character post must not travel whole. */
export const MAX_MENTION_TEXT = 2_000;
const DEFAULT_QUEUE_LIMIT = 1_000;
const DEFAULT_SEARCH_LIMIT = 200;

interface AlertDbRow {
  id: string;
  version: number;
  dedupKey: string;
  title: string;
  severity: string;
  status: string;
  subjectType: string;
  subjectId: string | null;
  topic: string | null;
  openedAt: string;
  slaDueAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  assigneeId: string | null;
  resolvedAt: string | null;
  resolution: string | null;
  mentionIds: string;
  mentionCount: number;
  negativeShare: number;
  escalationLevel: number;
  comments: string;
  local: number;
  unsynced: number;
}

const ALERT_COLUMNS = `a.id, a.version, a.dedup_key AS dedupKey, a.title, a.severity, a.status, a.subject_type AS subjectType,
  a.subject_id AS subjectId, a.topic, a.opened_at AS openedAt, a.sla_due_at AS slaDueAt, a.acknowledged_at AS acknowledgedAt,
  a.acknowledged_by AS acknowledgedBy, a.assignee_id AS assigneeId, a.resolved_at AS resolvedAt, a.resolution,
  a.mention_ids AS mentionIds, a.mention_count AS mentionCount, a.negative_share AS negativeShare,
  a.escalation_level AS escalationLevel, a.comments, ${ALERT_IS_LOCAL_SQL} AS local,
  (SELECT count(*) FROM outbox_commands o WHERE o.resource = 'alerts' AND o.entity_id = a.id AND o.state IN ('pending', 'sent', 'conflict')) AS unsynced`;

const MENTION_COLUMNS = `m.id, m.source, m.author, m.url, substr(m.text, 1, ${MAX_MENTION_TEXT}) AS text, length(m.text) > ${MAX_MENTION_TEXT} AS truncated,
  m.published_at AS publishedAt, m.reach, m.merchant_id AS merchantId, m.sku_id AS skuId, m.category_id AS categoryId,
  s.score, s.label, s.topic, s.label_source AS labelSource, s.drivers`;

interface MentionDbRow extends Omit<ScoredMention, 'textTruncated' | 'drivers'> {
  truncated: number;
  drivers: string | null;
}

function toAlertRow(row: AlertDbRow): AlertRow {
  return {
    id: row.id, version: row.version, title: row.title,
    severity: row.severity as AlertRow['severity'], status: row.status as AlertRow['status'], subjectType: row.subjectType as AlertRow['subjectType'],
    subjectId: row.subjectId, topic: row.topic, openedAt: row.openedAt, slaDueAt: slaOf(row, 0).dueAt,
    acknowledgedAt: row.acknowledgedAt, assigneeId: row.assigneeId, mentionCount: row.mentionCount, negativeShare: row.negativeShare,
    escalationLevel: row.escalationLevel, unsyncedCommands: row.unsynced,
  };
}

function toQueueRow(row: AlertDbRow, nowMs: number, t: OpinionThresholds): AlertQueueRow {
  const sla = slaOf(row, nowMs, t);
  return { ...toAlertRow(row), slaState: sla.state, slaMsLeft: sla.msLeft, slaWarningAt: formatShanghai(sla.warningAtMs), local: row.local === 1 };
}

function toMention(row: MentionDbRow): ScoredMention {
  const { truncated, drivers, ...rest } = row;
  return { ...rest, textTruncated: truncated === 1, drivers: drivers ? (JSON.parse(drivers) as ScoredMention['drivers']) : [] };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** The SQL condition that selects the mentions about an alert's subject (`m` = mentions). */
function subjectCondition(subjectType: string, subjectId: string | null): { sql: string; params: string[] } {
  const column = { merchant: 'm.merchant_id', sku: 'm.sku_id', category: 'm.category_id' }[subjectType];
  return column && subjectId !== null ? { sql: `${column} = ?`, params: [subjectId] } : { sql: '1 = 1', params: [] };
}

export class OpinionBoardService {
  constructor(
    private readonly sqlite: Database.Database,
    private readonly thresholds: () => OpinionThresholds = () => DEFAULT_THRESHOLDS,
  ) {}

  queue(input: MethodInput<'alerts.queue'>, nowMs: number): { nowMs: number; rows: AlertQueueRow[] } {
    const where: string[] = [];
    const params: unknown[] = [];
    const any = (column: string, values: readonly string[] | undefined) => {
      if (!values?.length) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    any('a.severity', input.severities);
    any('a.status', input.statuses);
    any(`coalesce(a.topic, 'other')`, input.topics);
    if (input.assigneeId !== undefined) {
      where.push(input.assigneeId === null ? 'a.assignee_id IS NULL' : 'a.assignee_id = ?');
      if (input.assigneeId !== null) params.push(input.assigneeId);
    }
    const rows = this.sqlite
      .prepare(`SELECT ${ALERT_COLUMNS} FROM alerts a ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`)
      .all(...params) as AlertDbRow[];
    const t = this.thresholds();
    const queue = rows.map((row) => toQueueRow(row, nowMs, t));
    queue.sort((a, b) => compareSlaRisk(slaOf(a, nowMs, t), slaOf(b, nowMs, t)) || (a.id < b.id ? -1 : 1));
    return { nowMs, rows: queue.slice(0, input.limit ?? DEFAULT_QUEUE_LIMIT) };
  }

  detail(id: string, nowMs: number): AlertDetail {
    const row = this.sqlite.prepare(`SELECT ${ALERT_COLUMNS} FROM alerts a WHERE a.id = ?`).get(id) as AlertDbRow | undefined;
    if (!row) throw new ApiError('not_found', `No alert ${id}`);
    const t = this.thresholds();
    const comments = parseJson<AlertDetail['alert']['comments']>(row.comments, []);
    return {
      alert: {
        ...toQueueRow(row, nowMs, t), dedupKey: row.dedupKey, acknowledgedBy: row.acknowledgedBy, resolvedAt: row.resolvedAt,
        resolution: row.resolution, comments,
      },
      timeline: this.timeline(row, nowMs),
      sentimentTrend: this.sentimentTrend(row, nowMs),
      topics: this.topics(row, nowMs),
      samples: this.samples(parseJson<string[]>(row.mentionIds, [])),
      audit: this.audit(row, comments),
      children: this.children(row),
    };
  }

  search(input: MethodInput<'mentions.search'>): ScoredMention[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (input.text?.trim()) {
      where.push(`instr(m.text, ?) > 0`);
      params.push(input.text.trim());
    }
    const any = (column: string, values: readonly string[] | undefined) => {
      if (!values?.length) return;
      where.push(`${column} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    };
    any('m.source', input.sources);
    any('s.label', input.labels);
    any('s.topic', input.topics);
    if (input.subjectType && input.subjectId) {
      const subject = subjectCondition(input.subjectType, input.subjectId);
      where.push(subject.sql);
      params.push(...subject.params);
    }
    const rows = this.sqlite
      .prepare(
        `SELECT ${MENTION_COLUMNS} FROM mentions m LEFT JOIN mention_scores s ON s.mention_id = m.id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY m.published_at DESC LIMIT ?`,
      )
      .all(...params, input.limit ?? DEFAULT_SEARCH_LIMIT) as MentionDbRow[];
    return rows.map(toMention);
  }

  assignees(): { id: string; name: string; department: string }[] {
    return this.sqlite.prepare(`SELECT id, name, department FROM people ORDER BY department, name, id`).all() as { id: string; name: string; department: string }[];
  }

  /**
   * Per hour (Shanghai time) from 24 h before opening to now, at most 3 days after opening:
   * negatives of the topic, and everything, about the subject.
   */
  private timeline(row: AlertDbRow, nowMs: number): AlertDetail['timeline'] {
    const subject = subjectCondition(row.subjectType, row.subjectId);
    const openedMs = Date.parse(row.openedAt);
    const from = formatShanghai(openedMs - DAY_MS);
    const to = formatShanghai(Math.min(nowMs, openedMs + 3 * DAY_MS));
    const rows = this.sqlite
      .prepare(
        `SELECT substr(m.published_at, 1, 13) AS hour,
                sum(s.label = 'negative' AND coalesce(s.topic, 'other') = ?) AS negative, count(*) AS total
         FROM mentions m LEFT JOIN mention_scores s ON s.mention_id = m.id
         WHERE ${subject.sql} AND m.published_at >= ? AND m.published_at <= ?
         GROUP BY hour ORDER BY hour`,
      )
      .all(row.topic ?? 'other', ...subject.params, from, to) as { hour: string; negative: number; total: number }[];
    return rows.map((r) => ({ at: `${r.hour}:00:00+08:00`, negative: r.negative ?? 0, total: r.total }));
  }

  /** The 14 days up to now, or up to a day after opening for an older alert. */
  private sentimentTrend(row: AlertDbRow, nowMs: number): AlertDetail['sentimentTrend'] {
    const subject = subjectCondition(row.subjectType, row.subjectId);
    const endMs = Math.min(nowMs, Date.parse(row.openedAt) + DAY_MS);
    const rows = this.sqlite
      .prepare(
        `SELECT substr(m.published_at, 1, 10) AS day, avg(s.score) AS score, count(*) AS mentions
         FROM mentions m JOIN mention_scores s ON s.mention_id = m.id
         WHERE ${subject.sql} AND m.published_at >= ? AND m.published_at <= ? GROUP BY day ORDER BY day`,
      )
      .all(...subject.params, formatShanghai(endMs - 14 * DAY_MS), formatShanghai(endMs)) as { day: string; score: number; mentions: number }[];
    return rows.map((r) => ({ day: r.day, score: Math.round(r.score * 1000) / 1000, mentions: r.mentions }));
  }

  private topics(row: AlertDbRow, nowMs: number): AlertDetail['topics'] {
    const subject = subjectCondition(row.subjectType, row.subjectId);
    return this.sqlite
      .prepare(
        `SELECT coalesce(s.topic, 'other') AS topic, count(*) AS mentions
         FROM mentions m JOIN mention_scores s ON s.mention_id = m.id
         WHERE ${subject.sql} AND s.label = 'negative' AND m.published_at >= ? AND m.published_at <= ?
         GROUP BY 1 ORDER BY mentions DESC, topic`,
      )
      .all(...subject.params, formatShanghai(Date.parse(row.openedAt) - DAY_MS), formatShanghai(nowMs)) as AlertDetail['topics'];
  }

  private samples(ids: readonly string[]): ScoredMention[] {
    if (ids.length === 0) return [];
    const rows = this.sqlite
      .prepare(`SELECT ${MENTION_COLUMNS} FROM mentions m LEFT JOIN mention_scores s ON s.mention_id = m.id WHERE m.id IN (${ids.map(() => '?').join(', ')})`)
      .all(...ids) as MentionDbRow[];
    const order = new Map(ids.map((id, k) => [id, k]));
    return rows.map(toMention).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }

  /** Who did what when: what the platform's record shows (anyone's changes) and this cockpit's commands. */
  private audit(row: AlertDbRow, comments: AlertDetail['alert']['comments']): AuditEntry[] {
    const entries: AuditEntry[] = [{ at: row.openedAt, who: null, action: 'open', detail: row.title, state: 'synced' }];
    if (row.acknowledgedAt) entries.push({ at: row.acknowledgedAt, who: row.acknowledgedBy, action: 'acknowledge', detail: null, state: 'synced' });
    for (const c of comments) entries.push({ at: c.at, who: c.author_id, action: 'comment', detail: c.text, state: 'synced' });
    if (row.resolvedAt) entries.push({ at: row.resolvedAt, who: null, action: row.status === 'dismissed' ? 'dismiss' : 'resolve', detail: row.resolution, state: 'synced' });
    const commands = this.sqlite
      .prepare(`SELECT type, payload, issued_at AS at, state FROM outbox_commands WHERE resource = 'alerts' AND entity_id = ? ORDER BY seq`)
      .all(row.id) as { type: string; payload: string; at: string; state: AuditEntry['state'] }[];
    for (const c of commands) {
      const payload = parseJson<Record<string, unknown>>(c.payload, {});
      const detail = [payload.assignee_id, payload.level, payload.note, payload.text, payload.resolution, payload.reason].filter((v) => v !== undefined && v !== null && v !== '');
      entries.push({ at: c.at, who: 'me', action: c.type.replace(/^alert\./, ''), detail: detail.length ? detail.map(String).join(' · ') : null, state: c.state });
    }
    return entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }

  /** Active merchant/SKU alerts of the same topic under a platform or category alert (the ones it inhibits). */
  private children(row: AlertDbRow): AlertRow[] {
    if (row.subjectType !== 'platform' && row.subjectType !== 'category') return [];
    const underCategory = row.subjectType === 'category'
      ? `AND ((a.subject_type = 'merchant' AND a.subject_id IN (SELECT id FROM merchants WHERE category_id = @category))
           OR (a.subject_type = 'sku' AND a.subject_id IN (SELECT id FROM skus WHERE category_id = @category)))`
      : '';
    const rows = this.sqlite
      .prepare(
        `SELECT ${ALERT_COLUMNS} FROM alerts a
         WHERE a.subject_type IN ('merchant', 'sku') AND coalesce(a.topic, 'other') = @topic AND a.status NOT IN ('resolved', 'dismissed') ${underCategory}
         ORDER BY a.opened_at DESC LIMIT 200`,
      )
      .all({ topic: row.topic ?? 'other', category: row.subjectId }) as AlertDbRow[];
    return rows.map(toAlertRow);
  }
}
