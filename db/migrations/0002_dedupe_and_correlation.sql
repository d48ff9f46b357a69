CREATE TABLE `case_entities` (
	`case_id` integer NOT NULL,
	`kind` text NOT NULL,
	`value` text NOT NULL,
	`last_seen_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `kind`, `value`)
);
--> statement-breakpoint
CREATE INDEX `case_entities_lookup_idx` ON `case_entities` (`kind`,`value`,`last_seen_at`);--> statement-breakpoint
CREATE TABLE `slack_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`received_at` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `alerts` ADD `fingerprint` text;--> statement-breakpoint
ALTER TABLE `alerts` ADD `relation` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `fingerprint` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `occurrences` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `cases` ADD `last_seen_at` text;--> statement-breakpoint
CREATE INDEX `cases_fingerprint_idx` ON `cases` (`fingerprint`,`last_seen_at`);