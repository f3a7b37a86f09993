package io.promptwatch.it;

import static io.promptwatch.it.Fixtures.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Set;

/** Starting a batch job through the API and waiting for its execution to end, for the job ITs. */
final class JobRuns {

    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED");

    private JobRuns() {
    }

    /** The execution id of a 202 answer to {@code POST /jobs/{name}} or {@code .../restart}. */
    static long started(Api.Reply reply) {
        expect(202, reply);
        return reply.object().getJsonNumber("executionId").longValue();
    }

    /** Waits until execution {@code id} ends, in {@code status} (null: any end). */
    static JsonObject awaitEnd(Api viewer, long id, String status) {
        JsonObject[] last = new JsonObject[1];
        Server.await(Duration.ofMinutes(5), "execution " + id + " ends", () -> {
            last[0] = expect(200, viewer.get("/api/v1/jobs/executions/" + id)).object();
            return ENDED.contains(last[0].getString("status"));
        });
        if (status != null) {
            assertEquals(status, last[0].getString("status"), last[0]::toString);
        }
        return last[0];
    }

    /** The execution's step of this name. */
    static JsonObject step(JsonObject execution, String name) {
        return execution.getJsonArray("steps").stream().map(JsonValue::asJsonObject).filter(s -> s.getString("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no step " + name + ": " + execution));
    }
}
