package io.promptwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Run by its own Failsafe execution after every integration test: the test server's logs, written
 * while the whole suite issued, used, rotated and revoked keys and sent records, hold no API key
 * secret, no bearer credential, not the configured admin key and not the password of the
 * {@code /metrics} user (when the server was provisioned with one), nor AlertingIT's channel secret. Hash-mode inputs are checked by
 * PrivacyIT with its canary. A plain test, not an Arquillian one: it only reads files.
 */
class LogHygieneCheck {

    /** A secret as ApiKeys issues it: "pw_" and 32 random bytes in unpadded base64url. */
    private static final Pattern ISSUED_SECRET = Pattern.compile("pw_[A-Za-z0-9_-]{43}");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9_\\-.]{16,}");

    @Test
    void theServerLogsHoldNoSecret() throws IOException {
        Path logs = Server.HOME.resolve("glassfish/domains/domain1/logs");
        List<Path> files;
        try (Stream<Path> walk = Files.list(logs)) {
            files = walk.filter(p -> p.getFileName().toString().startsWith("server.log")).toList();
        }
        assertTrue(!files.isEmpty(), "no server log in " + logs);
        String adminKey = System.getProperty("promptwatch.admin.key");
        List<String> leaks = new ArrayList<>();
        long bytes = 0;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.ISO_8859_1);
            bytes += text.length();
            find(ISSUED_SECRET.matcher(text), file, leaks);
            find(BEARER.matcher(text), file, leaks);
            if (adminKey != null && !adminKey.isBlank() && text.contains(adminKey)) {
                leaks.add(file.getFileName() + ": the configured admin key");
            }
            if (text.contains(AlertingIT.SECRET)) {
                leaks.add(file.getFileName() + ": a webhook channel's signing secret");
            }
            if (Api.METRICS_SECURED && Api.METRICS_PASSWORD != null && !Api.METRICS_PASSWORD.isBlank()
                    && text.contains(Api.METRICS_PASSWORD)) {
                leaks.add(file.getFileName() + ": the /metrics user's password");
            }
        }
        assertTrue(bytes > 10_000, "the logs are too small to have seen the suite: " + bytes + " bytes");
        assertEquals(List.of(), leaks);
    }

    private static void find(Matcher matcher, Path file, List<String> leaks) {
        while (matcher.find()) {
            String found = matcher.group();
            leaks.add(file.getFileName() + ": " + found.substring(0, Math.min(12, found.length())) + "…");
        }
    }
}
