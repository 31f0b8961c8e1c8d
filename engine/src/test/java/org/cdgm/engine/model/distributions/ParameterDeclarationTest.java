package org.cdgm.engine.model.distributions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.cdgm.engine.model.Likelihood;
import org.cdgm.engine.model.PriorKind;
import org.cdgm.engine.model.parameters.ParamRef;
import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each registered likelihood and prior declares: parameter names (stored in model files, so fixed), shapes,
 * groups and initial values.
 */
class ParameterDeclarationTest {
    private static final int GENES = 4;

    private static ParameterLayout layoutOf(Likelihood lik) {
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        lik.factory().declare(b, GENES);
        return b.build();
    }

    private static double[] valuesOf(ParameterLayout layout, String name, long seed) {
        ParamRef r = layout.ref(name);
        double[] all = layout.initialValues(seed);
        double[] v = new double[(int) r.length()];
        System.arraycopy(all, (int) r.offset(), v, 0, v.length);
        return v;
    }

    @Test
    void gaussianDeclaresAPerGeneLogVarianceStartingAtUnitVariance() {
        ParameterLayout layout = layoutOf(Likelihood.GAUSSIAN);
        assertEquals(List.of("likelihood.logVariance"), layout.refs().stream().map(ParamRef::name).toList());
        ParamRef r = layout.ref("likelihood.logVariance");
        assertEquals(1, r.rows());
        assertEquals(GENES, r.cols());
        assertEquals(ParameterGroup.SHARED, r.group());
        assertArrayEquals(new double[GENES], valuesOf(layout, "likelihood.logVariance", 3));
    }

    @Test
    void negativeBinomialDeclaresAPerGeneLogThetaStartingAtThetaFive() {
        ParameterLayout layout = layoutOf(Likelihood.NEGATIVE_BINOMIAL);
        assertEquals(List.of("likelihood.logTheta"), layout.refs().stream().map(ParamRef::name).toList());
        ParamRef r = layout.ref("likelihood.logTheta");
        assertEquals(1, r.rows());
        assertEquals(GENES, r.cols());
        assertEquals(ParameterGroup.SHARED, r.group());
        for (double v : valuesOf(layout, "likelihood.logTheta", 3)) {
            assertEquals(Math.log(5.0), v, 0);
        }
    }

    @Test
    void poissonDeclaresNothing() {
        assertEquals(0, layoutOf(Likelihood.POISSON).totalLength());
    }

    @ParameterizedTest
    @EnumSource(Likelihood.class)
    void everyModelAgreesWithItsConstantOnCounts(Likelihood lik) {
        assertEquals(lik.isCount(), lik.standalone(GENES).counts());
    }

    @Test
    void mixturePriorDeclaresMeansScalesAndWeightsWithTheirStartingValues() {
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        Function<ParameterLayout, LatentPrior> build = PriorKind.MIXTURE_OF_GAUSSIANS.factory()
                .declare(b, "salientPrior", 3, 2, ParameterGroup.TARGET_ONLY);
        ParameterLayout layout = b.build();
        assertEquals(List.of("salientPrior.means", "salientPrior.logStd", "salientPrior.logits"),
                layout.refs().stream().map(ParamRef::name).toList());
        assertEquals(3, layout.ref("salientPrior.means").rows());
        assertEquals(2, layout.ref("salientPrior.logStd").cols());
        assertEquals(3, layout.ref("salientPrior.logits").cols());
        assertEquals(0, layout.sharedLength());
        // means: U(-2, 2) in C order from the seed's generator, the only draws
        SplittableRandom rng = new SplittableRandom(9);
        double[] means = valuesOf(layout, "salientPrior.means", 9);
        for (double m : means) {
            assertEquals((2 * rng.nextDouble() - 1) * 2.0, m, 0);
        }
        for (double s : valuesOf(layout, "salientPrior.logStd", 9)) {
            assertEquals(Math.log(0.5), s, 0);
        }
        assertArrayEquals(new double[3], valuesOf(layout, "salientPrior.logits", 9));
        assertEquals(MixturePrior.class, build.apply(layout).getClass());
    }

    @Test
    void standardNormalPriorDeclaresNothing() {
        ParameterLayout.Builder b = new ParameterLayout.Builder();
        LatentPrior p = PriorKind.STANDARD_NORMAL.factory().declare(b, "sharedPrior", 3, 2, ParameterGroup.SHARED)
                .apply(b.build());
        assertEquals(0, b.build().totalLength());
        assertEquals(2, p.sample(null, 5, new SplittableRandom(1))[0].length);
    }
}
