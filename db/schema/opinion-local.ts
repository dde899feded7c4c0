import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { jsonText } from './columns';

/** A word or phrase that moved a mention's score (the sentiment engine's Driver). */
export interface MentionScoreDriver {
  text: string;
  weight: number;
}

/**
 * Local, never synced: the sentiment engine's verdict on each mention, next to the mention (same
 * id), with the model version that produced it, so a model change can rescore in the background
 * and a changed mention (higher version) is scored again. `label`/`topic` are the effective ones:
 * an operator's relabel of the same or a near-duplicate text wins over the model (`label_source`).
 */
export const mentionScores = sqliteTable(
  'mention_scores',
  {
    mentionId: text('mention_id').primaryKey(),
    mentionVersion: integer('mention_version').notNull(),
    modelVersion: text('model_version').notNull(),
    /** In [-1, 1], the model's score (kept even when an operator's label decides). */
    score: real('score').notNull(),
    label: text('label', { enum: ['positive', 'neutral', 'negative'] }).notNull(),
    /** Platform topic vocabulary (food_safety, fraud, …); null unless negative. */
    topic: text('topic'),
    labelSource: text('label_source', { enum: ['model', 'operator'] }).notNull(),
    drivers: jsonText<MentionScoreDriver[]>('drivers').notNull(),
    topicWords: jsonText<string[]>('topic_words').notNull(),
    /** The normalised text (near-duplicates share it): how an operator's relabel reaches copies. */
    textKey: text('text_key').notNull(),
    scoredAt: text('scored_at').notNull(),
  },
  (t) => [index('mention_scores_by_label').on(t.label, t.topic), index('mention_scores_by_text_key').on(t.textKey)],
);

/** Operators' relabels (`mention.label`), kept for good: later copies of the text take them, and calibration can learn from them. */
export const mentionLabels = sqliteTable(
  'mention_labels',
  {
    mentionId: text('mention_id').primaryKey(),
    label: text('label', { enum: ['positive', 'neutral', 'negative'] }).notNull(),
    topic: text('topic'),
    textKey: text('text_key').notNull(),
    text: text('text').notNull(),
    labelledBy: text('labelled_by'),
    labelledAt: text('labelled_at').notNull(),
    commandId: text('command_id'),
  },
  (t) => [index('mention_labels_by_text_key').on(t.textKey)],
);

/**
 * Which alerts this cockpit has already notified the operator of (a desktop notification per new
 * P1, never two): `opinion.claimNotifications` inserts a row per alert it claims, `INSERT OR
 * IGNORE` on the primary key, so two windows asking at once notify one alert once. Rows older than
 * a week are pruned (an alert that old is long out of the notification window).
 */
export const opinionNotifications = sqliteTable('opinion_notifications', {
  alertId: text('alert_id').primaryKey(),
  /** When it was claimed (RFC 3339, UTC). */
  notifiedAt: text('notified_at').notNull(),
});
