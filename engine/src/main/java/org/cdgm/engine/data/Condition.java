package org.cdgm.engine.data;

/** The two data sets of a comparative analysis. */
public enum Condition {
    /** Control cells: only shared variation. */
    BACKGROUND("Background"),
    /** Perturbed cells: shared plus salient variation. */
    TARGET("Target");

    private final String label;

    Condition(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
