CREATE TABLE `mention_labels` (
	`mention_id` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`topic` text,
	`text_key` text NOT NULL,
	`text` text NOT NULL,
	`labelled_by` text,
	`labelled_at` text NOT NULL,
	`command_id` text
);
--> statement-breakpoint
CREATE INDEX `mention_labels_by_text_key` ON `mention_labels` (`text_key`);--> statement-breakpoint
CREATE TABLE `mention_scores` (
	`mention_id` text PRIMARY KEY NOT NULL,
	`mention_version` integer NOT NULL,
	`model_version` text NOT NULL,
	`score` real NOT NULL,
	`label` text NOT NULL,
	`topic` text,
	`label_source` text NOT NULL,
	`drivers` text NOT NULL,
	`topic_words` text NOT NULL,
	`text_key` text NOT NULL,
	`scored_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mention_scores_by_label` ON `mention_scores` (`label`,`topic`);--> statement-breakpoint
CREATE INDEX `mention_scores_by_text_key` ON `mention_scores` (`text_key`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`dedup_key` text NOT NULL,
	`title` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`subject_type` text NOT NULL,
	`subject_id` text,
	`topic` text,
	`opened_at` text NOT NULL,
	`sla_due_at` text,
	`acknowledged_at` text,
	`acknowledged_by` text,
	`assignee_id` text,
	`resolved_at` text,
	`resolution` text,
	`mention_ids` text NOT NULL,
	`mention_count` integer NOT NULL,
	`negative_share` real NOT NULL,
	`escalation_level` integer NOT NULL,
	`comments` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_alerts`("id", "version", "updated_at", "dedup_key", "title", "severity", "status", "subject_type", "subject_id", "topic", "opened_at", "sla_due_at", "acknowledged_at", "acknowledged_by", "assignee_id", "resolved_at", "resolution", "mention_ids", "mention_count", "negative_share", "escalation_level", "comments") SELECT "id", "version", "updated_at", "dedup_key", "title", "severity", "status", "subject_type", "subject_id", "topic", "opened_at", "sla_due_at", "acknowledged_at", "acknowledged_by", "assignee_id", "resolved_at", "resolution", "mention_ids", "mention_count", "negative_share", "escalation_level", "comments" FROM `alerts`;--> statement-breakpoint
DROP TABLE `alerts`;--> statement-breakpoint
ALTER TABLE `__new_alerts` RENAME TO `alerts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `alerts_by_status` ON `alerts` (`status`,`sla_due_at`);--> statement-breakpoint
ALTER TABLE `mentions` ADD `label` text;--> statement-breakpoint
ALTER TABLE `mentions` ADD `topic` text;