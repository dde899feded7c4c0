/** The public-opinion part of the contract: alerts and mentions. Imports only zod. */
import { z } from 'zod';
import { mutation, query } from './method';

export const ALERT_STATUSES = ['open', 'acknowledged', 'responding', 'resolved', 'dismissed'] as const;
export const ALERT_SEVERITIES = ['P1', 'P2', 'P3'] as const;
export const ALERT_SUBJECT_TYPES = ['merchant', 'sku', 'category', 'platform'] as const;

export const alertStatusSchema = z.enum(ALERT_STATUSES);
export const alertSeveritySchema = z.enum(ALERT_SEVERITIES);
export const alertSubjectTypeSchema = z.enum(ALERT_SUBJECT_TYPES);
export type AlertStatus = z.infer<typeof alertStatusSchema>;
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;
export type AlertSubjectType = z.infer<typeof alertSubjectTypeSchema>;

/** One row of the public-opinion alert list: the synced record plus what is still only local. */
export const alertRowSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  severity: alertSeveritySchema,
  status: alertStatusSchema,
  subjectType: alertSubjectTypeSchema,
  subjectId: z.string().nullable(),
  topic: z.string().nullable(),
  openedAt: z.string(),
  slaDueAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  assigneeId: z.string().nullable(),
  mentionCount: z.number().int(),
  negativeShare: z.number(),
  escalationLevel: z.number().int(),
  /** Commands for this alert the platform has not yet acknowledged (pending, sent or in conflict). */
  unsyncedCommands: z.number().int().nonnegative(),
});
export type AlertRow = z.infer<typeof alertRowSchema>;

export const SLA_STATES = ['on_track', 'warning', 'breached', 'responded'] as const;
export const slaStateSchema = z.enum(SLA_STATES);
export type SlaState = z.infer<typeof slaStateSchema>;

export const MENTION_SOURCES = ['review', 'weibo', 'news', 'forum', 'douyin', 'xiaohongshu', 'customer_service'] as const;
export const MENTION_LABELS = ['positive', 'neutral', 'negative'] as const;
/** Topics in the platform's words (what alerts carry). */
export const OPINION_TOPICS = ['quality', 'logistics', 'customer_service', 'false_advertising', 'food_safety', 'price', 'fraud', 'other'] as const;
export const mentionSourceSchema = z.enum(MENTION_SOURCES);
export const mentionLabelSchema = z.enum(MENTION_LABELS);
export type MentionSource = z.infer<typeof mentionSourceSchema>;
export type MentionLabel = z.infer<typeof mentionLabelSchema>;

/** A queue row: the alert row, its SLA now, and whether only this cockpit knows it yet. */
export const alertQueueRowSchema = alertRowSchema.extend({
  slaState: slaStateSchema,
  /** Milliseconds to the SLA due time at `nowMs` (negative once breached); null once the response started. */
  slaMsLeft: z.number().nullable(),
  slaWarningAt: z.string(),
  local: z.boolean(),
});
export type AlertQueueRow = z.infer<typeof alertQueueRowSchema>;

const driverSchema = z.object({ text: z.string(), weight: z.number() });

/** A mention with its score; text cut to a bounded length (the full text stays in the database). */
export const scoredMentionSchema = z.object({
  id: z.string(),
  source: z.string(),
  author: z.string().nullable(),
  url: z.string().nullable(),
  text: z.string(),
  textTruncated: z.boolean(),
  publishedAt: z.string(),
  reach: z.number(),
  merchantId: z.string().nullable(),
  skuId: z.string().nullable(),
  categoryId: z.string().nullable(),
  score: z.number().nullable(),
  label: mentionLabelSchema.nullable(),
  topic: z.string().nullable(),
  labelSource: z.enum(['model', 'operator']).nullable(),
  drivers: z.array(driverSchema),
});
export type ScoredMention = z.infer<typeof scoredMentionSchema>;

export const auditEntrySchema = z.object({
  at: z.string(),
  who: z.string().nullable(),
  action: z.string(),
  detail: z.string().nullable(),
  /** `synced`: seen in the platform's record; otherwise the state of this cockpit's outbox command. */
  state: z.enum(['synced', 'pending', 'sent', 'done', 'conflict', 'rejected', 'resolved']),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const alertDetailSchema = z.object({
  alert: alertQueueRowSchema.extend({
    dedupKey: z.string(),
    acknowledgedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolution: z.string().nullable(),
    comments: z.array(z.object({ author_id: z.string(), text: z.string(), at: z.string() })),
  }),
  /** Negative and all mentions of the alert's subject (× topic for negatives) per hour, the 24 h before opening to now. */
  timeline: z.array(z.object({ at: z.string(), negative: z.number().int(), total: z.number().int() })),
  /** The subject's average sentiment score per day, last 14 days. */
  sentimentTrend: z.array(z.object({ day: z.string(), score: z.number(), mentions: z.number().int() })),
  /** Negative mentions of the subject in the window around the alert, by topic. */
  topics: z.array(z.object({ topic: z.string(), mentions: z.number().int() })),
  samples: z.array(scoredMentionSchema),
  audit: z.array(auditEntrySchema),
  /** Active per-merchant / per-SKU alerts of the same topic under this platform or category alert. */
  children: z.array(alertRowSchema),
});
export type AlertDetail = z.infer<typeof alertDetailSchema>;

/** How long mentions are kept (days, Asia/Shanghai days): `opinion.setRetention` accepts this range. */
export const RETENTION_MIN_DAYS = 30;
export const RETENTION_MAX_DAYS = 3650;
export const RETENTION_DEFAULT_DAYS = 90;

export const retentionWindowSchema = z
  .number()
  .int({ error: 'The retention window is a whole number of days' })
  .min(RETENTION_MIN_DAYS, { error: `The retention window is ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS} days` })
  .max(RETENTION_MAX_DAYS, { error: `The retention window is ${RETENTION_MIN_DAYS} to ${RETENTION_MAX_DAYS} days` });

/** The last finished retention pass over mentions. */
export const retentionPassSchema = z.object({
  /** When it finished. */
  at: z.string(),
  windowDays: z.number().int(),
  /** Mentions published before this instant were due (the start of the Shanghai day `windowDays` ago). */
  cutoff: z.string(),
  /** Mentions deleted (their local scores with them). */
  rows: z.number().int().nonnegative(),
  /** Transactions it took (each at most one slice of mentions). */
  slices: z.number().int().nonnegative(),
  /** Old mentions kept because an alert cites them as a sample. */
  keptForAlerts: z.number().int().nonnegative(),
  /** Old mentions kept because a local change to them (a relabel) is not yet confirmed by the platform. */
  keptPending: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  longestSliceMs: z.number().nonnegative(),
  /** Free pages inside the file gained during the pass × page size (reused by new data; the file does not shrink). */
  freedBytes: z.number().int().nonnegative(),
});
export type RetentionPass = z.infer<typeof retentionPassSchema>;

export const retentionStatusSchema = z.object({
  windowDays: z.number().int(),
  /** Mentions published before this instant are pruned by the next pass. */
  cutoff: z.string(),
  /** page_count × page_size: the database's pages, in use and free (the WAL not counted). */
  databaseBytes: z.number().int().nonnegative(),
  /** freelist_count × page_size: free space inside the file, reused by new data before the file grows. */
  freeBytes: z.number().int().nonnegative(),
  /** A pass is going on now (slice by slice, in the background). */
  running: z.boolean(),
  /** The mentions' published_at index is missing (their first download builds it at the end): no pass until it is back. */
  waitingForIndex: z.boolean(),
  lastPass: retentionPassSchema.nullable(),
  /** Mentions pruned by every pass so far. */
  totalPrunedRows: z.number().int().nonnegative(),
});
export type RetentionStatus = z.infer<typeof retentionStatusSchema>;

/** A P1 the operator is to be told of at once (a desktop notification); its title is the platform's text, untrusted. */
export const attentionAlertSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: alertSeveritySchema,
  subjectType: alertSubjectTypeSchema,
  subjectId: z.string().nullable(),
  openedAt: z.string(),
});
export type AttentionAlert = z.infer<typeof attentionAlertSchema>;

/** What draws the eye to the opinion board from anywhere: the navigation badge and the notifications still to show. */
export const opinionAttentionSchema = z.object({
  /** P1 alerts not closed (open, acknowledged or responding): the overview's "open P1" figure. */
  openP1: z.number().int().nonnegative(),
  /** Alerts past their response SLA that have not started responding (any severity). */
  breached: z.number().int().nonnegative(),
  /** Alerts in either set, each counted once: the badge's number. */
  attention: z.number().int().nonnegative(),
  /**
   * P1 alerts still open (unacknowledged), opened within the detection's recent window, that no
   * window of this cockpit has notified yet (newest first, at most 20 at a time). Older P1s (a
   * first sync of history) never notify.
   */
  pendingNotifications: z.array(attentionAlertSchema),
});
export type OpinionAttention = z.infer<typeof opinionAttentionSchema>;

/** The `opinion.notify` event: alerts just claimed for a notification; the Electron main process shows one per alert. */
export const opinionNotifyEventSchema = z.object({ alerts: z.array(attentionAlertSchema).min(1) });
export type OpinionNotifyEvent = z.infer<typeof opinionNotifyEventSchema>;

/** Longest text of a notification's title or body, in characters (code points). */
export const NOTIFICATION_TEXT_MAX = 120;

// C0 and C1 controls, DEL, the line and paragraph separators: they become spaces.
// eslint-disable-next-line no-control-regex
const NOTIFICATION_BREAKS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
/** Bidi marks, embeddings, overrides and isolates, the byte-order mark, zero-width space: removed. */
const NOTIFICATION_INVISIBLE = /[\u061c\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Untrusted text (an alert title from the internet) made fit for a notification, which shows plain
 * text only: controls and line breaks become spaces, bidi controls are removed (so "gnp.exe" cannot
 * read as "exe.png" and the text's direction cannot spill over the words around it), runs of
 * spaces collapse, and it is cut to `max` characters with an ellipsis. Never markup: callers pass
 * it to APIs that render text (Electron's and the Web Notification API, React text nodes).
 */
export function notificationText(text: string, max: number = NOTIFICATION_TEXT_MAX): string {
  const plain = text.replace(NOTIFICATION_BREAKS, ' ').replace(NOTIFICATION_INVISIBLE, '').replace(/\s+/g, ' ').trim();
  const chars = Array.from(plain);
  return chars.length <= max ? plain : `${chars.slice(0, Math.max(0, max - 1)).join('').trimEnd()}…`;
}

const alertId = z.string().min(1).max(200);
const commandAnswer = z.object({ commandId: z.string() });
const shortText = z.string().trim().min(1).max(2000);
/** An instant for the SLA clock (tests and the e2e's controllable clock); the core's clock otherwise. */
const at = z.string().max(40).optional();

export const opinionMethods = {
  'alerts.list': query(
    z.object({ statuses: z.array(alertStatusSchema).optional(), limit: z.number().int().positive().max(5000).optional() }).strict(),
    z.array(alertRowSchema),
    { synced: true },
  ),
  'alerts.acknowledge': mutation(z.object({ id: z.string().min(1).max(200) }).strict(), z.object({ commandId: z.string() })),
  /** The queue ordered by SLA risk: breached first, then least time left. */
  'alerts.queue': query(
    z.object({
      severities: z.array(alertSeveritySchema).optional(),
      statuses: z.array(alertStatusSchema).optional(),
      topics: z.array(z.string().max(64)).max(20).optional(),
      assigneeId: z.string().max(200).nullable().optional(),
      /** Only alerts assigned to the operator using this cockpit (the person behind the token, from `/v1/me`). */
      mine: z.boolean().optional(),
      at,
      limit: z.number().int().positive().max(5000).optional(),
    }).strict(),
    z.object({
      nowMs: z.number(),
      rows: z.array(alertQueueRowSchema),
      /** Answered with `mine`: the operator's person id, null while the platform has not told who it is (then no rows). */
      operatorId: z.string().nullable().optional(),
    }),
    { synced: true },
  ),
  'alerts.detail': query(z.object({ id: alertId, at }).strict(), alertDetailSchema, { synced: true }),
  'alerts.assign': mutation(z.object({ id: alertId, assigneeId: z.string().min(1).max(200) }).strict(), commandAnswer),
  'alerts.comment': mutation(z.object({ id: alertId, text: shortText }).strict(), commandAnswer),
  'alerts.startResponse': mutation(z.object({ id: alertId, note: z.string().max(2000).optional() }).strict(), commandAnswer),
  'alerts.escalate': mutation(z.object({ id: alertId, level: z.number().int().min(1).max(3), note: z.string().max(2000).optional() }).strict(), commandAnswer),
  'alerts.resolve': mutation(z.object({ id: alertId, resolution: shortText }).strict(), commandAnswer),
  'alerts.dismiss': mutation(z.object({ id: alertId, reason: shortText }).strict(), commandAnswer),
  /** The mentions explorer: newest first. */
  'mentions.search': query(
    z.object({
      text: z.string().max(200).optional(),
      sources: z.array(mentionSourceSchema).optional(),
      labels: z.array(mentionLabelSchema).optional(),
      topics: z.array(z.string().max(64)).max(20).optional(),
      subjectType: z.enum(['merchant', 'sku', 'category']).optional(),
      subjectId: z.string().max(200).optional(),
      limit: z.number().int().positive().max(1000).optional(),
    }).strict(),
    z.array(scoredMentionSchema),
    { synced: true },
  ),
  /** An operator's label (`mention.label` through the outbox); copies of the text take it from then on. */
  'mentions.relabel': mutation(
    z.object({ id: z.string().min(1).max(200), label: mentionLabelSchema, topic: z.enum(OPINION_TOPICS).nullable() }).strict(),
    commandAnswer,
  ),
  /** People an alert can be assigned to. */
  'alerts.assignees': query(
    z.object({}).strict(),
    z.array(z.object({ id: z.string(), name: z.string(), department: z.string() })),
    { synced: true },
  ),
  /**
   * One monitoring step now: score up to `maxBatches` batches of new mentions, detect bursts, queue
   * `alert.open` for them and escalate breached SLAs (what the core's background loop does).
   */
  'opinion.detectNow': mutation(
    z.object({ at, maxBatches: z.number().int().positive().max(1000).optional() }).strict(),
    z.object({ scored: z.number().int(), total: z.number().int(), caughtUp: z.boolean(), opened: z.array(z.string()), escalated: z.number().int() }),
  ),
  /** The open P1 and breached counts for the navigation badge, and the new P1s still to notify (refetch it every few seconds: breaches come with time). */
  'opinion.attention': query(z.object({ at }).strict(), opinionAttentionSchema, { synced: true }),
  /**
   * Marks pending notifications as shown, atomically: answers only the alerts this call claimed
   * (still pending and not claimed before, by this or another window), so each is notified once.
   * The core also emits `opinion.notify` with them (the Electron main process shows them).
   */
  'opinion.claimNotifications': mutation(z.object({ ids: z.array(alertId).min(1).max(50), at }).strict(), z.array(attentionAlertSchema)),
  /** How far scoring has got with the current model. */
  'opinion.scoring': query(
    z.object({}).strict(),
    z.object({ modelVersion: z.string(), scored: z.number().int(), total: z.number().int(), caughtUp: z.boolean() }),
    { synced: true },
  ),
  /** How long mentions are kept, the database's size and free space, and what pruning did. */
  'opinion.retention': query(z.object({}).strict(), retentionStatusSchema, { synced: true }),
  /** Sets how many days of mentions are kept (alerts' sample mentions are kept whatever their age); a pass follows soon. */
  'opinion.setRetention': mutation(z.object({ windowDays: retentionWindowSchema }).strict(), retentionStatusSchema),
};
