package org.cdgm.engine.model.distributions;

import java.util.SplittableRandom;
import java.util.function.Function;

import org.cdgm.engine.model.parameters.ParameterGroup;
import org.cdgm.engine.model.parameters.ParameterLayout;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** p(code) = N(0, I); the KL to a diagonal Gaussian posterior is closed form. */
public final class StandardNormalPrior implements LatentPrior {
    private final int dim;

    public StandardNormalPrior(int dim) {
        this.dim = dim;
    }

    /** Declares nothing (no parameters; components ignored); a {@link LatentPrior.Factory}. */
    public static Function<ParameterLayout, LatentPrior> declare(ParameterLayout.Builder b, String name,
                                                                 int components, int dim, ParameterGroup group) {
        return layout -> new StandardNormalPrior(dim);
    }

    @Override
    public double kl(INDArray params, LatentSample s, LatentGradient g, INDArray grad, double scale) {
        INDArray var = Transforms.exp(s.logVar(), true);
        // KL = 0.5 * sum(mu^2 + var - logVar - 1)
        INDArray terms = s.mu().mul(s.mu()).addi(var).subi(s.logVar()).subi(1.0);
        double kl = 0.5 * terms.sumNumber().doubleValue() / s.rows();
        if (g != null) {
            g.addMu(s.mu().mul(scale));
            g.addLogVar(var.subi(1.0).muli(0.5 * scale));
        }
        return kl;
    }

    @Override
    public double[][] sample(INDArray params, int n, SplittableRandom rng) {
        double[][] out = new double[n][dim];
        for (double[] row : out) {
            for (int j = 0; j < dim; j++) {
                row[j] = Gaussians.next(rng);
            }
        }
        return out;
    }
}
