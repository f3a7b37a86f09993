-- The first and last record time a bucket counts (null: unknown, for buckets written before this
-- column). A range that reaches now may read its last part as one coarse bucket holding no record
-- after the range's end (MetricsQuery.lastSlot): the last 7 days end with the week bucket since Monday.
ALTER TABLE rollup_bucket ADD COLUMN first_at TIMESTAMP;
ALTER TABLE rollup_bucket ADD COLUMN last_at TIMESTAMP;

-- A bucket row is 4-7 kB, most of it the two sketches, which do not compress. At PostgreSQL's default
-- (toast_tuple_target 2 kB) each sketch was tried with pglz and then moved out of line, so every bucket
-- read was a heap fetch plus TOAST index and chunk fetches (a 7-day table reads ~750 buckets).
-- Rows up to a page now stay in line (one bucket a page); larger ones still move out, uncompressed.
ALTER TABLE rollup_bucket SET (toast_tuple_target = 8160);
ALTER TABLE rollup_bucket ALTER COLUMN latency_sketch SET STORAGE EXTERNAL;
ALTER TABLE rollup_bucket ALTER COLUMN users_sketch SET STORAGE EXTERNAL;
