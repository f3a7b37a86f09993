package io.promptwatch.alerting.control;

import java.time.Instant;

/**
 * Whether an automatic rollback may happen now, and why in words an operator reads in the alert.
 *
 * @param allowed   true when no safeguard stands in the way
 * @param reason    the safeguards' verdict, naming the setting that refused it
 * @param notBefore when refused, the earliest instant at which the safeguards would allow a rollback
 *                  (if no other one happens in between); null when allowed, and when the maximum per
 *                  day is 0 and no rollback is ever allowed
 */
public record RollbackDecision(boolean allowed, String reason, Instant notBefore) {
}
