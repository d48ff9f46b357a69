CREATE INDEX `alerts_received_idx` ON `alerts` (`received_at`);--> statement-breakpoint
CREATE INDEX `approvals_requested_idx` ON `approvals` (`requested_at`);--> statement-breakpoint
CREATE INDEX `audit_events_at_idx` ON `audit_events` (`at`);--> statement-breakpoint
CREATE INDEX `cases_created_idx` ON `cases` (`created_at`);