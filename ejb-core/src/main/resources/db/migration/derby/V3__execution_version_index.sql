-- Analyses and experiments select a prompt's records by version and time: without this index such a
-- selection scans every record of the prompt (measured: 1.3 s for 10,000 of 210,000 records).
CREATE INDEX ix_execution_prompt_version_ts ON execution (prompt_id, version, ts);
