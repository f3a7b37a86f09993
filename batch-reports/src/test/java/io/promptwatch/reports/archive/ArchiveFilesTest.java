package io.promptwatch.reports.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parts written, read back with the JDK's own gunzip and SHA-256 (independent of the code under test), and the
 * leftovers of interrupted runs: what a crash at each point leaves, and what the next run makes of it.
 */
class ArchiveFilesTest {

    private static final YearMonth MONTH = YearMonth.of(2026, 1);
    private static final Instant NOW = Instant.parse("2026-05-03T03:00:00Z");

    @TempDir
    Path root;

    /** Records with ids 10, 12, ..., 10 + 2 (n - 1), served in pages of 500 as RecordArchive.page does. */
    private static ArchiveFiles.Source records(int n) {
        return afterId -> {
            List<ArchiveFiles.Line> page = new ArrayList<>();
            for (long id = Math.max(10, afterId + 1 + (afterId + 1) % 2); id < 10 + 2L * n && page.size() < 500; id += 2) {
                page.add(new ArchiveFiles.Line(id, ("{\"id\":" + id + ",\"executionId\":\"ex-" + id + "\"}\n").getBytes(StandardCharsets.UTF_8)));
            }
            return page;
        };
    }

    @Test
    void aPartHoldsEveryRecordOnceAndItsManifestSaysSo() throws Exception {
        Path unit = ArchiveFiles.unit(root, "support-triage", MONTH);
        assertEquals(root.resolve("support-triage").resolve("2026-01"), unit);
        ArchiveManifest manifest = ArchiveFiles.write(unit, "support-triage", MONTH, 1, 0, records(1201), NOW);

        // 1201 records, ids 10 .. 10 + 2 * 1200 = 2410 (three pages: 500, 500, 201).
        assertEquals(new ArchiveManifest("support-triage", MONTH, 1, "part-001.jsonl.gz", 1201, 10, 2410,
                sha256(unit.resolve("part-001.jsonl.gz")), NOW), manifest);
        assertEquals(List.of(manifest), ArchiveFiles.parts(unit));
        List<String> lines = gunzipLines(unit.resolve("part-001.jsonl.gz"));
        assertEquals(1201, lines.size());
        assertEquals("{\"id\":10,\"executionId\":\"ex-10\"}", lines.get(0));
        assertEquals("{\"id\":2410,\"executionId\":\"ex-2410\"}", lines.get(1200));
        try (var files = Files.list(unit)) {
            assertEquals(List.of("part-001.jsonl.gz", "part-001.manifest.json"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file is left");
        }
        ArchiveFiles.verify(unit, manifest);
    }

    @Test
    void aLaterPartTakesOnlyTheRecordsAfterTheLastArchivedId() throws Exception {
        Path unit = ArchiveFiles.unit(root, "p", MONTH);
        ArchiveManifest first = ArchiveFiles.write(unit, "p", MONTH, 1, 0, records(3), NOW);
        assertEquals(14, first.lastId());
        ArchiveManifest second = ArchiveFiles.write(unit, "p", MONTH, 2, first.lastId(), records(5), NOW);
        assertEquals(2, second.records(), "ids 16 and 18");
        assertEquals(16, second.firstId());
        assertNull(ArchiveFiles.write(unit, "p", MONTH, 3, second.lastId(), records(5), NOW), "nothing new: no part");
        assertEquals(List.of(first, second), ArchiveFiles.parts(unit));
    }

    @Test
    void whatAnInterruptedRunLeftIsDiscardedAndWrittenAgain() throws Exception {
        Path unit = ArchiveFiles.unit(root, "p", MONTH);
        ArchiveManifest done = ArchiveFiles.write(unit, "p", MONTH, 1, 0, records(3), NOW);
        // A crash while writing part 2 (its temp file), and one after its rename but before its manifest.
        Files.writeString(unit.resolve("part-002.jsonl.gz.tmp"), "half");
        Files.writeString(unit.resolve("part-002.manifest.json.tmp"), "{");
        Files.copy(unit.resolve("part-001.jsonl.gz"), unit.resolve("part-003.jsonl.gz"));
        assertEquals(List.of("part-002.jsonl.gz.tmp", "part-002.manifest.json.tmp", "part-003.jsonl.gz"),
                ArchiveFiles.discardUnfinished(unit).stream().sorted().toList());
        assertEquals(List.of(done), ArchiveFiles.parts(unit), "the finished part stays");
        assertTrue(Files.exists(unit.resolve("part-001.jsonl.gz")));
        assertFalse(Files.exists(unit.resolve("part-003.jsonl.gz")));
        assertEquals(List.of(), ArchiveFiles.discardUnfinished(root.resolve("nothing-here")));
    }

    @Test
    void verifyTellsAChangedOrShortFileFromItsManifest() throws Exception {
        Path unit = ArchiveFiles.unit(root, "p", MONTH);
        ArchiveManifest manifest = ArchiveFiles.write(unit, "p", MONTH, 1, 0, records(50), NOW);
        Path file = unit.resolve(manifest.file());
        byte[] original = Files.readAllBytes(file);

        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 1;
        Files.write(file, flipped);
        assertThrows(ArchiveFiles.Mismatch.class, () -> ArchiveFiles.verify(unit, manifest));

        Files.write(file, java.util.Arrays.copyOf(original, original.length - 10));
        assertThrows(ArchiveFiles.Mismatch.class, () -> ArchiveFiles.verify(unit, manifest));

        Files.write(file, original);
        ArchiveFiles.verify(unit, manifest);
        ArchiveManifest counted = new ArchiveManifest("p", MONTH, 1, manifest.file(), 49, manifest.firstId(), manifest.lastId(),
                manifest.sha256(), NOW);
        assertTrue(assertThrows(ArchiveFiles.Mismatch.class, () -> ArchiveFiles.verify(unit, counted)).getMessage().contains("holds 50 records"));

        Files.delete(file);
        assertTrue(assertThrows(ArchiveFiles.Mismatch.class, () -> ArchiveFiles.verify(unit, manifest)).getMessage().contains("missing"));
    }

    @Test
    void aPromptIdNamesOneDirectoryAndNothingElse() {
        assertThrows(IllegalArgumentException.class, () -> ArchiveFiles.unit(root, "../etc", MONTH));
        assertThrows(IllegalArgumentException.class, () -> ArchiveFiles.unit(root, "a/b", MONTH));
        assertThrows(IllegalArgumentException.class, () -> ArchiveFiles.unit(root, "", MONTH));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> gunzipLines(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
