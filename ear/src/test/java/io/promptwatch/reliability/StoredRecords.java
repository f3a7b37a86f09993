package io.promptwatch.reliability;

import io.promptwatch.bench.RecordGenerator;
import io.promptwatch.it.Server;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What the database files hold of a generator's records, read with JDBC while the server is
 * stopped, not through the API whose answers are under test: which records are there (by index),
 * how many of them more than once, and the stored records per prompt and version.
 *
 * @param present        indexes of the records stored exactly once
 * @param storedTwice    records whose execution id is stored more than once
 * @param perVersion     stored records of the generator's prompts per "prompt/version", counted by the database
 * @param presentPerVersion the same counted over {@code present}: equal when nothing else of those prompts is stored
 * @param expectedPerVersion all {@code records} of the generator per "prompt/version"
 */
record StoredRecords(BitSet present, long storedTwice, Map<String, Long> perVersion,
                     Map<String, Long> presentPerVersion, Map<String, Long> expectedPerVersion) {

    /** Reads records {@code 0 .. records-1} of {@code generator}; the server must be stopped (Derby lets one JVM in). */
    static StoredRecords read(RecordGenerator generator, long records) throws SQLException {
        long[] ids;
        Map<String, Long> perVersion = new TreeMap<>();
        Set<String> prompts = new HashSet<>(generator.prompts());
        // One pass over the table: no index holds the execution ids (the idempotency key is their 64-bit hash).
        try (Connection db = Server.openDatabase();
             Statement statement = db.createStatement();
             ResultSet rows = statement.executeQuery("SELECT prompt_id, version, execution_id FROM execution")) {
            ids = ownIds(rows, prompts, perVersion);
        } finally {
            Server.closeDatabase();
        }
        Arrays.sort(ids);
        BitSet present = new BitSet();
        long storedTwice = 0;
        Map<String, Long> presentPerVersion = new TreeMap<>();
        Map<String, Long> expectedPerVersion = new TreeMap<>();
        for (long i = 0; i < records; i++) {
            RecordGenerator.Execution e = generator.record(i);
            String key = e.promptId() + "/" + e.version();
            expectedPerVersion.merge(key, 1L, Long::sum);
            int stored = occurrences(ids, hash(UUID.fromString(e.executionId())));
            if (stored == 1) {
                present.set(Math.toIntExact(i));
                presentPerVersion.merge(key, 1L, Long::sum);
            } else if (stored > 1) {
                storedTwice++;
            }
        }
        return new StoredRecords(present, storedTwice, perVersion, presentPerVersion, expectedPerVersion);
    }

    /**
     * 64 bits of each execution id of the generator's prompts (all UUIDs: a collision among a few
     * million is ~1e-7 likely), counting those prompts' records per version on the way.
     */
    private static long[] ownIds(ResultSet rows, Set<String> prompts, Map<String, Long> perVersion) throws SQLException {
        long[] ids = new long[1 << 20];
        int count = 0;
        while (rows.next()) {
            if (!prompts.contains(rows.getString(1))) {
                continue;
            }
            perVersion.merge(rows.getString(1) + "/" + rows.getString(2), 1L, Long::sum);
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[count++] = hash(UUID.fromString(rows.getString(3)));
        }
        return Arrays.copyOf(ids, count);
    }

    private static long hash(UUID id) {
        return id.getMostSignificantBits() ^ Long.rotateLeft(id.getLeastSignificantBits(), 29);
    }

    private static int occurrences(long[] sorted, long value) {
        int at = Arrays.binarySearch(sorted, value);
        if (at < 0) {
            return 0;
        }
        int first = at;
        while (first > 0 && sorted[first - 1] == value) {
            first--;
        }
        int last = at;
        while (last < sorted.length - 1 && sorted[last + 1] == value) {
            last++;
        }
        return last - first + 1;
    }
}
