package io.promptwatch.alerting.entity;

/** Where notifications go: a signed JSON webhook, a Slack-compatible incoming webhook, or e-mail. */
public enum ChannelType {
    WEBHOOK, SLACK, EMAIL;

    public String label() {
        return name().toLowerCase();
    }
}
