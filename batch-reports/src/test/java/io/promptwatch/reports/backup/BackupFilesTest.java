package io.promptwatch.reports.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backup file against a real Derby in this JVM: an online backup taken while another connection
 * keeps inserting, zipped as the job zips it, unzipped into a fresh data directory (README's restore)
 * boots and holds every row committed before the backup began, with no gap. The server-side run of the
 * same job is BatchJobsIT.
 */
class BackupFilesTest {

    @TempDir
    Path temp;

    @Test
    void anOnlineBackupUnzippedIntoAFreshDataDirectoryIsTheDatabase() throws Exception {
        System.setProperty("derby.stream.error.file", temp.resolve("derby.log").toString());
        Path live = temp.resolve("data/derby");
        String url = "jdbc:derby:" + live + ";create=true";
        int before;
        AtomicInteger inserted = new AtomicInteger();
        AtomicBoolean ingesting = new AtomicBoolean(true);
        try (Connection setup = DriverManager.getConnection(url); Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE record (id INT PRIMARY KEY, payload VARCHAR(200))");
            try (PreparedStatement insert = setup.prepareStatement("INSERT INTO record VALUES (?, ?)")) {
                for (int i = 0; i < 2000; i++) {
                    insert.setInt(1, inserted.getAndIncrement());
                    insert.setString(2, "row " + i);
                    insert.executeUpdate();
                }
            }
            before = inserted.get();
        }
        Thread ingest = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(url);
                 PreparedStatement insert = c.prepareStatement("INSERT INTO record VALUES (?, ?)")) {
                while (ingesting.get()) {
                    int id = inserted.get();
                    insert.setInt(1, id);
                    insert.setString(2, "during backup");
                    insert.executeUpdate();
                    inserted.incrementAndGet();
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        ingest.start();
        Path backups = temp.resolve("data/backups");
        Files.createDirectories(backups);
        Path staging = backups.resolve(".staging");
        Path zip = backups.resolve(BackupFiles.name(Instant.parse("2026-12-06T02:00:00Z")));
        try (Connection c = DriverManager.getConnection(url); CallableStatement backup = c.prepareCall(
                "CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
            backup.setString(1, staging.toString());
            backup.execute();
        } finally {
            ingesting.set(false);
            ingest.join();
        }
        BackupFiles.zip(staging, zip);
        BackupFiles.deleteTree(staging);
        assertTrue(inserted.get() > before, "ingest went on during the backup");

        Path fresh = temp.resolve("restored");
        unzip(zip, fresh);
        assertTrue(Files.isDirectory(fresh.resolve("derby/seg0")), "the zip holds the database directory derby/");
        try (Connection restored = DriverManager.getConnection("jdbc:derby:" + fresh.resolve("derby"));
             Statement s = restored.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*), MIN(id), MAX(id) FROM record")) {
            r.next();
            int count = r.getInt(1);
            assertTrue(count >= before, "every row committed before the backup: " + count + " of " + before);
            assertEquals(0, r.getInt(2));
            // One inserting connection, ids in commit order: the backup holds a prefix, no gap.
            assertEquals(count - 1, r.getInt(3));
        }
    }

    @Test
    void onlyTheNewestBackupsAreKept() throws IOException {
        for (String stamp : List.of("2026-12-01T02:00:00Z", "2026-12-03T02:00:00Z", "2026-12-02T02:00:00Z")) {
            Files.writeString(temp.resolve(BackupFiles.name(Instant.parse(stamp))), stamp);
        }
        Files.writeString(temp.resolve("notes.txt"), "not a backup");
        List<Path> deleted = BackupFiles.keepNewest(temp, 2);
        assertEquals(List.of(temp.resolve("promptwatch-backup-20261201T020000Z.zip")), deleted);
        assertEquals(List.of(temp.resolve("promptwatch-backup-20261203T020000Z.zip"), temp.resolve("promptwatch-backup-20261202T020000Z.zip")),
                BackupFiles.backups(temp));
        assertTrue(Files.exists(temp.resolve("notes.txt")));
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                Path target = into.resolve(entry.getName()).normalize();
                assertTrue(target.startsWith(into), entry.getName());
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target);
                }
            }
        }
    }
}
