package org.cdgm.engine.metrics;

import java.util.List;

/**
 * Identifiability of a fit against known latents. Shared-block scores use all cells, salient-block scores target
 * cells (background cells have t = 0 by construction).
 *
 * @param sharedMcc               strong MCC (Pearson) of learned z vs true z
 * @param sharedMccSpearman       strong MCC (Spearman)
 * @param sharedMccAligned        weak MCC: after an affine map fitted on held-in cells
 * @param salientMcc              strong MCC (Pearson) of learned t vs true t
 * @param salientMccSpearman      strong MCC (Spearman)
 * @param salientMccAligned       weak MCC of the salient block
 * @param sharedR2Linear          held-out R^2 of true z from learned z, affine map
 * @param sharedR2Kernel          same with kernel ridge
 * @param salientR2Linear         held-out R^2 of true t from learned t (target cells)
 * @param salientR2Kernel         same with kernel ridge
 * @param salientLeakageLinear    R^2 of true t from learned z (target cells): salient signal in the shared space
 * @param salientLeakageKernel    same with kernel ridge
 * @param sharedLeakageLinear     R^2 of true z from learned t (target cells): shared signal in the salient space
 * @param sharedLeakageKernel     same with kernel ridge
 * @param backgroundSalientSpread variance of learned t over background cells / over target cells (0 is ideal)
 */
public record IdentifiabilityReport(double sharedMcc, double sharedMccSpearman, double sharedMccAligned,
                                    double salientMcc, double salientMccSpearman, double salientMccAligned,
                                    double sharedR2Linear, double sharedR2Kernel, double salientR2Linear,
                                    double salientR2Kernel, double salientLeakageLinear, double salientLeakageKernel,
                                    double sharedLeakageLinear, double sharedLeakageKernel,
                                    double backgroundSalientSpread) {

    /** One named figure with what it means, for tables and reports. */
    public record Row(String metric, double value, String meaning) {
    }

    public List<Row> rows() {
        return List.of(
            new Row("shared_mcc", sharedMcc, "MCC (Pearson) of learned vs true shared latents; 1 = recovered"),
            new Row("shared_mcc_spearman", sharedMccSpearman, "MCC (Spearman) of the shared block"),
            new Row("shared_mcc_aligned", sharedMccAligned, "MCC of the shared block after an affine alignment"),
            new Row("salient_mcc", salientMcc, "MCC (Pearson) of learned vs true salient latents, target cells"),
            new Row("salient_mcc_spearman", salientMccSpearman, "MCC (Spearman) of the salient block"),
            new Row("salient_mcc_aligned", salientMccAligned, "MCC of the salient block after an affine alignment"),
            new Row("shared_r2_linear", sharedR2Linear, "R^2 of true shared from learned shared (affine)"),
            new Row("shared_r2_kernel", sharedR2Kernel, "R^2 of true shared from learned shared (kernel)"),
            new Row("salient_r2_linear", salientR2Linear, "R^2 of true salient from learned salient (affine)"),
            new Row("salient_r2_kernel", salientR2Kernel, "R^2 of true salient from learned salient (kernel)"),
            new Row("salient_leakage_linear", salientLeakageLinear,
                    "R^2 of true salient from learned shared (affine); 0 = no leakage"),
            new Row("salient_leakage_kernel", salientLeakageKernel,
                    "R^2 of true salient from learned shared (kernel); 0 = no leakage"),
            new Row("shared_leakage_linear", sharedLeakageLinear,
                    "R^2 of true shared from learned salient (affine); 0 = no leakage"),
            new Row("shared_leakage_kernel", sharedLeakageKernel,
                    "R^2 of true shared from learned salient (kernel); 0 = no leakage"),
            new Row("background_salient_spread", backgroundSalientSpread,
                    "variance of salient codes of background cells / of target cells; 0 = background has none"));
    }
}
