CREATE TABLE `merchant_tier_assignments` (
	`snapshot_id` integer NOT NULL,
	`merchant_id` text NOT NULL,
	`tier` text,
	`computed_tier` text,
	`score` real NOT NULL,
	`gmv_fen` integer NOT NULL,
	`gmv_prev_fen` integer NOT NULL,
	PRIMARY KEY(`snapshot_id`, `merchant_id`)
);
--> statement-breakpoint
CREATE INDEX `tier_assignments_by_merchant` ON `merchant_tier_assignments` (`merchant_id`,`snapshot_id`);--> statement-breakpoint
CREATE TABLE `merchant_tier_snapshots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`taken_at` text NOT NULL,
	`as_of` text NOT NULL,
	`period_days` integer NOT NULL,
	`rule_set_version` integer NOT NULL,
	`rule_set_name` text NOT NULL,
	`merchant_count` integer NOT NULL
);
