package io.promptwatch.experiments.control;

import io.promptwatch.experiments.entity.Arm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Sticky weighted assignment: a subject's arm is a function of the experiment id and the subject
 * alone (SHA-256 of both, read as a number in [0, 1) and placed on the cumulative weights), so a
 * user keeps their version for the whole experiment on every server, with nothing stored.
 */
public final class Assignment {

    private Assignment() {
    }

    public static int arm(String experimentId, String subject, List<Arm> arms) {
        double point = unitInterval(experimentId + "\u0000" + subject);
        double total = arms.stream().mapToDouble(Arm::weight).sum();
        double cumulative = 0;
        for (int i = 0; i < arms.size(); i++) {
            cumulative += arms.get(i).weight() / total;
            if (point < cumulative) {
                return i;
            }
        }
        return arms.size() - 1;
    }

    /** The first 53 bits of SHA-256 of {@code text} as a double in [0, 1). */
    static double unitInterval(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(digest).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
