package io.promptwatch.api.alerting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.promptwatch.alerting.entity.AlertChannel;
import io.promptwatch.alerting.entity.ChannelType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What an answer shows of a channel's URL: never a Slack webhook's path (its secret), never a password. */
class ChannelsResourceTest {

    private static String shown(ChannelType type, String url) {
        return ChannelsResource.shownUrl(new AlertChannel("c", type, url, null, List.of(), "test", Instant.EPOCH));
    }

    @Test
    void aSlackUrlShowsItsHostAndFirstSegmentOnly() {
        assertEquals("https://hooks.slack.com/services/…",
                shown(ChannelType.SLACK, "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX"));
        // A one-segment path may be the secret itself (a Slack-compatible server's /hook-token).
        assertEquals("https://chat.example.com:8443/…", shown(ChannelType.SLACK, "https://chat.example.com:8443/s3cr3t"));
        assertEquals("https://chat.example.com/…", shown(ChannelType.SLACK, "https://chat.example.com?token=s3cr3t"));
        assertEquals("https://chat.example.com", shown(ChannelType.SLACK, "https://chat.example.com"));
        assertEquals("https://…@chat.example.com/hooks/…", shown(ChannelType.SLACK, "https://u:p@chat.example.com/hooks/x/y"));
    }

    @Test
    void aWebhookUrlIsShownButItsUserAndPassword() {
        assertEquals("https://ops.example.com/hooks/alerts?team=a",
                shown(ChannelType.WEBHOOK, "https://ops.example.com/hooks/alerts?team=a"));
        assertEquals("http://…@10.0.0.5:9000/in?x=1#f", shown(ChannelType.WEBHOOK, "http://bot:pa55@10.0.0.5:9000/in?x=1#f"));
    }

    @Test
    void anEmailChannelHasNoUrl() {
        assertNull(ChannelsResource.shownUrl(new AlertChannel("c", ChannelType.EMAIL, null, null, List.of("ops@example.com"),
                "test", Instant.EPOCH)));
    }
}
