package org.cdgm.engine.metrics;

/** Predicts several targets from several inputs; used to ask how much of one latent block another explains. */
public interface Regressor {

    /** A fitted map from inputs to targets. */
    interface Fitted {
        double[][] predict(double[][] x);
    }

    String name();

    Fitted fit(double[][] x, double[][] y);
}
