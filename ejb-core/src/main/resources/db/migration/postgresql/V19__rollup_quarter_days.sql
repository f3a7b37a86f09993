-- The 6h window (quarter days at 00:00, 06:00, 12:00 and 18:00 UTC) keeps its read position in row
-- 360, its minutes. It starts from the first record, so that its buckets hold every record still
-- within its retention (promptwatch.metrics.retention.6h) and not only those stored from now on.
INSERT INTO rollup_state (id, last_record_id, updated_at) VALUES (360, 0, CURRENT_TIMESTAMP);
