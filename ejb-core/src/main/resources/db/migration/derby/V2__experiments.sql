-- Experiments: a declared comparison of a prompt's versions with server-side assignment.

CREATE TABLE experiment (
    id               VARCHAR(36)   NOT NULL PRIMARY KEY,
    prompt_id        VARCHAR(64)   NOT NULL REFERENCES prompt (id),
    name             VARCHAR(200)  NOT NULL,
    metric           VARCHAR(20)   NOT NULL,
    alpha            DOUBLE        NOT NULL,
    power            DOUBLE        NOT NULL,
    min_effect       DOUBLE        NOT NULL,
    baseline_rate    DOUBLE,
    baseline_sd      DOUBLE,
    required_per_arm BIGINT        NOT NULL,
    status           VARCHAR(10)   NOT NULL,
    created_at       TIMESTAMP     NOT NULL,
    created_by       VARCHAR(200)  NOT NULL,
    stopped_at       TIMESTAMP,
    stopped_by       VARCHAR(200),
    stop_reason      VARCHAR(2000),
    decision         VARCHAR(40),
    winner           VARCHAR(64)
);
CREATE INDEX ix_experiment_prompt ON experiment (prompt_id, status);

CREATE TABLE experiment_arm (
    experiment_id VARCHAR(36) NOT NULL REFERENCES experiment (id),
    position      INTEGER     NOT NULL,
    version       VARCHAR(64) NOT NULL,
    weight        DOUBLE      NOT NULL,
    CONSTRAINT pk_experiment_arm PRIMARY KEY (experiment_id, position)
);
