-- The cache generation (README "Scaling out"): one row whose number a transaction that changes what
-- servers cache (a deploy, a rollback, a key revoked or rotated, an experiment started or stopped)
-- raises before it commits. Every server polls it (promptwatch.cache.invalidation-poll-ms) and clears
-- its caches when it has moved, so a change made on one server reaches the others within the poll.
CREATE TABLE cache_generation (
    id          SMALLINT  NOT NULL PRIMARY KEY,
    generation  BIGINT    NOT NULL,
    changed_at  TIMESTAMP NOT NULL
);

INSERT INTO cache_generation (id, generation, changed_at) VALUES (1, 0, CURRENT_TIMESTAMP);
