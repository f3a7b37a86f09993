package io.promptwatch.tracking.entity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The compact idempotency key of an execution: the first 64 bits of the SHA-256 of its client
 * id, with open addressing on a collision (an id whose key is taken by another id takes the next
 * free key). The unique index on this {@code BIGINT} is what makes "sending it again never
 * duplicates" cheap; the 128-character id is kept beside it and compared on every match.
 */
public final class ExecutionKeys {

    /** The ids stored under the given keys (keys absent from the answer are free). */
    @FunctionalInterface
    public interface Lookup {
        Map<Long, String> storedIds(Collection<Long> keys);
    }

    /** Ids already stored, and a free key for each new id. */
    public record KeyAssignment(Set<String> stored, Map<String, Long> newKeys) {
    }

    private ExecutionKeys() {
    }

    public static long hash(String executionId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(executionId.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Resolves distinct ids against the store: one lookup per probe round (almost always one). */
    public static KeyAssignment resolve(Collection<String> ids, Lookup lookup) {
        Map<String, Long> candidate = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(ids)) {
            candidate.put(id, hash(id));
        }
        Map<Long, String> owners = new HashMap<>();
        Set<Long> looked = new HashSet<>();
        Set<String> stored = new LinkedHashSet<>();
        Map<String, Long> newKeys = new LinkedHashMap<>();
        while (!candidate.isEmpty()) {
            Set<Long> unknown = new HashSet<>(candidate.values());
            unknown.removeAll(looked);
            if (!unknown.isEmpty()) {
                owners.putAll(lookup.storedIds(unknown));
                looked.addAll(unknown);
            }
            var pending = candidate.entrySet().iterator();
            while (pending.hasNext()) {
                var entry = pending.next();
                String owner = owners.get(entry.getValue());
                if (owner == null) {
                    owners.put(entry.getValue(), entry.getKey());
                    newKeys.put(entry.getKey(), entry.getValue());
                    pending.remove();
                } else if (owner.equals(entry.getKey())) {
                    stored.add(entry.getKey());
                    pending.remove();
                } else {
                    entry.setValue(entry.getValue() + 1);
                }
            }
        }
        return new KeyAssignment(stored, newKeys);
    }
}
