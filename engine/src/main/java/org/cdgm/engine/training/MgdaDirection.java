package org.cdgm.engine.training;

import org.cdgm.engine.model.HostBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The multi-objective step direction: on the shared parameters the MGDA combination alpha g_b + (1 - alpha) g_t,
 * on the target-only parameters (which only the target objective moves) g_t + g_b, plus the regulariser's gradient
 * everywhere. One fused pass that also returns the squared norm (the divergence check needs it).
 */
final class MgdaDirection {
    private static final int CHUNK = 8192;

    private MgdaDirection() {
    }

    /** Writes the direction into {@code out} (flat, same layout as the gradients); returns its squared norm. */
    static double combine(INDArray gB, INDArray gT, INDArray gR, double alpha, long sharedLength, INDArray out) {
        long n = out.length();
        double[] b = new double[CHUNK];
        double[] t = new double[CHUNK];
        double[] r = new double[CHUNK];
        HostBuffer bBuffer = HostBuffer.over(gB);
        HostBuffer tBuffer = HostBuffer.over(gT);
        HostBuffer rBuffer = HostBuffer.over(gR);
        HostBuffer outBuffer = HostBuffer.over(out);
        double squaredNorm = 0;
        for (long from = 0; from < n; from += CHUNK) {
            int length = (int) Math.min(CHUNK, n - from);
            bBuffer.read(from, b, length);
            tBuffer.read(from, t, length);
            rBuffer.read(from, r, length);
            for (int i = 0; i < length; i++) {
                double d = from + i < sharedLength ? alpha * b[i] + (1 - alpha) * t[i] : t[i] + b[i];
                r[i] += d;
                squaredNorm += r[i] * r[i];
            }
            outBuffer.write(r, from, length);
        }
        return squaredNorm;
    }
}
