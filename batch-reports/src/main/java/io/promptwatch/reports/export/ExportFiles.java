package io.promptwatch.reports.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;

/**
 * Where exports lie: {@code promptwatch.jobs.export.directory} (default {@code <data dir>/exports}),
 * one file per job instance, {@code export-<instance>.<csv|jsonl>.gz}. Every execution of an instance
 * (the first and its restarts) writes the same file; it carries {@code .part} until the last step
 * publishes it, so a download never sees half an export.
 */
public final class ExportFiles {

    private ExportFiles() {
    }

    public static Path directory(Config config) {
        return config.getOptionalValue("promptwatch.jobs.export.directory", String.class).filter(d -> !d.isBlank())
                .map(Path::of).orElse(Path.of(config.getValue("promptwatch.data.dir", String.class), "exports"));
    }

    static Path finished(Path directory, long instanceId, RecordEncoder.Format format) {
        return directory.resolve("export-" + instanceId + "." + format.label + ".gz");
    }

    static Path partial(Path directory, long instanceId, RecordEncoder.Format format) {
        return directory.resolve("export-" + instanceId + "." + format.label + ".gz.part");
    }

    /** The published export of job instance {@code instanceId}, if its job has completed. */
    public static Optional<Path> published(Path directory, long instanceId) {
        return Stream.of(RecordEncoder.Format.values()).map(f -> finished(directory, instanceId, f))
                .filter(Files::isRegularFile).findFirst();
    }
}
