-- Bucket rows in line, sketches uncompressed. A bucket of an hour or more is ~6 kB, most of it the two
-- sketches; at PostgreSQL's default (toast_tuple_target 2 kB, storage EXTENDED) the KLL sketch was
-- compressed with pglz (2.2 to 1) and the HLL sketch moved to the TOAST table, so each bucket read was
-- a pglz decompression plus TOAST index and chunk fetches. On a copy of the buckets of a 10 M-record
-- benchmark, the 750 buckets of a models table over 7 days took the server 25 ms to read this way and
-- 6 ms in line (EXPLAIN ANALYZE with SERIALIZE; README Performance). Rows up to a page now stay in line,
-- one bucket a page; larger ones still move out, uncompressed. Existing rows take the new layout when
-- the rollups next rewrite them; closed buckets keep theirs.
ALTER TABLE rollup_bucket SET (toast_tuple_target = 8160);
ALTER TABLE rollup_bucket ALTER COLUMN latency_sketch SET STORAGE EXTERNAL;
ALTER TABLE rollup_bucket ALTER COLUMN users_sketch SET STORAGE EXTERNAL;
