package org.cdgm.engine.model.distributions;

import org.cdgm.engine.numeric.HostBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A reparameterised draw {@code sample = mu + exp(logVar / 2) * eps} from a Gaussian posterior. */
public final class LatentSample {
    private final INDArray mu;
    private final INDArray logVar;
    private final INDArray eps;
    private final INDArray std;
    private final INDArray sample;
    private final double[] hostSample;

    public LatentSample(INDArray mu, INDArray logVar, INDArray eps) {
        this.mu = mu;
        this.logVar = logVar;
        this.eps = eps;
        // one Java pass instead of four ND4J operations (the codes are a few thousand numbers)
        double[] m = HostBuffer.read(mu);
        double[] lv = HostBuffer.read(logVar);
        double[] e = HostBuffer.read(eps);
        double[] sd = new double[m.length];
        boolean single = mu.dataType() != DataType.DOUBLE;
        for (int i = 0; i < m.length; i++) {
            sd[i] = Math.exp(0.5 * lv[i]);
            m[i] += sd[i] * e[i];
            if (single) {
                m[i] = (float) m[i]; // the host copy holds exactly what the float32 array holds
            }
        }
        this.std = HostBuffer.matrix(sd, mu.dataType(), mu.rows(), mu.columns());
        this.sample = HostBuffer.matrix(m, mu.dataType(), mu.rows(), mu.columns());
        this.hostSample = m;
    }

    public INDArray mu() {
        return mu;
    }

    public INDArray logVar() {
        return logVar;
    }

    public INDArray eps() {
        return eps;
    }

    public INDArray std() {
        return std;
    }

    public INDArray sample() {
        return sample;
    }

    /** The sample's values on the Java heap (row-major; read-only by convention), for Java-side consumers. */
    public double[] hostSample() {
        return hostSample;
    }

    public long rows() {
        return mu.rows();
    }
}
