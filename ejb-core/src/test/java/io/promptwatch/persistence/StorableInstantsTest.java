package io.promptwatch.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.promptwatch.problem.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Derby 10.16 stores TIMESTAMPs of years 1 to 9999 (checked: 9999-12-31T23:59:59.999999999Z stored, +10000 refused). */
class StorableInstantsTest {

    @Test
    void instantsOutsideTheStoredYearsAreRefusedAndRangeBoundsNarrowed() {
        for (String text : new String[] {"+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z"}) {
            ProblemException refusal = assertThrows(ProblemException.class, () -> StorableInstants.require("from", Instant.parse(text)));
            assertEquals("from", refusal.field());
        }
        Instant last = Instant.parse("9999-12-31T23:59:59.999999999Z");
        assertEquals(last, StorableInstants.require("to", last));
        assertEquals(last, StorableInstants.bound(Instant.MAX));
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), StorableInstants.bound(Instant.MIN));
    }
}
