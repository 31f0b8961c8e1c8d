package org.cdgm.engine.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.cdgm.engine.model.distributions.CellBatch;
import org.cdgm.engine.model.network.CodeGradients;
import org.cdgm.engine.model.network.ContrastiveVae;
import org.cdgm.engine.model.Fixtures;
import org.cdgm.engine.model.GradientCheck;
import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.ModelConfig;
import org.cdgm.engine.model.distributions.Noise;
import org.cdgm.engine.model.PriorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RegulariserGradientTest {
    private static final double BANDWIDTH = 1.3;
    private static final double WEIGHT = 2.5;

    private final ModelConfig cfg = Fixtures.tinyConfig(Likelihood.GAUSSIAN, PriorKind.STANDARD_NORMAL);
    private final ContrastiveVae vae = new ContrastiveVae(cfg);
    private final CellBatch bg = Fixtures.batch(Likelihood.GAUSSIAN, 7, cfg.genes(), 1);
    private final CellBatch tg = Fixtures.batch(Likelihood.GAUSSIAN, 9, cfg.genes(), 2);
    private final Noise noise = Noise.draw(new SplittableRandom(3), 7, 9, 2, 2, DataType.DOUBLE, true);

    private double regulariser(Regulariser r, INDArray p) {
        return r.evaluate(vae.forward(p, bg, tg, noise).codes(), null, 1.0);
    }

    @ParameterizedTest
    @EnumSource(value = RegulariserKind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void penalisedLossGradientMatchesFiniteDifferences(RegulariserKind kind) {
        Regulariser r = kind.create(BANDWIDTH);
        INDArray params = vae.initialParameters(21);
        INDArray grad = vae.layout().zeros(DataType.DOUBLE);
        ContrastiveVae.ForwardPass fp = vae.forward(params, bg, tg, noise);
        CodeGradients extra = new CodeGradients();
        r.evaluate(fp.codes(), extra, WEIGHT);
        vae.lossAndGradients(fp, grad, grad, extra, grad);
        GradientCheck.assertMatches(params, grad,
                p -> vae.evaluate(vae.forward(p, bg, tg, noise)).totalLoss() + WEIGHT * regulariser(r, p),
                1e-6, 1e-6, 1e-4, kind.name());
    }

    @ParameterizedTest
    @EnumSource(value = RegulariserKind.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void separateRegulariserBufferHoldsOnlyItsGradient(RegulariserKind kind) {
        Regulariser r = kind.create(BANDWIDTH);
        INDArray params = vae.initialParameters(22);
        INDArray gB = vae.layout().zeros(DataType.DOUBLE);
        INDArray gT = vae.layout().zeros(DataType.DOUBLE);
        INDArray gR = vae.layout().zeros(DataType.DOUBLE);
        ContrastiveVae.ForwardPass fp = vae.forward(params, bg, tg, noise);
        CodeGradients extra = new CodeGradients();
        r.evaluate(fp.codes(), extra, 1.0);
        vae.lossAndGradients(fp, gB, gT, extra, gR);
        GradientCheck.assertMatches(params, gR, p -> regulariser(r, p), 1e-6, 1e-7, 1e-4, kind + " alone");
    }

    private static INDArray rows(double[][] a) {
        return Nd4j.createFromArray(a).castTo(DataType.DOUBLE);
    }

    @Test
    void mmdOfASetWithItselfIsZeroAndGrowsWithShift() {
        INDArray a = rows(new double[][] {{0, 0}, {1, 0}, {0, 1}, {1, 1}});
        GaussianKernel k = new GaussianKernel(2.0);
        assertEquals(0.0, Mmd.mmd(k, a, a.dup(), null, null, 1), 1e-12);
        double near = Mmd.mmd(k, a, a.add(0.5), null, null, 1);
        double far = Mmd.mmd(k, a, a.add(3.0), null, null, 1);
        assertTrue(near > 0 && far > near, "MMD should grow with the shift: " + near + " " + far);
        // two single points at squared distance 2: MMD^2 = 1 + 1 - 2 exp(-2 / width)
        double two = Mmd.mmd(k, rows(new double[][] {{0, 0}}), rows(new double[][] {{1, 1}}), null, null, 1);
        assertEquals(2 - 2 * Math.exp(-1.0), two, 1e-12);
    }

    @Test
    void medianHeuristicIsTheMedianPairwiseSquaredDistance() {
        // points on a line at 0, 1, 3: squared distances 1, 9, 4 -> median 4
        INDArray a = rows(new double[][] {{0}, {1}, {3}});
        assertEquals(4.0, GaussianKernel.medianSquaredDistance(a), 1e-12);
    }

    @Test
    void hsicSeparatesDependentFromIndependentCodes() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 200;
        double[][] z = new double[n][1];
        double[][] tIndep = new double[n][1];
        double[][] tDep = new double[n][1];
        for (int i = 0; i < n; i++) {
            z[i][0] = rng.nextGaussian();
            tIndep[i][0] = rng.nextGaussian();
            tDep[i][0] = z[i][0] * z[i][0] + 0.05 * rng.nextGaussian(); // uncorrelated but dependent
        }
        Hsic h = new Hsic(1.0);
        double indep = h.evaluate(codes(z, tIndep), null, 1);
        double dep = h.evaluate(codes(z, tDep), null, 1);
        assertTrue(dep > 10 * indep, "HSIC dependent " + dep + " vs independent " + indep);
    }

    private static org.cdgm.engine.model.network.LatentCodes codes(double[][] z, double[][] t) {
        INDArray zz = rows(z);
        INDArray tt = rows(t);
        var sz = new org.cdgm.engine.model.distributions.LatentSample(zz, zz.mul(0).subi(50), zz.mul(0));
        var st = new org.cdgm.engine.model.distributions.LatentSample(tt, tt.mul(0).subi(50), tt.mul(0));
        return new org.cdgm.engine.model.network.LatentCodes(null, null, sz, st);
    }
}
