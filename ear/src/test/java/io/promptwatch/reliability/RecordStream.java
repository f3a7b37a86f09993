package io.promptwatch.reliability;

import io.promptwatch.bench.RecordGenerator;
import io.promptwatch.it.Api;
import jakarta.json.JsonValue;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A client application sending a generator's records: chunks of {@value #CHUNK} records taken in
 * order by several client threads, most of them as one batch request, every
 * {@value #SINGLE_EVERY}th record by record, so that both ingest paths are busy at any moment.
 * Each record's outcome is kept by its index (the generator makes record {@code i} from {@code i}
 * alone, so the index stands for the execution id: a million outcomes fit in a few bit sets).
 * Nothing is retried: what was not acknowledged is for a re-send to settle.
 */
final class RecordStream {

    static final int CHUNK = 1000;
    private static final int SINGLE_EVERY = 20;

    /** What became of a record: its status in a 2xx answer, or why there was none. */
    enum Outcome {
        ACCEPTED, DUPLICATE, REJECTED,
        /** A 5xx answer. */
        UNAVAILABLE,
        /** Any other answer (4xx). */
        REFUSED,
        /** No answer: the connection failed or the request timed out. */
        NO_ANSWER
    }

    /** Told of every request as it ends: its answer, or null when there was none. */
    interface Observer {
        void answered(Api.Reply reply);
    }

    private final RecordGenerator generator;
    private final Api ingest;
    private final long records;
    private final int clients;
    private final long pauseAfterFailureMs;
    private final Observer observer;
    private final AtomicLong nextChunk = new AtomicLong();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final Map<Outcome, BitSet> outcomes = new EnumMap<>(Outcome.class);
    private final Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder noAnswer = new LongAdder();
    private final LongAdder acknowledged = new LongAdder();
    /** 5xx answers that are not 503 problem+json with Retry-After. */
    private final LongAdder malformedUnavailable = new LongAdder();
    private ExecutorService threads;
    private Future<?>[] running;

    /**
     * Records {@code 0 .. records-1} of {@code generator} (a very large {@code records}: until stopped);
     * a client pauses {@code pauseAfterFailureMs} after a 5xx or no answer, as a client backing off.
     */
    RecordStream(RecordGenerator generator, Api ingest, long records, int clients, long pauseAfterFailureMs,
                 Observer observer) {
        this.generator = generator;
        this.ingest = ingest;
        this.records = records;
        this.clients = clients;
        this.pauseAfterFailureMs = pauseAfterFailureMs;
        this.observer = observer;
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, new BitSet());
        }
    }

    RecordStream start() {
        threads = Executors.newFixedThreadPool(clients);
        running = new Future<?>[clients];
        for (int t = 0; t < clients; t++) {
            running[t] = threads.submit(this::send);
        }
        return this;
    }

    /** Sends every record and waits for the last answer. */
    RecordStream sendAll() throws Exception {
        return start().await();
    }

    /** Whether every client has ended (all sent, stopped, or failed). */
    boolean finished() {
        for (Future<?> client : running) {
            if (!client.isDone()) {
                return false;
            }
        }
        return true;
    }

    /** No chunk is begun after this; requests under way still end (or fail). */
    void stop() {
        stopping.set(true);
    }

    RecordStream await() throws Exception {
        try {
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            threads.shutdownNow();
            threads.awaitTermination(10, TimeUnit.SECONDS);
        }
        return this;
    }

    private void send() {
        while (!stopping.get()) {
            long chunk = nextChunk.getAndIncrement();
            long from = chunk * CHUNK;
            if (from >= records) {
                return;
            }
            int count = (int) Math.min(CHUNK, records - from);
            if (chunk % SINGLE_EVERY == SINGLE_EVERY - 1) {
                for (long i = from; i < from + count && !stopping.get(); i++) {
                    single(i);
                }
            } else {
                batch(from, count);
            }
        }
    }

    private void batch(long from, int count) {
        Api.Reply reply = post("/api/v1/executions/batch", generator.batch(from, count));
        if (reply == null || reply.status() != 200) {
            note(from, from + count, failure(reply));
            return;
        }
        long i = from;
        for (JsonValue result : reply.array()) {
            note(i, i + 1, status(result.asJsonObject().getString("status")));
            i++;
        }
    }

    private void single(long index) {
        Api.Reply reply = post("/api/v1/executions", generator.record(index).json().toString());
        if (reply != null && reply.status() == 201) {
            note(index, index + 1, Outcome.ACCEPTED);
        } else if (reply != null && reply.status() == 200) {
            note(index, index + 1, status(reply.object().getString("status")));
        } else {
            note(index, index + 1, failure(reply));
        }
    }

    private Api.Reply post(String path, String body) {
        requests.increment();
        Api.Reply reply;
        try {
            reply = ingest.post(path, body);
        } catch (IllegalStateException connectionFailed) {
            reply = null;
        }
        observer.answered(reply);
        if (reply == null) {
            noAnswer.increment();
        } else {
            statuses.computeIfAbsent(reply.status(), s -> new LongAdder()).increment();
            if (reply.status() >= 500 && !(reply.status() == 503 && reply.contentType().startsWith("application/problem+json")
                    && reply.header("Retry-After") != null)) {
                malformedUnavailable.increment();
            }
        }
        return reply;
    }

    private Outcome failure(Api.Reply reply) {
        if (pauseAfterFailureMs > 0 && !stopping.get()) {
            try {
                Thread.sleep(pauseAfterFailureMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return reply == null ? Outcome.NO_ANSWER : reply.status() >= 500 ? Outcome.UNAVAILABLE : Outcome.REFUSED;
    }

    private static Outcome status(String status) {
        return switch (status) {
            case "accepted" -> Outcome.ACCEPTED;
            case "duplicate" -> Outcome.DUPLICATE;
            default -> Outcome.REJECTED;
        };
    }

    private void note(long from, long to, Outcome outcome) {
        if (outcome == Outcome.ACCEPTED || outcome == Outcome.DUPLICATE) {
            acknowledged.add(to - from);
        }
        synchronized (outcomes) {
            outcomes.get(outcome).set(Math.toIntExact(from), Math.toIntExact(to));
        }
    }

    /** The indexes of the records with this outcome (a copy). */
    BitSet with(Outcome outcome) {
        synchronized (outcomes) {
            return (BitSet) outcomes.get(outcome).clone();
        }
    }

    /** The records answered with a 2xx so far (accepted or duplicate). */
    long acknowledged() {
        return acknowledged.sum();
    }

    /** The indexes acknowledged with a 2xx: accepted or duplicate. */
    BitSet acknowledgedIndexes() {
        BitSet acknowledged = with(Outcome.ACCEPTED);
        acknowledged.or(with(Outcome.DUPLICATE));
        return acknowledged;
    }

    /** One past the highest record index a client began to send (chunks are taken in order). */
    long recordsBegun() {
        return Math.min(records, Math.min(nextChunk.get(), (records + CHUNK - 1) / CHUNK) * CHUNK);
    }

    long requests() {
        return requests.sum();
    }

    long noAnswer() {
        return noAnswer.sum();
    }

    long status5xx() {
        return statuses.entrySet().stream().filter(s -> s.getKey() >= 500).mapToLong(s -> s.getValue().sum()).sum();
    }

    long malformedUnavailable() {
        return malformedUnavailable.sum();
    }

    /** Answers by HTTP status, e.g. {@code {200=950, 201=1000, 503=12}}. */
    Map<Integer, Long> statuses() {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.sum()));
        return counts;
    }
}
