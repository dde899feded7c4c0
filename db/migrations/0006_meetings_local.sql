CREATE TABLE `meeting_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`note_id` text,
	`title` text NOT NULL,
	`owner` text NOT NULL,
	`due_on` text,
	`status` text NOT NULL,
	`converted_kind` text,
	`converted_target_id` text,
	`converted_command_id` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `meeting_actions_by_note` ON `meeting_actions` (`note_id`);--> statement-breakpoint
CREATE INDEX `meeting_actions_by_status` ON `meeting_actions` (`status`,`due_on`);--> statement-breakpoint
CREATE TABLE `meeting_notes` (
	`id` text PRIMARY KEY NOT NULL,
	`meeting_on` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `meeting_notes_by_day` ON `meeting_notes` (`meeting_on`);