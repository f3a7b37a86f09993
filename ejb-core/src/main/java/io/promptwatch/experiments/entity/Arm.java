package io.promptwatch.experiments.entity;

import jakarta.persistence.Embeddable;

/** One version in an experiment and its share of the traffic (relative weight). */
@Embeddable
public class Arm {

    private String version;
    private double weight;

    protected Arm() {
    }

    public Arm(String version, double weight) {
        this.version = version;
        this.weight = weight;
    }

    public String version() {
        return version;
    }

    public double weight() {
        return weight;
    }
}
