package io.promptwatch.tracking.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExecutionKeysTest {

    /** A store holding fixed keys, counting the lookups made against it. */
    private static final class Store implements ExecutionKeys.Lookup {
        final Map<Long, String> rows = new HashMap<>();
        final List<Collection<Long>> lookups = new ArrayList<>();

        @Override
        public Map<Long, String> storedIds(Collection<Long> keys) {
            lookups.add(Set.copyOf(keys));
            Map<Long, String> found = new HashMap<>();
            keys.stream().filter(rows::containsKey).forEach(k -> found.put(k, rows.get(k)));
            return found;
        }
    }

    @Test
    void keyIsTheFirst64BitsOfSha256() {
        // sha256("abc") = ba7816bf 8f01cfea 414140de ... (FIPS 180-2, appendix B.1)
        assertEquals(0xba7816bf8f01cfeaL, ExecutionKeys.hash("abc"));
    }

    @Test
    void newIdsTakeTheirHashInOneLookup() {
        Store store = new Store();
        ExecutionKeys.KeyAssignment r = ExecutionKeys.resolve(List.of("a", "b", "a"), store);
        assertEquals(Map.of("a", ExecutionKeys.hash("a"), "b", ExecutionKeys.hash("b")), r.newKeys());
        assertTrue(r.stored().isEmpty());
        assertEquals(1, store.lookups.size());
    }

    @Test
    void storedIdIsRecognisedByKeyAndId() {
        Store store = new Store();
        store.rows.put(ExecutionKeys.hash("a"), "a");
        ExecutionKeys.KeyAssignment r = ExecutionKeys.resolve(List.of("a", "b"), store);
        assertEquals(Set.of("a"), r.stored());
        assertEquals(Set.of("b"), r.newKeys().keySet());
    }

    @Test
    void collidingNewIdTakesTheNextFreeKey() {
        Store store = new Store();
        long h = ExecutionKeys.hash("x");
        store.rows.put(h, "someone-else");
        store.rows.put(h + 1, "another");
        ExecutionKeys.KeyAssignment r = ExecutionKeys.resolve(List.of("x"), store);
        assertEquals(Map.of("x", h + 2), r.newKeys());
        assertEquals(3, store.lookups.size());
    }

    @Test
    void collidedStoredIdIsFoundFurtherAlongItsProbe() {
        Store store = new Store();
        long h = ExecutionKeys.hash("x");
        store.rows.put(h, "someone-else");
        store.rows.put(h + 1, "x");
        ExecutionKeys.KeyAssignment r = ExecutionKeys.resolve(List.of("x"), store);
        assertEquals(Set.of("x"), r.stored());
        assertTrue(r.newKeys().isEmpty());
    }
}
