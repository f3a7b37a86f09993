package io.promptwatch.reports.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.time.YearMonth;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ArchiveManifestTest {

    @Test
    void aManifestIsOneJsonObjectThatReadsBackAsWritten() {
        ArchiveManifest manifest = new ArchiveManifest("support-triage", YearMonth.of(2026, 1), 2, "part-002.jsonl.gz",
                1200, 17, 5_000_000_123L, "ab".repeat(32), Instant.parse("2026-05-03T03:00:00.5Z"));
        String json = manifest.toJson();
        assertEquals(manifest, ArchiveManifest.parse(json));
        JsonObject read = Json.createReader(new StringReader(json)).readObject();
        assertEquals(Set.of("promptId", "month", "part", "file", "records", "firstId", "lastId", "sha256", "createdAt"), read.keySet());
        assertEquals("2026-01", read.getString("month"));
        assertEquals(5_000_000_123L, read.getJsonNumber("lastId").longValueExact());
    }

    @Test
    void partsAreNumberedWithThreeDigits() {
        assertEquals("part-001.jsonl.gz", ArchiveFiles.partName(1));
        assertEquals("part-001.manifest.json", ArchiveFiles.manifestName(1));
        assertEquals("part-1000.jsonl.gz", ArchiveFiles.partName(1000));
    }
}
