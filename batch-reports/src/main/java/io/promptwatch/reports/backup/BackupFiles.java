package io.promptwatch.reports.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The backup directory's files: each backup is one zip named for its UTC time
 * ({@code promptwatch-backup-20261206T020000Z.zip}), so that names sort by age, holding the database
 * directory as Derby's backup wrote it ({@code derby/...}): unzipped into an empty data directory it
 * is the database, ready to boot.
 */
public final class BackupFiles {

    static final String PREFIX = "promptwatch-backup-";
    static final String SUFFIX = ".zip";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private BackupFiles() {
    }

    static String name(Instant at) {
        return PREFIX + STAMP.format(at) + SUFFIX;
    }

    /** The backups in {@code directory}, newest first. */
    public static List<Path> backups(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(PREFIX) && n.endsWith(SUFFIX);
            }).sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed()).toList();
        }
    }

    /** Deletes all but the newest {@code keep} backups; the deleted ones. */
    static List<Path> keepNewest(Path directory, int keep) throws IOException {
        List<Path> all = backups(directory);
        List<Path> deleted = new ArrayList<>();
        for (Path old : all.subList(Math.min(keep, all.size()), all.size())) {
            Files.deleteIfExists(old);
            deleted.add(old);
        }
        return deleted;
    }

    /**
     * Zips the tree under {@code source} into {@code target}, entries relative to {@code source}. Written
     * beside the target and moved into place when complete, so a crash never leaves a truncated backup
     * under a backup's name.
     */
    static void zip(Path source, Path target) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(partial); ZipOutputStream zip = new ZipOutputStream(out)) {
            Files.walkFileTree(source, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    zip.putNextEntry(new ZipEntry(source.relativize(file).toString().replace('\\', '/')));
                    Files.copy(file, zip);
                    zip.closeEntry();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(source)) {
                        zip.putNextEntry(new ZipEntry(source.relativize(dir).toString().replace('\\', '/') + "/"));
                        zip.closeEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        }
        Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
