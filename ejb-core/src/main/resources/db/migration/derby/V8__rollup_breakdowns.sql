-- Rollup buckets by breakdown (io.promptwatch.metrics.control.Breakdown): besides a prompt version x
-- model x domain (0) and all prompts x model x domain (4), a record now also counts in its prompt's
-- (1), its prompt version's (2) and its prompt x model's (3) bucket, so that a prompt's series reads
-- one bucket per time slot instead of one per version x model x domain ('' in a dimension the
-- breakdown sums over). The buckets are rebuilt: the rollup worker reads every record again.
DROP TABLE rollup_bucket;
CREATE TABLE rollup_bucket (
    window_minutes     INTEGER       NOT NULL,
    breakdown          SMALLINT      NOT NULL,
    prompt_id          VARCHAR(64)   NOT NULL,
    bucket_start       TIMESTAMP     NOT NULL,
    version            VARCHAR(64)   NOT NULL,
    model              VARCHAR(128)  NOT NULL,
    domain             VARCHAR(128)  NOT NULL,
    executions         BIGINT        NOT NULL,
    successes          BIGINT        NOT NULL,
    latency_count      BIGINT        NOT NULL,
    latency_sum        DOUBLE        NOT NULL,
    latency_max        DOUBLE,
    input_tokens_count BIGINT        NOT NULL,
    input_tokens_sum   BIGINT        NOT NULL,
    output_tokens_count BIGINT       NOT NULL,
    output_tokens_sum  BIGINT        NOT NULL,
    total_tokens_count BIGINT        NOT NULL,
    total_tokens_sum   BIGINT        NOT NULL,
    cost_count         BIGINT        NOT NULL,
    cost_sum           DOUBLE        NOT NULL,
    feedback_count     BIGINT        NOT NULL,
    feedback_sum       BIGINT        NOT NULL,
    quality_count      BIGINT        NOT NULL,
    quality_sum        DOUBLE        NOT NULL,
    errors             VARCHAR(4000),
    latency_sketch     VARCHAR(32672) FOR BIT DATA,
    users_sketch       VARCHAR(32672) FOR BIT DATA,
    CONSTRAINT pk_rollup_bucket PRIMARY KEY (window_minutes, breakdown, prompt_id, bucket_start, version, model, domain)
);
CREATE INDEX ix_rollup_bucket_time ON rollup_bucket (window_minutes, bucket_start);
UPDATE rollup_state SET last_record_id = 0, updated_at = CURRENT_TIMESTAMP WHERE id = 1;
