import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { jsonText, syncedRecordColumns } from './columns';

export const mentions = sqliteTable(
  'mentions',
  {
    ...syncedRecordColumns(),
    source: text('source').notNull(),
    url: text('url'),
    author: text('author'),
    text: text('text').notNull(),
    rating: integer('rating'),
    merchantId: text('merchant_id'),
    skuId: text('sku_id'),
    categoryId: text('category_id'),
    publishedAt: text('published_at').notNull(),
    reach: integer('reach').notNull(),
    /** Set once an operator labelled the mention (`mention.label`); the platform sends them back. */
    label: text('label'),
    topic: text('topic'),
  },
  (t) => [index('mentions_by_published').on(t.publishedAt), index('mentions_by_merchant').on(t.merchantId)],
);

export interface AlertComment {
  author_id: string;
  text: string;
  at: string;
}

export const alerts = sqliteTable(
  'alerts',
  {
    ...syncedRecordColumns(),
    dedupKey: text('dedup_key').notNull(),
    title: text('title').notNull(),
    severity: text('severity').notNull(),
    status: text('status').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id'),
    topic: text('topic'),
    openedAt: text('opened_at').notNull(),
    /** Null when the platform set none: the alert list applies the response-time rule then. */
    slaDueAt: text('sla_due_at'),
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    assigneeId: text('assignee_id'),
    resolvedAt: text('resolved_at'),
    resolution: text('resolution'),
    mentionIds: jsonText<string[]>('mention_ids').notNull(),
    mentionCount: integer('mention_count').notNull(),
    negativeShare: real('negative_share').notNull(),
    escalationLevel: integer('escalation_level').notNull(),
    comments: jsonText<AlertComment[]>('comments').notNull(),
  },
  (t) => [index('alerts_by_status').on(t.status, t.slaDueAt)],
);
