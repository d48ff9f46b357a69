CREATE TABLE `owed_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text NOT NULL,
	`notes` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `cases` ADD `told_through` integer;