DROP INDEX IF EXISTS `metrics_by_merchant_date`;--> statement-breakpoint
DROP INDEX IF EXISTS `metrics_by_date`;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `metrics_by_date_merchant` ON `merchant_metrics` (`date`,`merchant_id`);