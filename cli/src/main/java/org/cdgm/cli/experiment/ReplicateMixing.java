package org.cdgm.cli.experiment;

import java.util.List;

import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.metrics.KnnAccuracy;
import org.cdgm.engine.metrics.Silhouette;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.TrainedModel;

/**
 * How far a fit's latent spaces still tell the screen's replicates apart, with the engine's metrics: replicate
 * 15-nearest-neighbour accuracy (mean over {@value #SPLITS} hold-out splits) against its chance level (the most
 * frequent replicate's share), and the replicate silhouette, in the shared space (all cells) and the salient space
 * (target cells); and, to see the biology kept, the silhouette of the IFN-gamma pathway knockouts against the other
 * knockouts in the salient space, as {@link PapalexiData} scores it. A space without replicate structure has an
 * accuracy at chance and a silhouette near 0.
 *
 * @param knnShared             replicate 15-NN accuracy in the shared space, all cells
 * @param chanceShared          its chance level
 * @param knnSalient            replicate 15-NN accuracy in the salient space, target cells
 * @param chanceSalient         its chance level
 * @param silhouetteShared      replicate silhouette in the shared space, all cells ({@value #SILHOUETTE_CELLS} drawn)
 * @param silhouetteSalient     replicate silhouette in the salient space, target cells ({@value #SILHOUETTE_CELLS}
 *                              drawn)
 * @param ifngSilhouetteSalient IFN-gamma pathway knockouts against the others, salient space, target cells
 */
record ReplicateMixing(double knnShared, double chanceShared, double knnSalient, double chanceSalient,
                       double silhouetteShared, double silhouetteSalient, double ifngSilhouetteSalient) {
    static final int K = 15;
    static final int SPLITS = 5;
    /** Silhouette is quadratic in cells: this many drawn with seed {@value #SILHOUETTE_SEED}. */
    static final int SILHOUETTE_CELLS = 5000;
    static final long SILHOUETTE_SEED = 1;
    /** PapalexiData's IFN-gamma silhouette (ScreenJob's parameters): at most 4,000 cells, seed 1. */
    static final int IFNG_SILHOUETTE_CELLS = 4000;

    /**
     * Scores a model fitted to {@code data} (the screen with or without the covariate: each cell is embedded with
     * its replicate when the model has the covariate).
     */
    static ReplicateMixing of(TrainedModel model, ContrastiveDataset data, ReplicateScreen screen) {
        Embedding b = model.embed(data.background().matrix(), data.background().batchCodes());
        Embedding t = model.embed(data.target().matrix(), data.target().batchCodes());
        double[][] shared = ReplicateScreen.allCells(b.shared(), t.shared());
        List<String> all = screen.allReplicates();
        List<String> target = screen.targetReplicates();
        List<String> ifng = PapalexiData.pathwayLabels(screen.knockout());
        return new ReplicateMixing(KnnAccuracy.meanOverSplits(shared, all, K, SPLITS), KnnAccuracy.chance(all),
                KnnAccuracy.meanOverSplits(t.salient(), target, K, SPLITS), KnnAccuracy.chance(target),
                Silhouette.of(shared, all, SILHOUETTE_CELLS, SILHOUETTE_SEED),
                Silhouette.of(t.salient(), target, SILHOUETTE_CELLS, SILHOUETTE_SEED),
                Silhouette.of(t.salient(), ifng, IFNG_SILHOUETTE_CELLS, SILHOUETTE_SEED));
    }
}
