CREATE TABLE `approval_votes` (
	`approval_id` text NOT NULL,
	`user_id` text NOT NULL,
	`vote` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`approval_id`, `user_id`)
);
--> statement-breakpoint
ALTER TABLE `approvals` ADD `quorum` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `approvals` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `approvals` ADD `expiry` text;--> statement-breakpoint
ALTER TABLE `approvals` ADD `escalations` integer DEFAULT 0 NOT NULL;