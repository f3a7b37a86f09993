package io.promptwatch.reliability;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.promptwatch.it.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reliability suite (issue 17): the crash ({@link CrashRun}), the database outage under load
 * ({@link OutageRun}) and the soak ({@link SoakRun}), in that order on one server, then one table
 * of their figures, also written to {@code target/reliability-results.md}. A run fails when one
 * of its checks does, after the table has its figures. Not a test of the normal build: run with
 * {@code ./mvnw -B verify -Preliability} (README "Reliability"); every setting is a {@code -Drel.*}.
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "rel.only", matches = ".+")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerReliability {

    /** Which runs: all, or a comma-separated choice of crash, outage, soak. */
    private static final Set<String> ONLY = Arrays.stream(System.getProperty("rel.only", "all").split(","))
            .map(String::strip).collect(Collectors.toSet());
    private static final long SEED = Long.getLong("rel.seed", System.currentTimeMillis());
    private static final int CLIENTS = Integer.getInteger("rel.clients", 4);
    private static final int ROLLUP_TIMEOUT_SECONDS = Integer.getInteger("rel.rollup-timeout-seconds", 1800);
    private static final Path RESULTS = Path.of("target/reliability-results.md");
    private static final Findings FINDINGS = new Findings();

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Api.ear();
    }

    @Test
    @Order(1)
    void crash() throws Exception {
        assumeTrue(selected(CrashRun.NAME));
        new CrashRun(Long.getLong("rel.records", 1_000_000), SEED, CLIENTS, ROLLUP_TIMEOUT_SECONDS, FINDINGS).run();
        FINDINGS.assertHeld(CrashRun.NAME);
    }

    @Test
    @Order(2)
    void outage() throws Exception {
        assumeTrue(selected(OutageRun.NAME));
        new OutageRun(SEED + 1, CLIENTS, Integer.getInteger("rel.outage-lead-seconds", 10),
                Integer.getInteger("rel.outage-seconds", 20), FINDINGS).run();
        FINDINGS.assertHeld(OutageRun.NAME);
    }

    @Test
    @Order(3)
    void soak() throws Exception {
        assumeTrue(selected(SoakRun.NAME));
        new SoakRun(Integer.getInteger("rel.soak-minutes", 10), Double.parseDouble(System.getProperty("rel.soak-load", "0.8")),
                Integer.getInteger("rel.ramp-stage-seconds", 10), Integer.getInteger("rel.analysis-records", 10_000), SEED + 2,
                ROLLUP_TIMEOUT_SECONDS, FINDINGS).run();
        FINDINGS.assertHeld(SoakRun.NAME);
    }

    @AfterAll
    static void table() throws IOException {
        String table = FINDINGS.table(String.format("Reliability, %s, %d cores, %.0f GiB, Java %s",
                LocalDateTime.now().truncatedTo(ChronoUnit.MINUTES), Runtime.getRuntime().availableProcessors(),
                totalMemoryGib(), System.getProperty("java.version")));
        System.out.println("\n" + table);
        Files.writeString(RESULTS, table);
    }

    private static boolean selected(String run) {
        return ONLY.contains("all") || ONLY.contains(run);
    }

    /** The machine's memory from /proc/meminfo (the JVM's own figures are its heap's). */
    private static double totalMemoryGib() throws IOException {
        String total = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                .findFirst().orElse("MemTotal: 0 kB");
        return Long.parseLong(total.replaceAll("\\D", "")) / 1024.0 / 1024.0;
    }
}
