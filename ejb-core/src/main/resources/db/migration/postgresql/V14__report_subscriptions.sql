-- Report digests (README "Reports"): which stored reports go to which alerting channels. A daily
-- subscription names its prompt or none (every prompt); a comprehensive one none. channels holds
-- channel ids (alert_channel.id) separated by commas, as alert_rule.channels does: a channel deleted
-- later is skipped when a digest is sent.

CREATE TABLE report_subscription (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    type        VARCHAR(16)   NOT NULL,
    prompt_id   VARCHAR(64),
    channels    VARCHAR(2000) NOT NULL,
    created_at  TIMESTAMP     NOT NULL,
    created_by  VARCHAR(200)
);

-- A stored report looks up the subscriptions of its type.
CREATE INDEX ix_report_subscription_type ON report_subscription (type, prompt_id);
