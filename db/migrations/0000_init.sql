CREATE TABLE `actions` (
	`id` text PRIMARY KEY NOT NULL,
	`idempotency_key` text NOT NULL,
	`case_id` integer NOT NULL,
	`approval_id` text,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`request` text NOT NULL,
	`status` text NOT NULL,
	`result` text,
	`error` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `actions_idempotency_key_idx` ON `actions` (`idempotency_key`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`source` text NOT NULL,
	`submitted_by` text NOT NULL,
	`content_type` text,
	`raw` blob NOT NULL,
	`raw_sha256` text NOT NULL,
	`status` text NOT NULL,
	`error` text,
	`normalized` text,
	`case_id` integer,
	`received_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `alerts_status_idx` ON `alerts` (`status`);--> statement-breakpoint
CREATE INDEX `alerts_case_idx` ON `alerts` (`case_id`);--> statement-breakpoint
CREATE TABLE `approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` integer NOT NULL,
	`action` text NOT NULL,
	`target` text NOT NULL,
	`parameters` text NOT NULL,
	`rationale` text NOT NULL,
	`action_hash` text NOT NULL,
	`policy_hash` text NOT NULL,
	`approvers` text NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` text NOT NULL,
	`status` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`reason` text,
	`channel_id` text,
	`card_ts` text,
	`resumed_at` text
);
--> statement-breakpoint
CREATE INDEX `approvals_status_idx` ON `approvals` (`status`);--> statement-breakpoint
CREATE INDEX `approvals_case_idx` ON `approvals` (`case_id`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`case_id` integer,
	`type` text NOT NULL,
	`actor` text NOT NULL,
	`data` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_events_case_idx` ON `audit_events` (`case_id`);--> statement-breakpoint
CREATE TABLE `blocklist_entries` (
	`ip` text PRIMARY KEY NOT NULL,
	`case_id` integer,
	`action_id` text,
	`added_at` text NOT NULL,
	`expires_at` text
);
--> statement-breakpoint
CREATE TABLE `cases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`title` text NOT NULL,
	`severity` text NOT NULL,
	`status` text NOT NULL,
	`requested_by` text NOT NULL,
	`channel_id` text,
	`root_ts` text,
	`summary` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
