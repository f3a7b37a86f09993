package io.promptwatch.statistics.control;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/** The check of every refusal: an {@link IllegalArgumentException} whose message names the cause. */
final class Refusals {

    private Refusals() {
    }

    static void assertRefused(String cause, Executable call) {
        var e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(cause), () -> "message '" + e.getMessage() + "' should name " + cause);
    }
}
