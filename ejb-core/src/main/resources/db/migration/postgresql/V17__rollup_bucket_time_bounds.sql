-- The time of the latest record a bucket counts (null: unknown, for buckets written before this
-- column). A range that reaches now may read its last part as one coarse bucket holding no record
-- after the range's end (MetricsQuery.lastSlot): the last 7 days end with the week bucket since Monday.
ALTER TABLE rollup_bucket ADD COLUMN last_at TIMESTAMP;
