-- API keys may expire, record when they were last used (written from memory every few seconds, not
-- per request), keep the hash of the secret a rotation replaced with the end of its grace period,
-- and carry their own rate limits (NULL: the settings of the key's roles apply).
ALTER TABLE api_key ADD COLUMN expires_at TIMESTAMP;
ALTER TABLE api_key ADD COLUMN last_used_at TIMESTAMP;
ALTER TABLE api_key ADD COLUMN rotated_at TIMESTAMP;
ALTER TABLE api_key ADD COLUMN previous_hash CHAR(64);
ALTER TABLE api_key ADD COLUMN previous_valid_until TIMESTAMP;
ALTER TABLE api_key ADD COLUMN ingest_per_second BIGINT;
ALTER TABLE api_key ADD COLUMN ingest_burst BIGINT;
ALTER TABLE api_key ADD COLUMN analysis_per_second BIGINT;
ALTER TABLE api_key ADD COLUMN analysis_burst BIGINT;
-- A secret that is not the current one of any key is looked up here (cache misses only).
CREATE INDEX ix_api_key_previous_hash ON api_key (previous_hash);
