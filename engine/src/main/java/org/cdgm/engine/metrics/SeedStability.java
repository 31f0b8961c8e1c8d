package org.cdgm.engine.metrics;

/**
 * Agreement of two fits that differ only in their seed, on the same cells: the practical identifiability score
 * on real data, where the true latents are unknown. An identifiable model finds the same latents again (up to
 * permutation and sign for MCC, up to an affine map for R^2 and SVCCA). MCC asks whether the same axes were found;
 * SVCCA whether the same space was, however its axes lie: a model with more latent dimensions than the data has
 * factors can find the same space every time but spread it over its axes differently ({@link Svcca}).
 *
 * @param sharedMcc    MCC (Pearson) between the two fits' shared coordinates, all cells
 * @param salientMcc   MCC (Pearson) between the two fits' salient coordinates, target cells
 * @param sharedR2     held-out R^2 of fit B's shared coordinates from fit A's (affine)
 * @param salientR2    held-out R^2 of fit B's salient coordinates from fit A's (affine)
 * @param sharedSvcca  SVCCA similarity of the two fits' shared coordinates, all cells (0 to 1)
 * @param salientSvcca SVCCA similarity of the two fits' salient coordinates, target cells (0 to 1)
 */
public record SeedStability(double sharedMcc, double salientMcc, double sharedR2, double salientR2,
                            double sharedSvcca, double salientSvcca) {

    /**
     * @param sharedA  cells x k_z, fit A;  sharedB the same cells, fit B
     * @param salientA target cells x k_t, fit A;  salientB the same cells, fit B
     * @throws org.cdgm.engine.data.InvalidInputException naming the embedding when a coordinate is NaN or infinite
     */
    public static SeedStability of(double[][] sharedA, double[][] sharedB, double[][] salientA, double[][] salientB,
                                   long seed) {
        if (salientA.length < IdentifiabilityScorer.MIN_CELLS) {
            throw new org.cdgm.engine.data.InvalidInputException("Seed stability needs at least "
                    + IdentifiabilityScorer.MIN_CELLS + " target cells, got " + salientA.length
                    + ": check which value marks the target cells");
        }
        FiniteInput.require(sharedA, "the first fit's shared coordinates");
        FiniteInput.require(sharedB, "the second fit's shared coordinates");
        FiniteInput.require(salientA, "the first fit's salient coordinates");
        FiniteInput.require(salientB, "the second fit's salient coordinates");
        Regressor linear = new RidgeRegression(1e-6);
        return new SeedStability(Mcc.of(sharedA, sharedB, Correlation.PEARSON).mean(),
                Mcc.of(salientA, salientB, Correlation.PEARSON).mean(),
                BlockR2.of(sharedA, sharedB, linear, seed), BlockR2.of(salientA, salientB, linear, seed),
                Svcca.of(sharedA, sharedB), Svcca.of(salientA, salientB));
    }

    /** The six figures with what they mean, in the same row form as {@link IdentifiabilityReport#rows()}. */
    public java.util.List<IdentifiabilityReport.Row> rows() {
        return java.util.List.of(
            new IdentifiabilityReport.Row("stability_shared_mcc", sharedMcc,
                    "MCC (Pearson) between two fits' shared coordinates; 1 = the same latents found again"),
            new IdentifiabilityReport.Row("stability_salient_mcc", salientMcc,
                    "MCC (Pearson) between two fits' salient coordinates, target cells; on simulations 0.8 or more "
                            + "went with a true aligned MCC of about 0.99 (docs/experiments.md)"),
            new IdentifiabilityReport.Row("stability_shared_r2", sharedR2,
                    "R^2 of one fit's shared coordinates from the other's (affine, held out)"),
            new IdentifiabilityReport.Row("stability_salient_r2", salientR2,
                    "R^2 of one fit's salient coordinates from the other's (affine, held out)"),
            new IdentifiabilityReport.Row("stability_shared_svcca", sharedSvcca,
                    "SVCCA between two fits' shared coordinates: 1 = the same space, whatever its axes"),
            new IdentifiabilityReport.Row("stability_salient_svcca", salientSvcca,
                    "SVCCA between two fits' salient coordinates, target cells: 1 = the same space, whatever its "
                            + "axes"));
    }
}
