ALTER TABLE `actions` ADD `expires_at` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `reverted_at` text;--> statement-breakpoint
ALTER TABLE `actions` ADD `reverted_by` text;--> statement-breakpoint
CREATE INDEX `actions_expiry_idx` ON `actions` (`status`,`reverted_at`,`expires_at`);