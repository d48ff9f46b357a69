CREATE INDEX `actions_case_idx` ON `actions` (`case_id`);--> statement-breakpoint
CREATE INDEX `cases_open_idx` ON `cases` (`id`) WHERE "cases"."status" <> 'resolved';