ALTER TABLE `actions` ADD `revert_done_at` text;--> statement-breakpoint
UPDATE `actions` SET `revert_done_at` = `reverted_at` WHERE `reverted_at` IS NOT NULL;--> statement-breakpoint
CREATE INDEX `actions_revert_unconfirmed_idx` ON `actions` (`reverted_at`) WHERE "actions"."reverted_at" IS NOT NULL AND "actions"."revert_done_at" IS NULL;
