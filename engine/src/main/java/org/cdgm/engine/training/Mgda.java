package org.cdgm.engine.training;

import org.cdgm.engine.model.parameters.ParameterLayout;
import org.cdgm.engine.numeric.VectorBlas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * MO-cVAE's direction (Lopez et al., CLeaR 2024): the background and target ELBOs are two objectives, combined on
 * the shared parameters by the multiple-gradient descent algorithm (Désidéri 2012; two-objective closed form in
 * {@link MinNormSolver}): alpha g_b + (1 - alpha) g_t, which decreases both whenever that is possible. The
 * target-only parameters, which only the target objective moves, get g_t + g_b; the regulariser's gradient is
 * added everywhere. Needs the three parts apart, so the buffers are separate.
 */
public final class Mgda implements GradientCombiner {

    @Override
    public GradientBuffers buffers(ParameterLayout layout, DataType dtype) {
        return GradientBuffers.separate(layout, dtype);
    }

    @Override
    public Combination combine(GradientBuffers g) {
        ParameterLayout layout = g.layout();
        double alpha = MinNormSolver.alpha(layout.sharedPart(g.background()), layout.sharedPart(g.target()));
        double squaredNorm = direction(layout, g.background(), g.target(), g.regulariser(), alpha, g.direction());
        return new Combination(Math.sqrt(squaredNorm), alpha);
    }

    @Override
    public boolean multiObjective() {
        return true;
    }

    /**
     * Writes the direction into {@code out} (flat, same layout as the gradients): a copy and four BLAS passes.
     *
     * @return its squared norm (the divergence check needs it)
     */
    static double direction(ParameterLayout layout, INDArray gB, INDArray gT, INDArray gR, double alpha,
                            INDArray out) {
        out.assign(gR);
        VectorBlas.axpy(alpha, layout.sharedPart(gB), layout.sharedPart(out));
        VectorBlas.axpy(1 - alpha, layout.sharedPart(gT), layout.sharedPart(out));
        if (layout.totalLength() > layout.sharedLength()) {
            VectorBlas.axpy(1, layout.targetOnlyPart(gB), layout.targetOnlyPart(out));
            VectorBlas.axpy(1, layout.targetOnlyPart(gT), layout.targetOnlyPart(out));
        }
        return VectorBlas.dot(out, out);
    }
}
