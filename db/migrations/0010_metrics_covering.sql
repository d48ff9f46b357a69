DROP INDEX `alerts_received_idx`;--> statement-breakpoint
CREATE INDEX `alerts_received_idx` ON `alerts` (`received_at`,`relation`,`status`);--> statement-breakpoint
CREATE INDEX `audit_events_touch_idx` ON `audit_events` (`at`,`case_id`) WHERE (actor GLOB 'U[A-Z0-9]*' OR actor GLOB 'W[A-Z0-9]*') AND type IN ('alert.received', 'approval.decided', 'approval.refused');