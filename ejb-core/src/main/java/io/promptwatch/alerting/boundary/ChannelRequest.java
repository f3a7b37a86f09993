package io.promptwatch.alerting.boundary;

import java.util.List;

/** A channel as the API receives it: {@code url} (and {@code secret}) for webhook and slack, {@code to} for email. */
public record ChannelRequest(String name, String type, String url, String secret, List<String> to) {
}
