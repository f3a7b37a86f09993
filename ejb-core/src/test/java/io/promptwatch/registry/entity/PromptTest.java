package io.promptwatch.registry.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a prompt and its audit events refuse to hold: text longer than its column (V1__foundation.sql). */
class PromptTest {

    @Test
    void textLongerThanItsColumnIsRefusedNamingTheField() {
        assertEquals("name", refused(() -> new Prompt("p", "n".repeat(201), null, Set.of(), null, "alice")));
        assertEquals("description", refused(() -> new Prompt("p", "n", "d".repeat(4001), Set.of(), null, "alice")));
        assertEquals("tags", refused(() -> new Prompt("p", "n", null, Set.of("t".repeat(65)), null, "alice")));
        assertEquals("reason", refused(() -> new RegistryEvent("p", "1.0.0", RegistryEvent.Action.STAGE, null, null, "alice",
                "r".repeat(RegistryEvent.MAX_REASON + 1))));

        Prompt longest = new Prompt("p", "n".repeat(200), "d".repeat(4000), Set.of("t".repeat(64)), null, "alice");
        assertEquals(4000, longest.description().length());
    }

    private static String refused(Runnable construction) {
        ProblemException refusal = assertThrows(ProblemException.class, construction::run);
        assertEquals(400, refusal.status());
        return refusal.field();
    }
}
