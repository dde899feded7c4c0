CREATE TABLE `outbox_commands` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`resource` text NOT NULL,
	`entity_id` text NOT NULL,
	`base_version` integer,
	`payload` text NOT NULL,
	`issued_at` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`server_entity` text,
	`resolved_at` text,
	`resolution` text,
	`superseded_by` text,
	`result_entity` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_commands_id_unique` ON `outbox_commands` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_by_state` ON `outbox_commands` (`state`,`seq`);--> statement-breakpoint
CREATE INDEX `outbox_by_entity` ON `outbox_commands` (`resource`,`entity_id`,`state`);--> statement-breakpoint
CREATE TABLE `quarantined_records` (
	`resource` text NOT NULL,
	`record_id` text NOT NULL,
	`version` integer,
	`reason` text NOT NULL,
	`raw` text NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quarantined_by_resource` ON `quarantined_records` (`resource`,`record_id`,`version`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_cursors` (
	`resource` text PRIMARY KEY NOT NULL,
	`cursor` text,
	`bootstrap_started_at` text,
	`caught_up_at` text,
	`rows_applied` integer DEFAULT 0 NOT NULL,
	`last_error` text
);
--> statement-breakpoint
CREATE TABLE `sync_seen_ids` (
	`resource` text NOT NULL,
	`id` text NOT NULL,
	PRIMARY KEY(`resource`, `id`)
);
--> statement-breakpoint
CREATE TABLE `sync_shadow_records` (
	`resource` text NOT NULL,
	`entity_key` text NOT NULL,
	`version` integer NOT NULL,
	`record` text,
	PRIMARY KEY(`resource`, `entity_key`)
);
--> statement-breakpoint
CREATE TABLE `sync_tombstones` (
	`resource` text NOT NULL,
	`id` text NOT NULL,
	`version` integer NOT NULL,
	PRIMARY KEY(`resource`, `id`)
);
--> statement-breakpoint
CREATE TABLE `categories` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`name` text NOT NULL,
	`parent_id` text,
	`level` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`name` text NOT NULL,
	`department` text NOT NULL,
	`title` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `merchant_metrics` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`merchant_id` text NOT NULL,
	`date` text NOT NULL,
	`gmv_fen` integer NOT NULL,
	`orders` integer NOT NULL,
	`buyers` integer NOT NULL,
	`repeat_buyers` integer NOT NULL,
	`visits` integer NOT NULL,
	`refund_orders` integer NOT NULL,
	`rating_avg` real,
	`sku_count` integer NOT NULL,
	`active_sku_count` integer NOT NULL,
	`dispute_count` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `metrics_by_merchant_date` ON `merchant_metrics` (`merchant_id`,`date`);--> statement-breakpoint
CREATE TABLE `merchant_packages` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`merchant_id` text NOT NULL,
	`package_id` text NOT NULL,
	`assigned_by` text NOT NULL,
	`assigned_on` text NOT NULL,
	`status` text NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE INDEX `merchant_packages_by_merchant` ON `merchant_packages` (`merchant_id`);--> statement-breakpoint
CREATE TABLE `merchants` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`name` text NOT NULL,
	`shop_type` text NOT NULL,
	`category_id` text NOT NULL,
	`province` text NOT NULL,
	`city` text NOT NULL,
	`opened_on` text NOT NULL,
	`status` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `merchants_by_category` ON `merchants` (`category_id`);--> statement-breakpoint
CREATE TABLE `packages` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`name` text NOT NULL,
	`target_tier` text NOT NULL,
	`description` text NOT NULL,
	`benefits` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tier_overrides` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`merchant_id` text NOT NULL,
	`tier` text NOT NULL,
	`reason` text NOT NULL,
	`set_by` text NOT NULL,
	`expires_on` text
);
--> statement-breakpoint
CREATE INDEX `tier_overrides_by_merchant` ON `tier_overrides` (`merchant_id`);--> statement-breakpoint
CREATE TABLE `risk_events` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`type` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`provinces` text NOT NULL,
	`supplier_ids` text NOT NULL,
	`severity` integer NOT NULL,
	`started_at` text NOT NULL,
	`expected_end_at` text,
	`status` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `skus` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`name` text NOT NULL,
	`category_id` text NOT NULL,
	`is_core` integer NOT NULL,
	`monthly_units` integer NOT NULL,
	`price_fen` integer NOT NULL,
	`unit_cost_fen` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `skus_by_category` ON `skus` (`category_id`);--> statement-breakpoint
CREATE TABLE `suppliers` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`name` text NOT NULL,
	`province` text NOT NULL,
	`city` text NOT NULL,
	`status` text NOT NULL,
	`capacity_units_month` integer NOT NULL,
	`on_time_rate` real NOT NULL,
	`defect_ppm` integer NOT NULL,
	`price_index` real NOT NULL,
	`service_score` real NOT NULL,
	`certifications` text NOT NULL,
	`last_audit_on` text
);
--> statement-breakpoint
CREATE TABLE `supply_links` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`sku_id` text NOT NULL,
	`supplier_id` text NOT NULL,
	`role` text NOT NULL,
	`share` real NOT NULL,
	`qualification` text NOT NULL,
	`qualified_on` text,
	`lead_time_days` integer NOT NULL,
	`unit_cost_fen` integer NOT NULL,
	`moq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `supply_links_by_sku` ON `supply_links` (`sku_id`);--> statement-breakpoint
CREATE INDEX `supply_links_by_supplier` ON `supply_links` (`supplier_id`);--> statement-breakpoint
CREATE TABLE `alerts` (
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
	`sla_due_at` text NOT NULL,
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
CREATE INDEX `alerts_by_status` ON `alerts` (`status`,`sla_due_at`);--> statement-breakpoint
CREATE TABLE `mentions` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`source` text NOT NULL,
	`url` text,
	`author` text,
	`text` text NOT NULL,
	`rating` integer,
	`merchant_id` text,
	`sku_id` text,
	`category_id` text,
	`published_at` text NOT NULL,
	`reach` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mentions_by_published` ON `mentions` (`published_at`);--> statement-breakpoint
CREATE INDEX `mentions_by_merchant` ON `mentions` (`merchant_id`);--> statement-breakpoint
CREATE TABLE `check_ins` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`key_result_id` text NOT NULL,
	`value` real NOT NULL,
	`confidence` real NOT NULL,
	`note` text,
	`author_id` text NOT NULL,
	`checked_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `check_ins_by_key_result` ON `check_ins` (`key_result_id`,`checked_at`);--> statement-breakpoint
CREATE TABLE `key_results` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`objective_id` text NOT NULL,
	`title` text NOT NULL,
	`unit` text NOT NULL,
	`direction` text NOT NULL,
	`start_value` real NOT NULL,
	`target_value` real NOT NULL,
	`current_value` real NOT NULL,
	`owner_id` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `key_results_by_objective` ON `key_results` (`objective_id`);--> statement-breakpoint
CREATE TABLE `objectives` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`team_id` text NOT NULL,
	`title` text NOT NULL,
	`owner_id` text NOT NULL,
	`parent_objective_id` text
);
--> statement-breakpoint
CREATE INDEX `objectives_by_team` ON `objectives` (`team_id`);--> statement-breakpoint
CREATE TABLE `okr_members` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`team_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	`home_department` text NOT NULL,
	`joined_on` text NOT NULL,
	`left_on` text
);
--> statement-breakpoint
CREATE INDEX `okr_members_by_team` ON `okr_members` (`team_id`);--> statement-breakpoint
CREATE TABLE `okr_teams` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`name` text NOT NULL,
	`mission` text NOT NULL,
	`category_id` text,
	`sponsor_id` text NOT NULL,
	`lead_id` text NOT NULL,
	`status` text NOT NULL,
	`starts_on` text NOT NULL,
	`ends_on` text NOT NULL,
	`retrospective` text
);
--> statement-breakpoint
CREATE TABLE `kpi_points` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`updated_at` text NOT NULL,
	`metric` text NOT NULL,
	`scope` text NOT NULL,
	`ts` text NOT NULL,
	`value` real NOT NULL
);
--> statement-breakpoint
CREATE INDEX `kpi_points_by_metric` ON `kpi_points` (`metric`,`scope`,`ts`);