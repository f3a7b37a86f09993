-- Windowed metrics (SPEC §3) and the compact idempotency key of execution records.
--
-- exec_key: a 64-bit hash of the client's execution id (open addressing: a colliding id takes the
-- next free key). V5 fills it for records stored before this version, V6 makes it the unique key
-- in place of the 128-character execution_id constraint, whose index made every insert slower.
ALTER TABLE execution ADD COLUMN exec_key BIGINT;
-- Only while V5 fills the keys; V6 replaces it with the unique constraint.
CREATE INDEX ix_execution_key ON execution (exec_key);

-- One row per window x bucket x prompt x version x model x domain ('' when the record has none).
-- Counts and sums are exact; latency percentiles and unique users come from the serialised
-- sketches (DataSketches KLL and HLL), which merge across buckets. errors: "type<TAB>count" lines.
CREATE TABLE rollup_bucket (
    window_minutes     INTEGER       NOT NULL,
    prompt_id          VARCHAR(64)   NOT NULL,
    bucket_start       TIMESTAMP     NOT NULL,
    version            VARCHAR(64)   NOT NULL,
    model              VARCHAR(128)  NOT NULL,
    domain             VARCHAR(128)  NOT NULL,
    executions         BIGINT        NOT NULL,
    successes          BIGINT        NOT NULL,
    latency_count      BIGINT        NOT NULL,
    latency_sum        DOUBLE PRECISION      NOT NULL,
    latency_max        DOUBLE PRECISION,
    input_tokens_count BIGINT        NOT NULL,
    input_tokens_sum   BIGINT        NOT NULL,
    output_tokens_count BIGINT       NOT NULL,
    output_tokens_sum  BIGINT        NOT NULL,
    total_tokens_count BIGINT        NOT NULL,
    total_tokens_sum   BIGINT        NOT NULL,
    cost_count         BIGINT        NOT NULL,
    cost_sum           DOUBLE PRECISION      NOT NULL,
    feedback_count     BIGINT        NOT NULL,
    feedback_sum       BIGINT        NOT NULL,
    quality_count      BIGINT        NOT NULL,
    quality_sum        DOUBLE PRECISION      NOT NULL,
    errors             VARCHAR(4000),
    latency_sketch     BYTEA,
    users_sketch       BYTEA,
    CONSTRAINT pk_rollup_bucket PRIMARY KEY (window_minutes, prompt_id, bucket_start, version, model, domain)
);
-- Queries across prompts (by model, by version) and the retention purge select a window's time range.
CREATE INDEX ix_rollup_bucket_time ON rollup_bucket (window_minutes, bucket_start);

-- How far the rollups have read the execution table (ids are assigned in commit order).
CREATE TABLE rollup_state (
    id             SMALLINT   NOT NULL PRIMARY KEY,
    last_record_id BIGINT     NOT NULL,
    updated_at     TIMESTAMP  NOT NULL
);
INSERT INTO rollup_state (id, last_record_id, updated_at) VALUES (1, 0, CURRENT_TIMESTAMP);
