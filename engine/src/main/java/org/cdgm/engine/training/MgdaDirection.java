package org.cdgm.engine.training;

import org.cdgm.engine.model.parameters.ParameterLayout;
import org.cdgm.engine.numeric.VectorBlas;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The multi-objective step direction: on the shared parameters the MGDA combination alpha g_b + (1 - alpha) g_t,
 * on the target-only parameters (which only the target objective moves) g_t + g_b, plus the regulariser's gradient
 * everywhere. A copy and four BLAS passes; returns the squared norm (the divergence check needs it).
 */
final class MgdaDirection {
    private MgdaDirection() {
    }

    /** Writes the direction into {@code out} (flat, same layout as the gradients); returns its squared norm. */
    static double combine(ParameterLayout layout, INDArray gB, INDArray gT, INDArray gR, double alpha, INDArray out) {
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
