-- The analyses read one or two values of each of a prompt's records (100,000s of them): through an
-- index that holds those values Derby answers from the index alone instead of fetching every
-- record's row (wide: hashes, texts) from the table. It takes the place of the (prompt, version,
-- time) index of V3, whose leading columns it keeps.
DROP INDEX ix_execution_prompt_version_ts;
-- Numbers before strings: Derby decodes an index row's columns up to the last one a query needs.
CREATE INDEX ix_execution_analysis ON execution (prompt_id, version, ts, success, quality_score, latency_ms, cost,
    total_tokens, user_feedback, temperature, model, template_id, difficulty);
