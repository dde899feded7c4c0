-- The sums are read 400k rows at a time in primary-key order and updated by key on every synced
-- metric row: WITHOUT ROWID keeps them in one B-tree instead of a table plus its key index
-- (drizzle's schema cannot say it; the columns stay exactly those of migration 0003).
DROP TABLE `merchant_period_sums`;
--> statement-breakpoint
CREATE TABLE `merchant_period_sums` (
	`period_days` integer NOT NULL,
	`merchant_id` text NOT NULL,
	`win` integer NOT NULL,
	`days` integer NOT NULL,
	`gmv_fen` integer NOT NULL,
	`orders` integer NOT NULL,
	`buyers` integer NOT NULL,
	`repeat_buyers` integer NOT NULL,
	`refund_orders` integer NOT NULL,
	`rating_micro_times_orders` integer NOT NULL,
	`rated_orders` integer NOT NULL,
	`sku_count` integer NOT NULL,
	`active_sku_count` integer NOT NULL,
	`dispute_count` integer NOT NULL,
	PRIMARY KEY(`period_days`, `merchant_id`, `win`)
) WITHOUT ROWID;
