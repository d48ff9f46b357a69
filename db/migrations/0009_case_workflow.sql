ALTER TABLE `cases` ADD `workflow` text DEFAULT 'triage' NOT NULL;--> statement-breakpoint
UPDATE `cases` SET `workflow` = 'onboarding' WHERE `fingerprint` LIKE 'onboard:%';--> statement-breakpoint
UPDATE `cases` SET `workflow` = 'offboarding' WHERE `fingerprint` IS NULL AND EXISTS (SELECT 1 FROM `audit_events` WHERE `audit_events`.`case_id` = `cases`.`id` AND `audit_events`.`type` = 'offboarding.requested');--> statement-breakpoint
CREATE INDEX `cases_workflow_status_idx` ON `cases` (`workflow`,`status`);
