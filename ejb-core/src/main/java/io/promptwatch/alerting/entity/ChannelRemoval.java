package io.promptwatch.alerting.entity;

/**
 * Fired (synchronously, in the deleting transaction) before a channel is deleted, so that a
 * component above alerting that names channels (report digests) can refuse the deletion with a 409
 * problem, as a rule naming the channel does, without alerting knowing that component.
 */
public record ChannelRemoval(String channelId, String channelName) {
}
