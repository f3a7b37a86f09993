package io.promptwatch.registry.entity;

import io.promptwatch.problem.ProblemException;
import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code MAJOR.MINOR.PATCH} version, ordered numerically (1.10.0 after 1.9.0). */
public record SemanticVersion(int major, int minor, int patch) implements Comparable<SemanticVersion> {

    private static final Pattern FORMAT = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");
    private static final Comparator<SemanticVersion> ORDER = Comparator.comparingInt(SemanticVersion::major)
            .thenComparingInt(SemanticVersion::minor)
            .thenComparingInt(SemanticVersion::patch);

    public SemanticVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative");
        }
    }

    /** Parses {@code text}, refusing anything but three dot-separated numbers without leading zeros. */
    public static SemanticVersion parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text);
        if (m == null || !m.matches()) {
            throw ProblemException.invalid("version",
                    "version must be MAJOR.MINOR.PATCH with numbers and no leading zeros, such as 1.4.0; got '" + text + "'");
        }
        return new SemanticVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    @Override
    public int compareTo(SemanticVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
