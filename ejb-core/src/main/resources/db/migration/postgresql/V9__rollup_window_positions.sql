-- Each rollup window keeps its own read position (rollup_state.id = the window's minutes), so the
-- coarse windows fold many more records per transaction than the fine ones: a 7-day bucket is
-- rewritten once per 50,000 records instead of once per 2,000. Row 1 (the 1-minute window) was
-- the position of every window until now; the others start from it.
INSERT INTO rollup_state (id, last_record_id, updated_at) SELECT 5, last_record_id, updated_at FROM rollup_state WHERE id = 1;
INSERT INTO rollup_state (id, last_record_id, updated_at) SELECT 60, last_record_id, updated_at FROM rollup_state WHERE id = 1;
INSERT INTO rollup_state (id, last_record_id, updated_at) SELECT 1440, last_record_id, updated_at FROM rollup_state WHERE id = 1;
INSERT INTO rollup_state (id, last_record_id, updated_at) SELECT 10080, last_record_id, updated_at FROM rollup_state WHERE id = 1;
