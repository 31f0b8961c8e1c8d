package org.cdgm.engine.model.network;

/**
 * Per-cell means of the ELBO's parts on one pair of batches. Losses are negative ELBOs:
 * background = nll + KL(z); target = nll + KL(z) + KL(t).
 */
public record ElboTerms(double backgroundNll, double backgroundKlShared, double targetNll, double targetKlShared,
                        double targetKlSalient) {

    public double backgroundLoss() {
        return backgroundNll + backgroundKlShared;
    }

    public double targetLoss() {
        return targetNll + targetKlShared + targetKlSalient;
    }

    public double totalLoss() {
        return backgroundLoss() + targetLoss();
    }

    public boolean isFinite() {
        return Double.isFinite(backgroundNll) && Double.isFinite(backgroundKlShared) && Double.isFinite(targetNll)
                && Double.isFinite(targetKlShared) && Double.isFinite(targetKlSalient);
    }
}
