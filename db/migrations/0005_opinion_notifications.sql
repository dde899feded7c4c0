CREATE TABLE `opinion_notifications` (
	`alert_id` text PRIMARY KEY NOT NULL,
	`notified_at` text NOT NULL
);
