-- Reads of one breakdown's buckets over a time range for every prompt (the alert evaluator, the
-- dashboards' all-versions tables) had no index: the primary key starts with the prompt, and the time
-- index lacked the breakdown, so each of its rows cost a fetch of the bucket row to test it. The time
-- index takes the breakdown as its second column instead (no extra index to maintain at ingest); the
-- retention purge, its other user, deletes one breakdown at a time.
DROP INDEX ix_rollup_bucket_time;
CREATE INDEX ix_rollup_bucket_time ON rollup_bucket (window_minutes, breakdown, bucket_start);
