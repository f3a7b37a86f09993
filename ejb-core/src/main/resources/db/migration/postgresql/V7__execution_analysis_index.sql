-- The analyses read one or two values of each of a prompt's records (100,000s of them): with those
-- values in the index an index-only scan answers them instead of fetching every record's row. It
-- takes the place of the (prompt, version, time) index of V3, whose key it keeps.
DROP INDEX ix_execution_prompt_version_ts;
CREATE INDEX ix_execution_analysis ON execution (prompt_id, version, ts)
    INCLUDE (success, quality_score, latency_ms, cost, total_tokens, user_feedback, temperature, model, template_id, difficulty);
