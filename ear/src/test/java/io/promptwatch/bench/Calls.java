package io.promptwatch.bench;

import io.promptwatch.it.Api;
import java.util.function.IntFunction;

/** API calls as the benchmarks make them: an unsuccessful answer ends the benchmark, it is no figure. */
final class Calls {

    private static final int WARM_UPS = 3;

    private Calls() {
    }

    static Api.Reply ok(Api.Reply reply) {
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
}
