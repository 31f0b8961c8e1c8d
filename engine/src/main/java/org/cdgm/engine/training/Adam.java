package org.cdgm.engine.training;

import org.cdgm.engine.model.HostBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adam (Kingma and Ba 2015) on one flat parameter vector, in one fused pass over parameters and gradient (a
 * dozen whole-vector ND4J operations were a fifth of a step on the 2,000-gene benchmark). The moment estimates
 * are kept in double precision on the Java heap.
 */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;
    private static final int CHUNK = 8192;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private final double[] p = new double[CHUNK];
    private final double[] g = new double[CHUNK];
    private long t;

    public Adam(double learningRate, INDArray like) {
        this.learningRate = learningRate;
        this.m = new double[Math.toIntExact(like.length())];
        this.v = new double[m.length];
    }

    /** params -= lr * mHat / (sqrt(vHat) + eps). */
    public void step(INDArray params, INDArray grad) {
        t++;
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(BETA2, t)) / (1 - Math.pow(BETA1, t));
        double eps = EPS * Math.sqrt(1 - Math.pow(BETA2, t));
        HostBuffer paramsBuffer = HostBuffer.over(params);
        HostBuffer gradBuffer = HostBuffer.over(grad);
        for (int from = 0; from < m.length; from += CHUNK) {
            int length = Math.min(CHUNK, m.length - from);
            paramsBuffer.read(from, p, length);
            gradBuffer.read(from, g, length);
            for (int i = 0, k = from; i < length; i++, k++) {
                m[k] = BETA1 * m[k] + (1 - BETA1) * g[i];
                v[k] = BETA2 * v[k] + (1 - BETA2) * g[i] * g[i];
                p[i] -= stepSize * m[k] / (Math.sqrt(v[k]) + eps);
            }
            paramsBuffer.write(p, from, length);
        }
    }
}
