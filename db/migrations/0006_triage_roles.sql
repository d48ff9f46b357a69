CREATE TABLE `tickets` (
	`key` text PRIMARY KEY NOT NULL,
	`tracker_id` text NOT NULL,
	`url` text NOT NULL,
	`tracker` text NOT NULL,
	`case_id` integer NOT NULL,
	`alert_id` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tickets_case_idx` ON `tickets` (`case_id`);--> statement-breakpoint
CREATE INDEX `tickets_alert_idx` ON `tickets` (`alert_id`);--> statement-breakpoint
ALTER TABLE `approvals` ADD `details` text;