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
);
--> statement-breakpoint
CREATE TABLE `merchant_period_windows` (
	`period_days` integer PRIMARY KEY NOT NULL,
	`as_of` text NOT NULL,
	`as_of_day` integer NOT NULL,
	`ready` integer NOT NULL,
	`used_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `metrics_by_date` ON `merchant_metrics` (`date`);