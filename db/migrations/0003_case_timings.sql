ALTER TABLE `cases` ADD `evidence_at` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `triaged_at` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `closed_at` text;