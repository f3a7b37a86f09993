package io.promptwatch.bench;

import io.promptwatch.it.Api;
import jakarta.json.JsonArray;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/** API calls as the benchmarks make them: an unsuccessful answer ends the benchmark, it is no figure. */
public final class Calls {

    private static final int WARM_UPS = 3;
    private static final int BATCH = 1000;

    private Calls() {
    }

    public static Api.Reply ok(Api.Reply reply) {
        if (reply.status() >= 300) {
            throw new IllegalStateException("benchmark request failed: " + reply);
        }
        return reply;
    }

    /** Times {@code calls} calls after 3 warm-up calls; the argument is the call's number. */
    static Latencies time(int calls, IntFunction<Api.Reply> call) {
        for (int i = 0; i < WARM_UPS; i++) {
            ok(call.apply(i));
        }
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            ok(call.apply(WARM_UPS + i));
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return Latencies.of(ms);
    }

    /**
     * Waits until the rollups have read every stored record (their worker must not compete with
     * what is measured next); returns the seconds waited.
     */
    public static double awaitRollups(Api admin, int timeoutSeconds) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long pending = pendingRecords(admin);
        while (pending > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(pending + " records not rolled up yet after " + timeoutSeconds + " s");
            }
            Thread.sleep(250);
            pending = pendingRecords(admin);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static long pendingRecords(Api admin) {
        return ok(admin.get("/api/v1/metrics/rollup")).object().getJsonNumber("pendingRecords").longValue();
    }

    /**
     * Sends the generator's first {@code records} records in batches of {@value #BATCH} from {@code threads}
     * clients, each building its own bodies; returns those accepted (all, or it throws).
     */
    public static long batchIngest(Api ingest, RecordGenerator generator, long records, int threads) throws Exception {
        long batches = (records + BATCH - 1) / BATCH;
        AtomicLong next = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> accepted = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                accepted.add(clients.submit(() -> {
                    long own = 0;
                    for (long b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        String body = generator.batch(b * BATCH, (int) Math.min(BATCH, records - b * BATCH));
                        JsonArray results = ok(ingest.post("/api/v1/executions/batch", body)).array();
                        for (JsonValue result : results) {
                            if (!"accepted".equals(result.asJsonObject().getString("status"))) {
                                throw new IllegalStateException("a record was not accepted: " + result);
                            }
                        }
                        own += results.size();
                        if (b % 100 == 99) {
                            System.out.printf("[progress] %,d batches sent%n", b + 1);
                        }
                    }
                    return own;
                }));
            }
            long sum = 0;
            for (Future<Long> client : accepted) {
                sum += client.get();
            }
            return sum;
        } finally {
            clients.shutdownNow();
        }
    }
}
