package io.promptwatch.reports.archive;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.time.Instant;
import java.time.YearMonth;

/**
 * What an archive part holds, written beside it once the part is verified: the part counts as
 * archived exactly when its manifest exists (a part file without one is from a run that did not
 * finish, and is written again). Restore checks the file against it before inserting anything.
 *
 * @param file   the part's file name in its month's directory
 * @param sha256 hex SHA-256 of the file's bytes (the .gz as stored)
 */
public record ArchiveManifest(String promptId, YearMonth month, int part, String file, long records, long firstId,
                              long lastId, String sha256, Instant createdAt) {

    public String toJson() {
        return Json.createObjectBuilder()
                .add("promptId", promptId)
                .add("month", month.toString())
                .add("part", part)
                .add("file", file)
                .add("records", records)
                .add("firstId", firstId)
                .add("lastId", lastId)
                .add("sha256", sha256)
                .add("createdAt", createdAt.toString())
                .build().toString() + "\n";
    }

    public static ArchiveManifest parse(String json) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            JsonObject o = reader.readObject();
            return new ArchiveManifest(o.getString("promptId"), YearMonth.parse(o.getString("month")), o.getInt("part"),
                    o.getString("file"), o.getJsonNumber("records").longValueExact(), o.getJsonNumber("firstId").longValueExact(),
                    o.getJsonNumber("lastId").longValueExact(), o.getString("sha256"), Instant.parse(o.getString("createdAt")));
        }
    }
}
