package io.promptwatch.experiments.entity;

import io.promptwatch.problem.ProblemException;
import io.promptwatch.registry.entity.VersionStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The arms of an experiment, control first: two or more distinct versions, each with a positive
 * share of the traffic. {@link #of} also checks the versions against the prompt's: each must exist
 * and be servable, which a deprecated version is not.
 */
public record Arms(List<Arm> list) {

    public Arms {
        List<String> versions = list.stream().map(Arm::version).toList();
        requireDistinct(versions);
        if (versions.contains(null)) {
            throw distinctVersionsRequired();
        }
        requireWeights(list.stream().map(Arm::weight).toList(), list.size());
        list = List.copyOf(list);
    }

    /**
     * @param weights  relative shares, control first; {@code null} for equal shares
     * @param versions the status of each of the prompt's versions, empty for a version it does not have
     */
    public static Arms of(String promptId, String controlVersion, List<String> variantVersions, List<Double> weights,
                          Function<String, Optional<VersionStatus>> versions) {
        List<String> names = new ArrayList<>();
        names.add(controlVersion);
        if (variantVersions != null) {
            names.addAll(variantVersions);
        }
        requireDistinct(names);
        for (String v : names) {
            Optional<VersionStatus> status = v == null ? Optional.empty() : versions.apply(v);
            if (status.isEmpty()) {
                throw ProblemException.unprocessable("variantVersions", "prompt " + promptId + " has no version '" + v + "'");
            }
            if (status.get() == VersionStatus.DEPRECATED) {
                throw ProblemException.conflict("variantVersions", "version " + v + " is deprecated and cannot be served");
            }
        }
        List<Double> shares = weights == null ? names.stream().map(v -> 1.0).toList() : weights;
        requireWeights(shares, names.size());
        List<Arm> arms = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            arms.add(new Arm(names.get(i), shares.get(i)));
        }
        return new Arms(arms);
    }

    /** How many versions are compared with the control. */
    public int variants() {
        return list.size() - 1;
    }

    public List<String> versions() {
        return list.stream().map(Arm::version).toList();
    }

    private static void requireDistinct(List<String> versions) {
        if (versions.size() < 2 || versions.get(0) == null || new HashSet<>(versions).size() != versions.size()) {
            throw distinctVersionsRequired();
        }
    }

    private static ProblemException distinctVersionsRequired() {
        return ProblemException.invalid("variantVersions",
                "an experiment needs a controlVersion and one or more other, distinct variantVersions");
    }

    private static void requireWeights(List<Double> weights, int arms) {
        if (weights.size() != arms || weights.stream().anyMatch(w -> w == null || !(w > 0) || w.isInfinite())) {
            throw ProblemException.invalid("weights", "one positive weight per arm (control first) is required");
        }
    }
}
