package io.promptwatch.reliability;

import io.promptwatch.bench.Calls;
import io.promptwatch.it.Api;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** Keys of the load generators: their own rate limits far above any load here, so a 429 never counts as an error. */
final class Keys {

    private static final int UNLIMITED = 1_000_000;

    private Keys() {
    }

    static Api unlimited(String role) {
        JsonObject limit = Json.createObjectBuilder().add("perSecond", UNLIMITED).add("burst", UNLIMITED).build();
        String body = Json.createObjectBuilder().add("name", Api.unique("reliability-" + role))
                .add("roles", Json.createArrayBuilder().add(role))
                .add("rateLimits", Json.createObjectBuilder().add("ingest", limit).add("analysis", limit)).build().toString();
        return Api.as(Calls.ok(Api.admin().post("/api/v1/keys", body)).object().getString("key"));
    }
}
