-- Indexes nothing reads any more cost every insert: only unparsed alerts are looked up by status (newest first),
-- and the audit log's time index was replaced by the partial index of analyst touches (0010).
DROP INDEX `alerts_status_idx`;--> statement-breakpoint
CREATE INDEX `alerts_unparsed_idx` ON `alerts` (`received_at`) WHERE status = 'unparsed';--> statement-breakpoint
DROP INDEX `audit_events_at_idx`;