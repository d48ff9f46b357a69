ALTER TABLE `approvals` ADD `escalation_told_at` text;--> statement-breakpoint
-- Escalations from before this column was kept were told as they happened.
UPDATE `approvals` SET `escalation_told_at` = `requested_at` WHERE `escalations` > 0;
