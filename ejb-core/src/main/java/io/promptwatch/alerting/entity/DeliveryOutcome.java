package io.promptwatch.alerting.entity;

import java.time.Instant;
import java.util.Objects;

/**
 * What became of one attempt to deliver a notice over a channel: kept on the alert (every
 * notification with its outcome) and counted in the metrics. A failed delivery is an outcome, not
 * an exception, so a dead channel is reported and retried instead of breaking the evaluation.
 *
 * @param delivered  true when the receiver accepted the message (HTTP 2xx, SMTP accepted)
 * @param httpStatus the receiver's HTTP status; null when there was no HTTP answer (refused, timed
 *                   out, or an e-mail channel)
 * @param detail     what happened in a few words: "HTTP 200", "HTTP 500", "connection refused",
 *                   "timed out after 300 ms", "sent to 2 recipients"
 * @param attempt    the attempt number, 1 for the first
 * @param at         when the attempt ended
 */
public record DeliveryOutcome(boolean delivered, Integer httpStatus, String detail, int attempt, Instant at) {

    public DeliveryOutcome {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(at, "at");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1: " + attempt);
        }
    }

    public static DeliveryOutcome delivered(Integer httpStatus, String detail, int attempt, Instant at) {
        return new DeliveryOutcome(true, httpStatus, detail, attempt, at);
    }

    public static DeliveryOutcome failed(Integer httpStatus, String detail, int attempt, Instant at) {
        return new DeliveryOutcome(false, httpStatus, detail, attempt, at);
    }
}
