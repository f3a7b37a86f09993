package io.promptwatch.reports.archive;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.eclipse.microprofile.config.Config;

/**
 * The archive directory: {@code <root>/<promptId>/<yyyy-MM>/part-001.jsonl.gz} with
 * {@code part-001.manifest.json} beside it, a further part for records of that month archived later.
 * A part is written to a {@code .tmp} file, forced to disk, read back and checked (record count, ids,
 * SHA-256), renamed, and only then given its manifest (also written through a {@code .tmp} file and a
 * rename): whatever a crash interrupts, a part without its manifest does not count and is written again.
 */
public final class ArchiveFiles {

    private static final Pattern PART = Pattern.compile("part-(\\d{3,})\\.jsonl\\.gz");
    private static final Pattern MANIFEST = Pattern.compile("part-(\\d{3,})\\.manifest\\.json");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String TEMP = ".tmp";

    /** A page of a part's records at a time, in id order; an empty page ends the part. */
    @FunctionalInterface
    interface Source {
        List<Line> next(long afterId) throws IOException;
    }

    /** One record: its database id and its encoded line ({@link ArchiveLines}). */
    record Line(long id, byte[] bytes) {
    }

    /** What a part file holds, found by reading it. */
    record Scan(long records, long firstId, long lastId, String sha256) {
    }

    /** A part whose file does not hold what its manifest says. */
    static final class Mismatch extends IOException {
        Mismatch(String message) {
            super(message);
        }
    }

    private ArchiveFiles() {
    }

    /** {@code promptwatch.jobs.archive.directory}, by default {@code <promptwatch.data.dir>/archives}. */
    public static Path directory(Config config) {
        return config.getOptionalValue("promptwatch.jobs.archive.directory", String.class).filter(d -> !d.isBlank())
                .map(Path::of).orElse(Path.of(config.getValue("promptwatch.data.dir", String.class), "archives"));
    }

    /** A prompt's month directory; the prompt id is a slug (it names a directory: no separator, no dots). */
    static Path unit(Path root, String promptId, YearMonth month) {
        if (promptId == null || !SLUG.matcher(promptId).matches()) {
            throw new IllegalArgumentException("not a prompt id: " + promptId);
        }
        return root.resolve(promptId).resolve(month.toString());
    }

    static String partName(int part) {
        return String.format("part-%03d.jsonl.gz", part);
    }

    static String manifestName(int part) {
        return String.format("part-%03d.manifest.json", part);
    }

    /** The finished parts of a month (those with a manifest), by part number. */
    static List<ArchiveManifest> parts(Path unit) throws IOException {
        List<ArchiveManifest> parts = new ArrayList<>();
        if (!Files.isDirectory(unit)) {
            return parts;
        }
        try (Stream<Path> files = Files.list(unit)) {
            for (Path file : files.filter(f -> MANIFEST.matcher(f.getFileName().toString()).matches()).toList()) {
                parts.add(ArchiveManifest.parse(Files.readString(file)));
            }
        }
        parts.sort(Comparator.comparingInt(ArchiveManifest::part));
        return parts;
    }

    /**
     * Deletes what a run that did not finish left: temporary files, and part files without a manifest
     * (written and renamed, but the crash came before the manifest). Returns their names.
     */
    static List<String> discardUnfinished(Path unit) throws IOException {
        List<String> discarded = new ArrayList<>();
        if (!Files.isDirectory(unit)) {
            return discarded;
        }
        try (Stream<Path> files = Files.list(unit)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                Matcher part = PART.matcher(name);
                boolean orphan = part.matches() && !Files.exists(unit.resolve(manifestName(Integer.parseInt(part.group(1)))));
                if (name.endsWith(TEMP) || orphan) {
                    Files.delete(file);
                    discarded.add(name);
                }
            }
        }
        return discarded;
    }

    /**
     * Writes part {@code part} of a month from {@code source} (records with ids above {@code afterId}),
     * verifies it and gives it its manifest; {@code null} when the source has no record (nothing is written).
     */
    static ArchiveManifest write(Path unit, String promptId, YearMonth month, int part, long afterId, Source source,
                                 Instant now) throws IOException {
        List<Line> page = source.next(afterId);
        if (page.isEmpty()) {
            return null;
        }
        Files.createDirectories(unit);
        String name = partName(part);
        Path temp = unit.resolve(name + TEMP);
        MessageDigest sha = sha256();
        long records = 0;
        long firstId = page.get(0).id();
        long lastId = afterId;
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            OutputStream file = java.nio.channels.Channels.newOutputStream(channel);
            GZIPOutputStream gzip = new GZIPOutputStream(new DigestOutputStream(new NonClosing(file), sha), 1 << 16);
            while (!page.isEmpty()) {
                for (Line line : page) {
                    if (line.id() <= lastId) {
                        throw new IllegalStateException("records out of id order: " + line.id() + " after " + lastId);
                    }
                    gzip.write(line.bytes());
                    lastId = line.id();
                    records++;
                }
                page = source.next(lastId);
            }
            gzip.close();
            channel.force(true);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        Scan written = scan(temp);
        if (written.records() != records || written.firstId() != firstId || written.lastId() != lastId
                || !written.sha256().equals(digest)) {
            throw new Mismatch("part " + temp + " reads back as " + written + ", not the " + records + " records "
                    + firstId + ".." + lastId + " (sha256 " + digest + ") written");
        }
        Files.move(temp, unit.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        ArchiveManifest manifest = new ArchiveManifest(promptId, month, part, name, records, firstId, lastId, digest, now);
        Path manifestTemp = unit.resolve(manifestName(part) + TEMP);
        try (FileChannel channel = FileChannel.open(manifestTemp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(manifest.toJson().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(manifestTemp, unit.resolve(manifestName(part)), StandardCopyOption.ATOMIC_MOVE);
        forceDirectory(unit);
        return manifest;
    }

    /** Reads a part file: its records, first and last id, and the SHA-256 of its bytes. */
    static Scan scan(Path file) throws IOException {
        MessageDigest sha = sha256();
        long records = 0;
        long firstId = 0;
        String last = null;
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), sha);
             BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (records == 0) {
                    firstId = ArchiveLines.id(line);
                }
                last = line;
                records++;
            }
            raw.transferTo(OutputStream.nullOutputStream());
        } catch (RuntimeException unreadable) {
            throw new Mismatch(file.getFileName() + " is not an archive part: " + unreadable.getMessage());
        }
        return new Scan(records, firstId, last == null ? 0 : ArchiveLines.id(last), HexFormat.of().formatHex(sha.digest()));
    }

    /** Checks a part against its manifest; a {@link Mismatch} says how it differs. */
    static void verify(Path unit, ArchiveManifest manifest) throws IOException {
        Path file = unit.resolve(manifest.file());
        if (!Files.isRegularFile(file)) {
            throw new Mismatch(manifest.promptId() + " " + manifest.month() + ": " + manifest.file() + " is missing");
        }
        Scan found;
        try {
            found = scan(file);
        } catch (java.util.zip.ZipException | java.io.EOFException broken) {
            throw new Mismatch(manifest.promptId() + " " + manifest.month() + ": " + manifest.file() + " is not a complete gzip file");
        }
        if (!found.sha256().equals(manifest.sha256())) {
            throw new Mismatch(manifest.promptId() + " " + manifest.month() + ": " + manifest.file() + " has sha256 "
                    + found.sha256() + ", its manifest " + manifest.sha256());
        }
        if (found.records() != manifest.records() || found.firstId() != manifest.firstId() || found.lastId() != manifest.lastId()) {
            throw new Mismatch(manifest.promptId() + " " + manifest.month() + ": " + manifest.file() + " holds " + found.records()
                    + " records (ids " + found.firstId() + ".." + found.lastId() + "), its manifest " + manifest.records()
                    + " (" + manifest.firstId() + ".." + manifest.lastId() + ")");
        }
    }

    /** Reads a verified part's lines in order. */
    static void forEachLine(Path unit, ArchiveManifest manifest, java.util.function.Consumer<String> each) throws IOException {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(unit.resolve(manifest.file())), 1 << 16), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                each.accept(line);
            }
        }
    }

    /** Makes the renames durable too (a directory's entries are on disk once it is forced; not every platform allows it). */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupported) {
            // Windows cannot open a directory as a channel; the file contents are forced already.
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Closing the gzip stream must not close the channel before it is forced. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
