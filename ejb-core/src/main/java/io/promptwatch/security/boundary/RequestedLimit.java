package io.promptwatch.security.boundary;

/**
 * A key's own rate limit for one request class as asked for when issuing it: {@code perSecond}
 * required, {@code burst} defaulting to one second's worth.
 */
public record RequestedLimit(Long perSecond, Long burst) {
}
