package org.cdgm.engine.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.cdgm.engine.data.CellSet;
import org.cdgm.engine.data.Condition;
import org.cdgm.engine.data.ContrastiveDataset;
import org.cdgm.engine.data.DenseCellMatrix;
import org.cdgm.engine.model.Activation;
import org.cdgm.engine.model.Embedding;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.testdata.SharedData;
import org.junit.jupiter.api.Test;

/**
 * Real counts from the CPLVM repository (../shared/data/cplvm_toy_poisson): 1,000 background and 1,000
 * foreground cells over 2 genes; the foreground's two halves are sub-groups that the background lacks. A
 * contrastive Poisson model must put that difference in the salient code.
 */
class CplvmToyPoissonTest {

    @Test
    void salientCodeSeparatesTheForegroundSubgroups() throws Exception {
        Path dir = SharedData.root().resolve("cplvm_toy_poisson");
        double[][] bg = SharedData.numericCsv(dir.resolve("toy_background.csv"));
        double[][] fg = SharedData.numericCsv(dir.resolve("toy_foreground.csv"));
        assertEquals(1000, bg.length);
        assertEquals(1000, fg.length);
        ContrastiveDataset data = new ContrastiveDataset(List.of("gene_1", "gene_2"),
                CellSet.withDefaultIds(Condition.BACKGROUND, DenseCellMatrix.of(bg)),
                CellSet.withDefaultIds(Condition.TARGET, DenseCellMatrix.of(fg)));
        ModelConfig model = ModelConfig.defaults(2, Likelihood.POISSON).withLatentSizes(1, 1)
                .withNetwork(16, 1, 1, Activation.RELU);
        TrainingSettings settings = TrainingSettings.defaults(TrainingMode.CONSTRAINED).withEpochs(40)
                .withBatchSize(64);
        TrainingResult r = new Trainer(model, settings).fit(data, TrainingMonitor.NONE);
        Embedding target = r.model().embed(data.target().matrix());
        Embedding background = r.model().embed(data.background().matrix());
        double[] first = column(target.salient(), 0, 500);
        double[] second = column(target.salient(), 500, 1000);
        double auc = auc(first, second);
        double spreadRatio = variance(column(background.salient(), 0, 1000))
                / variance(column(target.salient(), 0, 1000));
        System.out.printf("CplvmToyPoissonTest: subgroup AUC in t %.3f, background/target salient variance %.3f%n",
                auc, spreadRatio);
        assertTrue(Math.max(auc, 1 - auc) > 0.9, "salient code does not separate the sub-groups: AUC " + auc);
        assertTrue(spreadRatio < 0.5, "background cells vary as much as target cells in t: " + spreadRatio);
    }

    private static double[] column(double[][] x, int from, int to) {
        double[] c = new double[to - from];
        for (int i = from; i < to; i++) {
            c[i - from] = x[i][0];
        }
        return c;
    }

    /** Probability that a value of b exceeds one of a (Mann-Whitney). */
    private static double auc(double[] a, double[] b) {
        double wins = 0;
        for (double x : a) {
            for (double y : b) {
                wins += y > x ? 1 : y == x ? 0.5 : 0;
            }
        }
        return wins / ((double) a.length * b.length);
    }

    private static double variance(double[] v) {
        double m = 0;
        for (double x : v) {
            m += x / v.length;
        }
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m) / v.length;
        }
        return s;
    }
}
